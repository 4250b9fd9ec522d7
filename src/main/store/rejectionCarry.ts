import type Database from 'better-sqlite3'
import { occurrence, relationTwinsBefore, spanTwinsBefore } from './migrations/0017-rejection-occurrence'

/** A reviewer's rejection of an item, named by what the item is (offsets and label), not by its row id. */
export interface CarriedRejection {
  kind: 'span' | 'relation'
  /** "start-end:labelId" of the span, or of the relation's head and tail, plus the relation's label; "#n" for the (n+1)-th of identical items. */
  key: string
  rejectedBy: string
  rejectedAt: string
}

// With the item's rank among identical items of its layer (migration 17): the layer comes back in the same order.
const SPAN_KEY = `s.start || '-' || s."end" || ':' || s.label_id || ${occurrence(spanTwinsBefore('s'))}`
const RELATION_KEY = `h.start || '-' || h."end" || ':' || h.label_id || '>' || t.start || '-' || t."end" || ':' || t.label_id || '=' || r.label_id || ${occurrence(relationTwinsBefore('r'))}`

/**
 * The rejections of one layer's items. Sync replaces a pulled layer's rows
 * (new row ids), which would cascade its rejections away: they are read here
 * first, by what each item is, and put back on the same items afterwards.
 */
export function rejectionsOfLayer(db: Database.Database, documentId: number, annotatorId: number): CarriedRejection[] {
  const spans = db
    .prepare<[number, number], { key: string; rejected_by: string; rejected_at: string }>(
      `SELECT ${SPAN_KEY} AS key, x.rejected_by, x.rejected_at FROM review_rejections x JOIN spans s ON s.id = x.span_id
        WHERE s.document_id = ? AND s.annotator_id = ?`,
    )
    .all(documentId, annotatorId)
  const relations = db
    .prepare<[number, number], { key: string; rejected_by: string; rejected_at: string }>(
      `SELECT ${RELATION_KEY} AS key, x.rejected_by, x.rejected_at FROM review_rejections x JOIN relations r ON r.id = x.relation_id
         JOIN spans h ON h.id = r.head_id JOIN spans t ON t.id = r.tail_id WHERE r.document_id = ? AND r.annotator_id = ?`,
    )
    .all(documentId, annotatorId)
  return [
    ...spans.map((r) => ({ kind: 'span' as const, key: r.key, rejectedBy: r.rejected_by, rejectedAt: r.rejected_at })),
    ...relations.map((r) => ({ kind: 'relation' as const, key: r.key, rejectedBy: r.rejected_by, rejectedAt: r.rejected_at })),
  ]
}

/** Puts carried rejections back on the layer's items that match them (an item the new layer lacks loses its rejection with it). */
export function reattachRejections(db: Database.Database, documentId: number, annotatorId: number, kept: CarriedRejection[]): number {
  if (!kept.length) return 0
  let n = 0
  const spanOf = db.prepare<[number, number, string], { id: number }>(
    `SELECT s.id FROM spans s WHERE s.document_id = ? AND s.annotator_id = ? AND ${SPAN_KEY} = ?
        AND NOT EXISTS (SELECT 1 FROM review_rejections x WHERE x.span_id = s.id) ORDER BY s.id LIMIT 1`,
  )
  const relationOf = db.prepare<[number, number, string], { id: number }>(
    `SELECT r.id FROM relations r JOIN spans h ON h.id = r.head_id JOIN spans t ON t.id = r.tail_id
      WHERE r.document_id = ? AND r.annotator_id = ? AND ${RELATION_KEY} = ?
        AND NOT EXISTS (SELECT 1 FROM review_rejections x WHERE x.relation_id = r.id) ORDER BY r.id LIMIT 1`,
  )
  const insert = db.prepare('INSERT INTO review_rejections (document_id, span_id, relation_id, rejected_by, rejected_at) VALUES (?, ?, ?, ?, ?)')
  for (const k of kept) {
    const row = (k.kind === 'span' ? spanOf : relationOf).get(documentId, annotatorId, k.key)
    if (!row) continue
    insert.run(documentId, k.kind === 'span' ? row.id : null, k.kind === 'relation' ? row.id : null, k.rejectedBy, k.rejectedAt)
    n++
  }
  return n
}

/**
 * Runs `replace` (which rewrites these layers' rows) keeping the layers'
 * rejections on the same items. A workspace without rejections pays one
 * look-up per call, so a big first pull is not slowed down.
 */
export function carryingRejections<T>(db: Database.Database, layers: { documentId: number; annotatorId: number }[], replace: () => T): T {
  if (!db.prepare('SELECT 1 FROM review_rejections LIMIT 1').get()) return replace()
  const kept = layers.map((l) => rejectionsOfLayer(db, l.documentId, l.annotatorId))
  const result = replace()
  layers.forEach((l, i) => reattachRejections(db, l.documentId, l.annotatorId, kept[i]))
  return result
}
