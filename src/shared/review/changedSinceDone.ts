/**
 * A review marked done is frozen (its gold is what a gold export writes), but the annotators' own layers are not:
 * a span added afterwards, or an import bringing a third annotator, changes what the review compared. Reopening on
 * every such edit would undo the reviewer's finish silently, so the review stays done and says how far the layers
 * have moved since: the places now undecided (open disagreements) plus the items every annotator now agrees on that
 * gold lacks (marking the review done copied every agreed item into gold, so one missing was agreed on afterwards).
 * Spans are counted here; relations, which need the schema's constraints to know whether gold could take them, by
 * the review service (agreedRelationsMissing) with the same tests as its pre-merge.
 */
import type { Alignment } from './alignment'
import { spanKey } from './alignment'
import type { DecisionInput } from './decisions'

/** Agreed span groups (every annotator the same) whose spans gold lacks and the reviewer rejected none of. */
export function agreedMissingFromGold(alignment: Alignment, gold: DecisionInput['gold'], rejected: DecisionInput['rejected']): number {
  const goldKeys = new Set(gold.spans.map(spanKey))
  const rejectedSpans = new Set(rejected.spans)
  let n = 0
  for (const g of alignment.spanGroups) {
    if (g.difference !== 'agreed' || g.items.some((i) => rejectedSpans.has(i.id))) continue
    if (g.items.some((i) => !goldKeys.has(spanKey(i)))) n++
  }
  return n
}

/** How many items differ now on a review marked done (0 when it is not done, or nothing changed). */
export function changedSinceDone(a: { done: boolean; open: number; agreedMissing: number }): number {
  return a.done ? a.open + a.agreedMissing : 0
}
