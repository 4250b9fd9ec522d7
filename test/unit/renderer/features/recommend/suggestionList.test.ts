import { describe, expect, it } from 'vitest'
import type { SuggestionRow } from '../../../../../src/shared/recommend/report'
import { bestSuggestions, firstEndingAfter, nextArea, offeredSuggestions, stepSuggestion, suggestionAt, suggestionKey, suggestionTitle } from '../../../../../src/renderer/features/recommend/suggestionList'

const row = (start: number, end: number, label = 'PERSON', score = 0.9, recommender = 'string-matcher'): SuggestionRow => ({ documentId: 1, start, end, label, text: 'x'.repeat(end - start), recommender, score, version: null })

describe('offered suggestions', () => {
  it('leaves out a suggestion overlapping a span of the layer (even one starting long before), keeps one that only touches it', () => {
    const spans = [
      { start: 0, end: 100 },
      { start: 10, end: 12 },
      { start: 200, end: 205 },
    ]
    const got = offeredSuggestions([row(50, 55), row(100, 104), row(195, 200), row(204, 210), row(300, 305)], spans, new Set())
    expect(got.map((s) => [s.start, s.end])).toEqual([
      [100, 104],
      [195, 200],
      [300, 305],
    ])
  })

  it('of overlapping suggestions keeps the surest, then the longest, and returns them in text order', () => {
    const got = bestSuggestions([row(30, 40, 'ORG', 0.5), row(0, 5, 'GPE', 0.4), row(32, 36, 'PERSON', 0.8), row(0, 9, 'ORG', 0.4), row(38, 45, 'GPE', 0.6), row(36, 38, 'DATE', 0.1), row(9, 12)])
    expect(got.map((s) => `${s.start}-${s.end} ${s.label}`)).toEqual(['0-9 ORG', '9-12 PERSON', '32-36 PERSON', '36-38 DATE', '38-45 GPE'])
    // Against a plain pairwise check, on many random suggestions.
    let seed = 7
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n)
    const many = Array.from({ length: 400 }, () => {
      const start = rnd(2000)
      return row(start, start + 1 + rnd(30), 'PERSON', rnd(100) / 100)
    })
    const fast = bestSuggestions(many)
    for (let i = 1; i < fast.length; i++) expect(fast[i - 1].end).toBeLessThanOrEqual(fast[i].start)
    const sorted = [...many].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start)
    const slow: typeof many = []
    for (const c of sorted) if (!slow.some((t) => t.start < c.end && c.start < t.end)) slow.push(c)
    expect(fast).toEqual(slow.sort((a, b) => a.start - b.start))
  })

  it('leaves out hidden ones (rejected here), and empty ones are never among the best', () => {
    const a = row(0, 4)
    const b = row(10, 14, 'GPE')
    expect(offeredSuggestions(bestSuggestions([a, b, row(20, 20)]), [], new Set([suggestionKey(a)]))).toEqual([b])
  })
})

describe('finding and stepping', () => {
  const list = [row(10, 15), row(20, 30), row(40, 42)]

  it('the suggestion under the caret: inside it or touching either end, else none', () => {
    expect(suggestionAt(list, 10)).toBe(0)
    expect(suggestionAt(list, 15)).toBe(0)
    expect(suggestionAt(list, 25)).toBe(1)
    expect(suggestionAt(list, 17)).toBeNull()
    expect(suggestionAt(list, 99)).toBeNull()
    expect(suggestionAt(list, null)).toBeNull()
    expect(suggestionAt([], 3)).toBeNull()
  })

  it('steps from the focused one, wrapping round', () => {
    expect(stepSuggestion(list, 0, null, 1)).toBe(1)
    expect(stepSuggestion(list, 2, null, 1)).toBe(0)
    expect(stepSuggestion(list, 0, null, -1)).toBe(2)
  })

  it('without a focused one, steps from the caret (the next at or after it, or the last before it), else from the top', () => {
    expect(stepSuggestion(list, null, 16, 1)).toBe(1)
    expect(stepSuggestion(list, null, 20, 1)).toBe(1)
    expect(stepSuggestion(list, null, 35, -1)).toBe(1)
    expect(stepSuggestion(list, null, 50, 1)).toBe(0)
    expect(stepSuggestion(list, null, 5, -1)).toBe(2)
    expect(stepSuggestion(list, null, null, 1)).toBe(0)
    expect(stepSuggestion(list, null, null, -1)).toBe(2)
    expect(stepSuggestion([], null, null, 1)).toBeNull()
  })

  it('the window over text-ordered suggestions starts at the first one ending after the offset', () => {
    expect(firstEndingAfter(list, 0)).toBe(0)
    expect(firstEndingAfter(list, 15)).toBe(1)
    expect(firstEndingAfter(list, 29)).toBe(1)
    expect(firstEndingAfter(list, 42)).toBe(3)
  })

  it('the hover text names the label, the recommender and its score', () => {
    expect(suggestionTitle({ label: 'GPE', recommender: 'ls-backend:http://127.0.0.1:9090', score: 0.734 })).toBe('Suggested GPE · ls-backend:http://127.0.0.1:9090 · score 0.73 (Enter accepts, x rejects)')
  })
})

describe('the area of a big document asked about', () => {
  it('starts around the window, stays while the window is well inside it, and moves when it nears an edge', () => {
    const a = nextArea(null, 100_000, 106_000, 700_000, 40_000)
    expect(a).toEqual({ from: 60_000, to: 146_000 })
    expect(nextArea(a, 110_000, 116_000, 700_000, 40_000)).toBe(a)
    expect(nextArea(a, 130_000, 136_000, 700_000, 40_000)).toEqual({ from: 90_000, to: 176_000 })
    expect(nextArea(a, 75_000, 81_000, 700_000, 40_000)).toEqual({ from: 35_000, to: 121_000 })
  })

  it('at the document edges it is clamped and stays put', () => {
    const top = nextArea(null, 0, 6_000, 700_000, 40_000)
    expect(top).toEqual({ from: 0, to: 46_000 })
    expect(nextArea(top, 2_000, 8_000, 700_000, 40_000)).toBe(top)
    const end = nextArea(null, 694_000, 700_000, 700_000, 40_000)
    expect(end).toEqual({ from: 654_000, to: 700_000 })
    expect(nextArea(end, 692_000, 698_000, 700_000, 40_000)).toBe(end)
  })
})
