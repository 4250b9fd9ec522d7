import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

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

  it('matches arguments whatever their key order, and leaves out undefined ones as JSON does', async () => {
    const { prefetch, takePrefetched } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    prefetch('documents.list', { annotator: 'alice', offset: 0, limit: 100 })
    expect(takePrefetched('documents.list', { limit: 100, offset: 0, annotator: 'alice', query: undefined })).not.toBeNull()
    prefetch('documents.list', { annotator: 'alice', offset: 0, limit: 100 })
    expect(takePrefetched('documents.list', { annotator: 'alice', offset: 100, limit: 100 })).toBeNull()
    expect(seen).toHaveLength(2)
  })

  it('takeOrCall takes a prefetched read, and asks itself when there is none', async () => {
    const { prefetch, takeOrCall } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    prefetch('documents.get', { externalId: 'c' })
    expect(await takeOrCall('documents.get', { externalId: 'c' })).toEqual({ id: 1, externalId: 'c' })
    expect(seen).toHaveLength(1)
    expect(await takeOrCall('documents.get', { externalId: 'c' })).toEqual({ id: 1, externalId: 'c' })
    expect(seen).toHaveLength(2)
  })

  it('a read nobody took for 15 s is not handed out: the screen asks again', async () => {
    const { prefetch, takePrefetched } = await import('../../../../src/renderer/api/prefetch')
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      prefetch('documents.get', { externalId: 'old' })
      vi.setSystemTime(Date.now() + 15_001)
      expect(takePrefetched('documents.get', { externalId: 'old' })).toBeNull()
      prefetch('documents.get', { externalId: 'fresh' })
      vi.setSystemTime(Date.now() + 14_000)
      expect(takePrefetched('documents.get', { externalId: 'fresh' })).not.toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('the boot script\'s copy of the module and the app\'s share one set of reads (they are built apart)', async () => {
    const boot = await import('../../../../src/renderer/api/prefetch')
    vi.resetModules()
    const app = await import('../../../../src/renderer/api/prefetch')
    expect(app).not.toBe(boot)
    seen.length = 0
    boot.prefetch('documents.get', { externalId: 'shared' })
    expect(await app.takePrefetched('documents.get', { externalId: 'shared' })).toEqual({ id: 1, externalId: 'shared' })
    expect(seen).toHaveLength(1)
  })

  it('a read whose arguments come later: a taker that asks first waits for them and takes it, one request in all', async () => {
    const { prefetchWhen, takeOrCall } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    let give!: (a: { externalId: string } | null) => void
    prefetchWhen('documents.get', new Promise((r) => (give = r)))
    const taken = takeOrCall('documents.get', { externalId: 'later' }) // asked before the arguments are known
    await new Promise((r) => setTimeout(r, 5))
    expect(seen).toHaveLength(0)
    give({ externalId: 'later' })
    expect(await taken).toEqual({ id: 1, externalId: 'later' })
    expect(seen).toHaveLength(1)
  })

  it('no read when the arguments turn out null or fail: the taker asks itself', async () => {
    const { prefetchWhen, takeOrCall } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    prefetchWhen('documents.get', Promise.resolve(null))
    expect(await takeOrCall('documents.get', { externalId: 'n' })).toEqual({ id: 1, externalId: 'n' })
    prefetchWhen('documents.get', Promise.reject(new Error('the document read failed')))
    expect(await takeOrCall('documents.get', { externalId: 'f' })).toEqual({ id: 1, externalId: 'f' })
    // Other arguments than the prefetched ones: asked for, and the prefetched read stays for its own taker.
    prefetchWhen('documents.get', Promise.resolve({ externalId: 'x' }))
    expect(await takeOrCall('documents.get', { externalId: 'y' })).toEqual({ id: 1, externalId: 'y' })
    expect(await takeOrCall('documents.get', { externalId: 'x' })).toEqual({ id: 1, externalId: 'x' })
    expect(seen.map((a) => (a[1] as { externalId: string }).externalId)).toEqual(['n', 'f', 'x', 'y'])
  })

  it('answered() gives a read\'s answer once it has come, without taking it; never an error or an old one', async () => {
    const { answered, prefetch, takePrefetched } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    prefetch('documents.get', { externalId: 'a1' })
    expect(answered('documents.get', { externalId: 'a1' })).toBeNull() // asked, not answered yet
    await new Promise((r) => setTimeout(r, 0))
    expect(answered('documents.get', { externalId: 'a1' })).toEqual({ value: { id: 1, externalId: 'a1' } })
    expect(await takePrefetched('documents.get', { externalId: 'a1' })).toEqual({ id: 1, externalId: 'a1' }) // still there to take
    expect(answered('documents.get', { externalId: 'a1' })).toBeNull() // taken
    prefetch('documents.get', { externalId: 'missing' })
    await new Promise((r) => setTimeout(r, 0))
    expect(answered('documents.get', { externalId: 'missing' })).toBeNull()
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      prefetch('documents.get', { externalId: 'old' })
      await new Promise((r) => setTimeout(r, 0)) // answered (only Date is faked)
      expect(answered('documents.get', { externalId: 'old' })).not.toBeNull()
      vi.setSystemTime(Date.now() + 15_001)
      expect(answered('documents.get', { externalId: 'old' })).toBeNull()
    } finally {
      vi.useRealTimers()
    }
    expect(seen).toHaveLength(3)
  })

  // Last: leaving the first screen is for the page's life (the module's state is shared).
  it('once the page leaves its first screen, an untaken read is asked again, and later prefetches are not kept', async () => {
    const { prefetch, takePrefetched, takeOrCall, leaveFirstScreen } = await import('../../../../src/renderer/api/prefetch')
    seen.length = 0
    prefetch('documents.get', { externalId: 'first' })
    leaveFirstScreen()
    expect(takePrefetched('documents.get', { externalId: 'first' })).toBeNull()
    await takeOrCall('documents.get', { externalId: 'first' })
    expect(seen).toHaveLength(2)
    prefetch('documents.get', { externalId: 'later' })
    expect(takePrefetched('documents.get', { externalId: 'later' })).toBeNull()
  })
})
