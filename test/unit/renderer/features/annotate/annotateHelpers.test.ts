import { describe, expect, it, vi } from 'vitest'
import { cycleCandidate } from '../../../../../src/renderer/features/annotate/relationFlow'
import { backoffMs, isRefusal, saveWithRetry } from '../../../../../src/renderer/features/annotate/saveRetry'
import { normLink } from '../../../../../src/renderer/features/annotate/normLink'
import type { Span } from '../../../../../src/shared/domain/model'

const span = (id: number, start: number, end: number) => ({ id, start, end, label: 'X' }) as Span

describe('relation tail candidates', () => {
  // Text order: 1 [0,5), 2 [10,15), 3 [20,25), 4 [30,35); the head is 3.
  const spans = [span(1, 0, 5), span(2, 10, 15), span(3, 20, 25), span(4, 30, 35), span(-1, 40, 45)]
  it('start at the span after the head, cycle both ways, skip the head and pending spans', () => {
    expect(cycleCandidate(spans, 3, null, 1)).toBe(4)
    expect(cycleCandidate(spans, 3, null, -1)).toBe(2)
    expect(cycleCandidate(spans, 3, 4, 1)).toBe(1)
    expect(cycleCandidate(spans, 3, 1, -1)).toBe(4)
    expect(cycleCandidate(spans, 3, 2, 1)).toBe(4)
    expect(cycleCandidate([span(3, 0, 1)], 3, null, 1)).toBeNull()
  })
})

describe('saving with retry', () => {
  it('backs off 0.5 s, 1 s, 2 s … capped at 30 s', () => {
    expect([0, 1, 2, 3, 10].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 30_000])
  })

  it('retries transient failures until the save lands, reporting each', async () => {
    vi.useFakeTimers()
    try {
      let calls = 0
      const retries: number[] = []
      const done = saveWithRetry(
        async () => {
          if (++calls < 3) throw new TypeError('Failed to fetch')
          return 'saved'
        },
        (_e, wait) => retries.push(wait),
      )
      await vi.advanceTimersByTimeAsync(2000)
      await expect(done).resolves.toBe('saved')
      expect(retries).toEqual([500, 1000])
    } finally {
      vi.useRealTimers()
    }
  })

  it('tells a refusal (any error reply but internal) from a transient failure', () => {
    expect(isRefusal(Object.assign(new Error('x'), { error: { code: 'not_found', message: 'x' } }))).toBe(true)
    expect(isRefusal(Object.assign(new Error('x'), { error: { code: 'internal', message: 'x' } }))).toBe(false)
    expect(isRefusal(new TypeError('Failed to fetch'))).toBe(false)
  })

  it('does not retry a refusal from the server', async () => {
    let calls = 0
    // What the client throws for an error reply: the reply's error on the exception.
    const refusal = Object.assign(new Error('label "X" is not an entity label'), { error: { code: 'bad_request', message: 'label "X" is not an entity label' } })
    await expect(
      saveWithRetry(
        async () => {
          calls++
          throw refusal
        },
        () => undefined,
      ),
    ).rejects.toBe(refusal)
    expect(calls).toBe(1)
  })
})

describe('normalization links', () => {
  it('link Wikidata QIDs and web addresses, nothing else', () => {
    expect(normLink('Q22316')).toBe('https://www.wikidata.org/wiki/Q22316')
    expect(normLink('wikidata:q42')).toBe('https://www.wikidata.org/wiki/Q42')
    expect(normLink('https://en.wikipedia.org/wiki/John_Kerry')).toBe('https://en.wikipedia.org/wiki/John_Kerry')
    expect(normLink('Wikipedia:534366')).toBeNull()
    expect(normLink('javascript:alert(1)')).toBeNull()
  })
})
