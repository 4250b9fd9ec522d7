// The preload runs with a fake contextBridge and ipcRenderer (Electron's
// binary is not here): it must expose exactly one object: `invoke`, a function
// that forwards to the API channel and nothing else; `onMenu`, which listens on
// the menu channel only; and `pathForFile` (a dropped file's path).
import { describe, expect, it, vi } from 'vitest'

const exposed: { key: string; api: unknown }[] = []
const invoked: unknown[][] = []
const listeners = new Map<string, ((e: unknown, ...a: unknown[]) => void)[]>()
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
  webUtils: { getPathForFile: (f: { name: string }) => `/dropped/${f.name}` },
  ipcRenderer: {
    on: (channel: string, fn: (e: unknown, ...a: unknown[]) => void) => void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeListener: (channel: string, fn: unknown) => void listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)),
    invoke: (...a: unknown[]) => {
      invoked.push(a)
      return Promise.resolve({ ok: true, value: null })
    },
  },
}))

await import('../../../../src/preload/index')
const { API_CHANNEL } = await import('../../../../src/main/electron/ipcAdapter')

describe('preload', () => {
  it('exposes one object with exactly three functions: invoke, onMenu, pathForFile', () => {
    expect(exposed).toHaveLength(1)
    expect(exposed[0].key).toBe('spanwright')
    const api = exposed[0].api as Record<string, unknown>
    expect(Object.keys(api)).toEqual(['invoke', 'onMenu', 'pathForFile'])
    expect(Object.getOwnPropertyNames(api)).toEqual(['invoke', 'onMenu', 'pathForFile'])
    for (const k of Object.keys(api)) expect(typeof api[k]).toBe('function')
  })

  it('onMenu hears the menu channel only, strings only, until unsubscribed', () => {
    const api = exposed[0].api as { onMenu: (l: (a: string) => void) => () => void }
    const heard: string[] = []
    const off = api.onMenu((a) => heard.push(a))
    expect([...listeners.keys()]).toEqual(['spanwright:menu'])
    const fire = (...a: unknown[]) => (listeners.get('spanwright:menu') ?? []).forEach((fn) => fn({ sender: 'x' }, ...a))
    fire('import')
    fire({ evil: true })
    off()
    fire('export')
    expect(heard).toEqual(['import'])
  })

  it('pathForFile asks webUtils for a dropped file\'s path', () => {
    const api = exposed[0].api as { pathForFile: (f: unknown) => string }
    expect(api.pathForFile({ name: 'a.jsonl' })).toBe('/dropped/a.jsonl')
  })

  it('invoke forwards method and arguments on the API channel, and only there', async () => {
    const api = exposed[0].api as { invoke: (m: string, a: unknown) => Promise<unknown> }
    await expect(api.invoke('schema.list', { x: 1 })).resolves.toEqual({ ok: true, value: null })
    expect(invoked).toEqual([[API_CHANNEL, 'schema.list', { x: 1 }]])
  })
})
