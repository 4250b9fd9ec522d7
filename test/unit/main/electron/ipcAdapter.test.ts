import { describe, expect, it, vi } from 'vitest'

// The one place a mock is allowed: Electron's binary cannot run here, so its
// module is replaced at the boundary with a recorder of ipcMain.handle.
const handlersByChannel = new Map<string, (...a: unknown[]) => unknown>()
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => handlersByChannel.set(channel, fn) },
}))

const { ipcMain } = await import('electron')
const { API_CHANNEL, isTrustedRendererUrl, registerIpcApi } = await import('../../../../src/main/electron/ipcAdapter')
const { createHandlers } = await import('../../../../src/main/api/handlerTable')
const { tempStore } = await import('../../../helpers/tempWorkspace')

describe('Electron IPC adapter', () => {
  const { store } = tempStore()
  const handlers = createHandlers({ store, version: 'test', transport: 'ipc' })
  const rendererUrl = 'file:///app/out/renderer/index.html'
  registerIpcApi(ipcMain, handlers, (u) => isTrustedRendererUrl(u, rendererUrl))
  const invoke = (frameUrl: string, method: unknown, args: unknown) =>
    handlersByChannel.get(API_CHANNEL)!({ senderFrame: { url: frameUrl, parent: null } }, method, args)

  it('registers exactly one channel', () => {
    expect([...handlersByChannel.keys()]).toEqual([API_CHANNEL])
  })

  it('dispatches a call from our own frame', async () => {
    const reply = (await invoke(rendererUrl, 'schema.list', {})) as { ok: boolean; value: { name: string }[] }
    expect(reply.ok).toBe(true)
    expect(reply.value.map((l) => l.name)).toContain('PERSON')
  })

  it('validates arguments through dispatch', async () => {
    const reply = (await invoke(rendererUrl, 'spans.delete', { id: 'x' })) as { ok: boolean; error: { code: string } }
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })

  it('rejects a call from a foreign frame without running it', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', '', 'not a url']) {
      const reply = (await invoke(url, 'session.setAnnotator', { name: 'mallory' })) as { ok: boolean; error: { code: string } }
      expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
    expect(store.annotators.byName('mallory')).toBeNull()
  })

  it('trusts the dev server by origin', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})
