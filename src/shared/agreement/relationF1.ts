import type { F1Counts } from './f1Counts'
import type { SpanMatching } from './spanMatching'

/** A relation as the matcher sees it: indices into its layer's span list. */
export interface MatchRelation {
  head: number
  tail: number
  label: string
}

/**
 * Relations compared through matched spans: a relation of A matches one of B
 * when A's head is matched (by `spanPairs`) to B's head, A's tail to B's tail,
 * and the labels agree. One-to-one: duplicates pair off in order.
 * Adds to `counts` and returns the number of matches.
 */
export function addRelationComparison(counts: F1Counts, a: readonly MatchRelation[], b: readonly MatchRelation[], spanPairs: SpanMatching): number {
  const free = new Map<string, number>()
  for (const r of b) {
    counts.addB(r.label)
    const k = `${r.head}:${r.tail}:${r.label}`
    free.set(k, (free.get(k) ?? 0) + 1)
  }
  let matched = 0
  for (const r of a) {
    counts.addA(r.label)
    const head = spanPairs.get(r.head)
    const tail = spanPairs.get(r.tail)
    if (head === undefined || tail === undefined) continue
    const k = `${head}:${tail}:${r.label}`
    const n = free.get(k) ?? 0
    if (n > 0) {
      free.set(k, n - 1)
      counts.addMatch(r.label)
      matched++
    }
  }
  return matched
}
