import type { F1Counts } from './f1Counts'
import { relationKey } from './relationIdentity'
import type { MatchSpan } from './spanMatching'

/** A relation as the matcher sees it: indices into its layer's span list. */
export interface MatchRelation {
  head: number
  tail: number
  label: string
}

/**
 * Relations compared by `relationKey` (same label, ends of the same extents; the ends' labels are span agreement's
 * business, see relationIdentity.ts). One-to-one: duplicates pair off. Adds to `counts`, returns the number of matches.
 */
export function addRelationComparison(
  counts: F1Counts,
  a: { spans: readonly MatchSpan[]; relations: readonly MatchRelation[] },
  b: { spans: readonly MatchSpan[]; relations: readonly MatchRelation[] },
): number {
  const free = new Map<string, number>()
  for (const r of b.relations) {
    counts.addB(r.label)
    const k = relationKey(b.spans[r.head], b.spans[r.tail], r.label)
    free.set(k, (free.get(k) ?? 0) + 1)
  }
  let matched = 0
  for (const r of a.relations) {
    counts.addA(r.label)
    const k = relationKey(a.spans[r.head], a.spans[r.tail], r.label)
    const n = free.get(k) ?? 0
    if (n > 0) {
      free.set(k, n - 1)
      counts.addMatch(r.label)
      matched++
    }
  }
  return matched
}
