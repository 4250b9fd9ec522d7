import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** The desktop bridge stands in for the transport: each invoke is recorded, and a missing document is an error reply. */
const seen: unknown[][] = []
beforeAll(() => {
  ;(globalThis as { window?: unknown }).window = {
    spanwright: {
      invoke: async (...a: unknown[]) => {
        seen.push(a)
        const args = a[1] as { externalId?: string }
        if (args.externalId === 'missing') return { ok: false, error: { code: 'not_found', message: 'no document missing' } }
        return { ok: true, value: { id: 1, externalId: args.externalId } }
      },
    },
  }
})
afterAll(() => {
  delete (globalThis as { window?: unknown }).window
})

describe('prefetch', () => {
  it('asks once at start; the same call takes that answer, once; another call asks again', async () => {
    const { prefetch, takePrefetched } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    prefetch('documents.get', { externalId: 'a' })
    expect(seen).toHaveLength(1)
    expect(takePrefetched('documents.get', { externalId: 'b' })).toBeNull()
    const p = takePrefetched('documents.get', { externalId: 'a' })
    expect(await p).toEqual({ id: 1, externalId: 'a' })
    expect(takePrefetched('documents.get', { externalId: 'a' })).toBeNull()
    expect(seen).toHaveLength(1)
  })

  it('an error reaches the taker; untaken, it is dropped without an unhandled rejection', async () => {
    const { prefetch, takePrefetched } = await import('../../../../src/renderer/api/prefetch')
    prefetch('documents.get', { externalId: 'missing' })
    await expect(takePrefetched('documents.get', { externalId: 'missing' })).rejects.toThrow(/no document missing/)
    prefetch('documents.get', { externalId: 'missing' })
    await new Promise((r) => setTimeout(r, 10))
  })
})
