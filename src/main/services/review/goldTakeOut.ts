import type { ReviewItem } from '../../../shared/api/methods/review'
import { GOLD_ANNOTATOR } from '../../../shared/domain/model'
import type { Span } from '../../../shared/domain/model'
import { NO_ROWS } from '../../store/historyStore'
import type { RowSnapshot } from '../../store/historyStore'
import type { Store } from '../../store/store'

/** A discontinuous span's fragments are part of what it labels (a contiguous span over the same range labels other words). */
const sameFragments = (a: Pick<Span, 'fragments'>, b: Pick<Span, 'fragments'>) => JSON.stringify(a.fragments ?? null) === JSON.stringify(b.fragments ?? null)

/**
 * Takes accepted readings out of gold (review.decide's `unaccept`; the review view's Reject on an accepted reading): a
 * reviewer who reopens a review because an annotator deleted an item, and agrees, had no way to remove the accepted
 * item but an undo of the last gold change. A plain rejection leaves gold as it is, as it always has. The gold
 * items with the rejected item's extent and label (a relation: its label between ends of the same extents, as the
 * review aligns relations) are deleted, with the gold relations on a deleted span, as one gold history entry, so one
 * Undo gold puts them back. Answers how many gold items went.
 */
export function takeOutOfGold(store: Store, documentId: number, items: readonly ReviewItem[], reviewer: string): number {
  const gold = store.annotators.byName(GOLD_ANNOTATOR)
  if (!gold || !items.length) return 0
  const goldSpans = store.spans.layer(documentId, gold.id)
  const goldRelations = store.relations.layer(documentId, gold.id)
  const extentOf = new Map(goldSpans.map((s) => [s.id, `${s.start}:${s.end}`]))
  const spanIds = new Set<number>()
  const relationIds = new Set<number>()
  for (const item of items) {
    if (item.kind === 'span') {
      const s = store.spans.byId(item.id)
      if (s) for (const g of goldSpans) if (g.start === s.start && g.end === s.end && g.label === s.label && sameFragments(g, s)) spanIds.add(g.id)
      continue
    }
    const r = store.relations.byId(item.id)
    const head = r && store.spans.byId(r.headId)
    const tail = r && store.spans.byId(r.tailId)
    if (!r || !head || !tail) continue
    for (const g of goldRelations) {
      if (g.label === r.label && extentOf.get(g.headId) === `${head.start}:${head.end}` && extentOf.get(g.tailId) === `${tail.start}:${tail.end}`) relationIds.add(g.id)
    }
  }
  if (!spanIds.size && !relationIds.size) return 0
  const history = store.history
  const before = { spans: [] as RowSnapshot[], relations: [] as RowSnapshot[] }
  for (const id of spanIds) before.spans.push(history.row('spans', id)!)
  const onSpans = new Map([...spanIds].flatMap((id) => history.attachedRelations(id)).map((row) => [row.id as number, row]))
  for (const [id, row] of onSpans) if (!relationIds.has(id)) before.relations.push(row)
  for (const id of relationIds) before.relations.push(history.row('relations', id)!)
  for (const id of relationIds) store.relations.delete(id)
  for (const id of spanIds) store.spans.delete(id)
  const n = spanIds.size + relationIds.size
  history.record({
    documentId,
    annotatorId: gold.id,
    action: spanIds.size ? 'span.delete' : 'relation.delete',
    summary: `${reviewer} took ${n} item${n === 1 ? '' : 's'} out of gold`,
    before,
    after: NO_ROWS,
  })
  return n
}
