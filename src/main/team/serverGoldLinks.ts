import type { ClientBase } from 'pg'
import type { GoldItemKey, GoldRelationContent, OutgoingGoldItem, ServerGoldItem } from '../../shared/team/goldItems'

/** A gold item's key in a push's maps. */
export const key = (k: GoldItemKey): string => `${k.documentId}\u0000${k.uid}`

const short = (uid: string) => uid.slice(0, 8)

/**
 * The gold layer stays whole on the server: no live relation names a deleted
 * span. Two reviewers break that only together, one adding a relation on a
 * span the other deletes at the same time. Whichever pushes second gets a
 * conflict on that one item, kept aside beside the server's copy like any lost
 * race, instead of the relation vanishing later when the deletion reaches its
 * desktop. Answers the writes of this push (by `at`, their index in the push)
 * that would break it, with the reason; runs under the push's write lock.
 */
export async function brokenLinks(
  client: ClientBase,
  writes: { item: OutgoingGoldItem; at: number }[],
  current: Map<string, ServerGoldItem>,
): Promise<Map<number, string>> {
  const broken = new Map<number, string>()
  const written = new Map(writes.map((w) => [key(w.item), w.item]))
  const relations = writes.filter((w) => w.item.kind === 'relation' && w.item.content)
  const deletedSpans = writes.filter((w) => w.item.kind === 'span' && !w.item.content)
  if (relations.length) {
    const named = relations.flatMap((w) => {
      const c = w.item.content as GoldRelationContent
      return [c.head, c.tail].map((uid) => ({ documentId: w.item.documentId, uid }))
    })
    const gone = await client.query<{ document_id: string; uid: string; updated_by: string }>(
      `SELECT g.document_id, g.uid, g.updated_by FROM team_gold_items g JOIN unnest($1::text[], $2::text[]) AS k(d, u) ON g.document_id = k.d AND g.uid = k.u
        WHERE g.kind = 'span' AND g.content IS NULL`,
      [named.map((k) => k.documentId), named.map((k) => k.uid)],
    )
    const deletedBy = new Map(gone.rows.map((r) => [key({ documentId: r.document_id, uid: r.uid }), r.updated_by]))
    // What this push writes is what the server will hold.
    for (const k of named) if (written.has(key(k))) deletedBy.delete(key(k))
    for (const w of deletedSpans) deletedBy.set(key(w.item), 'this push')
    for (const w of relations) {
      const c = w.item.content as GoldRelationContent
      const span = [c.head, c.tail].find((uid) => deletedBy.has(key({ documentId: w.item.documentId, uid })))
      if (span === undefined) continue
      const by = deletedBy.get(key({ documentId: w.item.documentId, uid: span }))
      broken.set(
        w.at,
        `the gold span ${short(span)} this relation (${c.label}) names was deleted by ${by} meanwhile; your relation is kept aside, and taking yours puts that span back too`,
      )
    }
  }
  if (deletedSpans.length) {
    const live = await client.query<{ document_id: string; uid: string; label: string; head: string; tail: string; updated_by: string }>(
      `SELECT document_id, uid, content->>'label' AS label, content->>'head' AS head, content->>'tail' AS tail, updated_by
         FROM team_gold_items
        WHERE kind = 'relation' AND content IS NOT NULL AND document_id = ANY($1::text[])
          AND (content->>'head' = ANY($2::text[]) OR content->>'tail' = ANY($2::text[]))`,
      [deletedSpans.map((w) => w.item.documentId), deletedSpans.map((w) => w.item.uid)],
    )
    for (const w of deletedSpans) {
      const names = (r: { head: string; tail: string }) => r.head === w.item.uid || r.tail === w.item.uid
      const still = live.rows.find((r) => {
        if (r.document_id !== w.item.documentId || !names(r)) return false
        // A relation this push deletes, or moves off this span, no longer names it.
        const mine = written.get(key({ documentId: r.document_id, uid: r.uid }))
        return !mine || (mine.content !== null && names(mine.content as GoldRelationContent))
      })
      if (still)
        broken.set(
          w.at,
          `${still.updated_by} added gold relation ${still.label} (${short(still.uid)}) on this span meanwhile, so your deletion of it is kept aside and the span stays`,
        )
    }
  }
  return broken
}
