import type Database from 'better-sqlite3'
import { giveGoldUids, rowMarks, withTriggersLeftOut } from './triggersLeftOut'

/**
 * The per-row triggers a pulled page leaves out while it writes its layers
 * (their work is done once at the end of the page's transaction, or is not
 * wanted at all): the layer outbox marks (a pulled layer is the server's copy,
 * not a local change: the per-row triggers marked it and `settlePulled`
 * unmarked it again, a DELETE and an INSERT into team_outbox per row), the
 * span counts (migration 13) and gold rows' uids (11, 14). Gold items' own
 * outbox triggers stay: whatever they mark now they marked before.
 */
const LEFT_OUT = [
  'team_outbox_spans_insert',
  'team_outbox_spans_delete',
  'team_outbox_spans_update',
  'team_outbox_relations_insert',
  'team_outbox_relations_delete',
  'team_outbox_relations_update',
  'team_outbox_document_status_insert',
  'team_outbox_document_status_delete',
  'team_outbox_document_status_update',
  'layer_span_counts_insert',
  'layer_span_counts_delete',
  'gold_uid_spans',
  'gold_uid_relations',
]
const IN_KEYS = '(document_id, annotator_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))'

/**
 * Runs `write` (which replaces the rows of `layers`) with the triggers above
 * dropped, then creates them again from their own stored SQL and does their
 * work for those layers: each layer's span count recounted, uids given to
 * gold rows written without one. Must run inside the caller's transaction, with
 * no savepoint of its own (a savepoint keeps every statement's journal: h25's
 * notes): a throw rolls the whole transaction back, triggers included, and
 * other connections never see them missing (they see the page committed, or
 * not at all). Unlike the triggers, it marks none of these layers for the next
 * push: the caller retires their outbox entries itself.
 */
export function writingPulledLayers<T>(db: Database.Database, layers: { documentId: number; annotatorId: number }[], write: () => T): T {
  if (!db.inTransaction) throw new Error('writingPulledLayers runs inside the caller’s transaction')
  const marks = rowMarks(db)
  const result = withTriggersLeftOut(db, LEFT_OUT, write)
  const keys = JSON.stringify(layers.map((l) => [l.documentId, l.annotatorId]))
  db.prepare(`DELETE FROM layer_span_counts WHERE ${IN_KEYS}`).run(keys)
  db.prepare(
    `INSERT INTO layer_span_counts (document_id, annotator_id, spans)
       SELECT document_id, annotator_id, COUNT(*) FROM spans WHERE ${IN_KEYS} GROUP BY document_id, annotator_id`,
  ).run(keys)
  giveGoldUids(db, marks)
  return result
}
