import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EditQueue } from '../../../../src/renderer/features/annotate/editQueue'

/** What the desktop bridge (the preload's invoke) was handed, call by call: method, args, and the request id if one was given. */
const seen: unknown[][] = []
let failFirst = 0

beforeAll(() => {
  // The renderer's own global: the preload's bridge. Its replies are the real contract shape.
  ;(globalThis as { window?: unknown }).window = {
    spanwright: {
      invoke: async (...a: unknown[]) => {
        seen.push(a)
        if (failFirst > 0) {
          failFirst--
          return { ok: false, error: { code: 'unavailable', message: 'the workspace could not be written: disk full' } }
        }
        return { ok: true, value: { echoed: a[0] } }
      },
    },
  }
})
afterAll(() => {
  delete (globalThis as { window?: unknown }).window
})

describe('the request id is an argument from the edit queue through call() to the transport', () => {
  it('call() hands the bridge the id it was given, and none when given none', async () => {
    const { call } = await import('../../../../src/renderer/api/client')
    seen.length = 0
    await call('spans.delete', { id: 7 }, { requestId: 'edit-0001-aaaa' })
    await call('annotators.list', {})
    expect(seen).toEqual([['spans.delete', { id: 7 }, 'edit-0001-aaaa'], ['annotators.list', {}]])
  })

  it('the id survives an await inside the save, and a call running meanwhile does not pick it up', async () => {
    const { call } = await import('../../../../src/renderer/api/client')
    seen.length = 0
    const q = new EditQueue(() => undefined, () => 1)
    const saved = q.run('deleting', 'span:7', async (requestId) => {
      await new Promise((r) => setTimeout(r, 5))
      return call('spans.delete', { id: 7 }, { requestId })
    })
    // A read made while the save waits: it must go without an id.
    await call('annotators.list', {})
    await saved
    expect(seen.map((a) => [a[0], a.length])).toEqual([
      ['annotators.list', 2],
      ['spans.delete', 3],
    ])
    expect(seen[1][2]).toMatch(/^[A-Za-z0-9-]{8,64}$/)
  })

  it('every retry of one edit carries the same id; two edits carry different ids', async () => {
    const { call } = await import('../../../../src/renderer/api/client')
    seen.length = 0
    failFirst = 2
    const q = new EditQueue(() => undefined, () => 1)
    const first = q.run('relabel', 'span:1', (requestId) => call('spans.update', { id: 1, label: 'ORG' }, { requestId }))
    const second = q.run('delete', 'span:1', (requestId) => call('spans.delete', { id: 1 }, { requestId }))
    await Promise.all([first, second])
    expect(seen.map((a) => a[0])).toEqual(['spans.update', 'spans.update', 'spans.update', 'spans.delete'])
    const ids = seen.map((a) => a[2])
    expect(new Set(ids.slice(0, 3)).size).toBe(1)
    expect(ids[3]).not.toBe(ids[0])
    expect(typeof ids[3]).toBe('string')
  })
})
