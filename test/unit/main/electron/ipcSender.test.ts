// The IPC sender check: only the main frame of our own renderer may call the
// API. Frames are plain objects shaped like Electron's WebFrameMain.
import { describe, expect, it } from 'vitest'
import { API_CHANNEL, ipcApiHandler, isTrustedRendererUrl, registerIpcApi, senderRefusal } from '../../../../src/main/electron/ipcAdapter'
import type { SenderFrame } from '../../../../src/main/electron/ipcAdapter'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { snapshotStore } from '../../../helpers/storeSnapshot'
import { tempStore } from '../../../helpers/tempWorkspace'

const RENDERER = 'file:///opt/Spanwright/resources/app/out/renderer/index.html'
const DEV = 'http://localhost:5173/'
const trusted = (u: string) => isTrustedRendererUrl(u, RENDERER)

const main = (url: string): SenderFrame => ({ url, parent: null })
const sub = (url: string, parentUrl = RENDERER): SenderFrame => ({ url, parent: main(parentUrl) })

describe('IPC sender frame check', () => {
  it('accepts the main frame of our renderer, on any route', () => {
    expect(senderRefusal(main(RENDERER), trusted)).toBeNull()
    expect(senderRefusal(main(`${RENDERER}#/documents/4`), trusted)).toBeNull()
    expect(senderRefusal(main(`${DEV}#/x`), (u) => isTrustedRendererUrl(u, DEV))).toBeNull()
  })

  it('refuses subframes, even of our own page and origin', () => {
    expect(senderRefusal(sub(RENDERER), trusted)).toMatch(/subframe/)
    expect(senderRefusal(sub('https://evil.example/'), trusted)).toMatch(/subframe/)
    expect(senderRefusal(sub(`${DEV}inner.html`, DEV), (u) => isTrustedRendererUrl(u, DEV))).toMatch(/subframe/)
  })

  it('refuses other origins and other files in a main frame', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'file:///opt/Spanwright/resources/app/out/renderer/other.html', 'http://localhost:5174/', 'about:blank', 'data:text/html,x', '', 'not a url']) {
      expect(senderRefusal(main(url), trusted), url).toMatch(/untrusted frame/)
    }
    expect(senderRefusal(main('http://localhost:5174/'), (u) => isTrustedRendererUrl(u, DEV))).toMatch(/untrusted/)
  })

  it('fails closed on a destroyed frame or one without a known parent', () => {
    expect(senderRefusal(null, trusted)).toMatch(/gone/)
    expect(senderRefusal(undefined, trusted)).toMatch(/gone/)
    expect(senderRefusal({ url: RENDERER } as unknown as SenderFrame, trusted)).toMatch(/subframe/)
  })
})

describe('IPC channel handler', () => {
  const { store } = tempStore()
  const handlers = createHandlers({ store, version: 't', transport: 'ipc' })
  const handle = ipcApiHandler(handlers, trusted)

  it('registers one channel whose handler is this one', () => {
    const channels: string[] = []
    registerIpcApi({ handle: (channel: string) => void channels.push(channel) }, handlers, trusted)
    expect(channels).toEqual([API_CHANNEL])
  })

  it('runs a call from our main frame through dispatch', async () => {
    const reply = await handle({ senderFrame: main(RENDERER) as never }, 'schema.list', {})
    expect(reply.ok).toBe(true)
  })

  it('refuses a subframe or a foreign frame without running the call', async () => {
    const before = snapshotStore(store)
    for (const frame of [sub(RENDERER), main('https://evil.example/'), null]) {
      const reply = await handle({ senderFrame: frame as never }, 'session.setAnnotator', { name: 'mallory' })
      expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
    expect(snapshotStore(store)).toEqual(before)
    expect(store.annotators.byName('mallory')).toBeNull()
  })
})
