import type { Suggestion } from './recommender'

/**
 * Drops every suggestion that overlaps one of `spans` (what the layer already
 * has): a suggestion is offered only where nothing is annotated yet. Both lists
 * are swept in offset order, so this is linear after sorting.
 */
export function withoutOverlaps(suggestions: Suggestion[], spans: readonly { start: number; end: number }[] | undefined): Suggestion[] {
  if (!spans?.length || !suggestions.length) return suggestions
  const taken = [...spans].sort((a, b) => a.start - b.start)
  const out: Suggestion[] = []
  // Prefix maximum of ends: the furthest any span starting at or before index i reaches.
  const reach: number[] = []
  let max = -1
  for (const s of taken) reach.push((max = Math.max(max, s.end)))
  for (const s of suggestions) {
    // The last existing span starting before this suggestion's end.
    let lo = 0
    let hi = taken.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (taken[mid].start < s.end) lo = mid + 1
      else hi = mid
    }
    if (lo === 0 || reach[lo - 1] <= s.start) out.push(s)
  }
  return out
}

/**
 * Keeps the longest of overlapping suggestions, as spaCy's `filter_spans`
 * does for the EntityRuler: longest first, earlier first among equals, each
 * kept only if it overlaps nothing kept before. Returns them in offset order.
 */
export function longestFirst<T extends { start: number; end: number }>(items: readonly T[]): T[] {
  return firstComeNonOverlapping([...items].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start))
}

/**
 * Walks items in the given order of preference, keeping each that overlaps
 * nothing kept before; returns the kept ones in offset order.
 */
export function firstComeNonOverlapping<T extends { start: number; end: number }>(preferred: readonly T[]): T[] {
  const kept: T[] = []
  // One flag per character: checking a candidate costs its own length, not the number kept.
  const used = new Uint8Array(preferred.reduce((m, s) => Math.max(m, s.end), 0))
  next: for (const s of preferred) {
    for (let i = s.start; i < s.end; i++) if (used[i]) continue next
    used.fill(1, s.start, s.end)
    kept.push(s)
  }
  return kept.sort((a, b) => a.start - b.start)
}
