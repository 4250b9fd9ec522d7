// The preload runs with a fake contextBridge and ipcRenderer (Electron's
// binary is not here): it must expose exactly one thing, `invoke`, a function
// that forwards to the API channel and nothing else.
import { describe, expect, it, vi } from 'vitest'

const exposed: { key: string; api: unknown }[] = []
const invoked: unknown[][] = []
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
  ipcRenderer: {
    invoke: (...a: unknown[]) => {
      invoked.push(a)
      return Promise.resolve({ ok: true, value: null })
    },
  },
}))

await import('../../../src/preload/index')
const { API_CHANNEL } = await import('../../../src/main/electron/ipcAdapter')

describe('preload', () => {
  it('exposes one object with exactly one function, invoke', () => {
    expect(exposed).toHaveLength(1)
    expect(exposed[0].key).toBe('spanwright')
    const api = exposed[0].api as Record<string, unknown>
    expect(Object.keys(api)).toEqual(['invoke'])
    expect(Object.getOwnPropertyNames(api)).toEqual(['invoke'])
    expect(typeof api.invoke).toBe('function')
  })

  it('invoke forwards method and arguments on the API channel, and only there', async () => {
    const api = exposed[0].api as { invoke: (m: string, a: unknown) => Promise<unknown> }
    await expect(api.invoke('schema.list', { x: 1 })).resolves.toEqual({ ok: true, value: null })
    expect(invoked).toEqual([[API_CHANNEL, 'schema.list', { x: 1 }]])
  })
})
