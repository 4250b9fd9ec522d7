import type Database from 'better-sqlite3'
import { fillUnspacedIndex } from './unspacedIndex'
import { giveGoldUids, rowMarks, withTriggersLeftOut } from './triggersLeftOut'

/**
 * The per-row triggers whose work a deferred write does once at its end: the
 * search index (migration 5), the layers' span counts (13) and gold rows' uids
 * (11, 14). A table with any insert trigger also journals every statement.
 */
const DEFERRED_TRIGGERS = ['documents_fts_insert', 'documents_unspaced_insert', 'layer_span_counts_insert', 'gold_uid_spans', 'gold_uid_relations']

/**
 * Runs a bulk write (an import) in one transaction with the search index, the
 * layers' span counts and gold rows' uids filled once at its end, for the
 * rows it wrote, instead of by the per-row triggers (migrations 12 and 13).
 * Measured on 20,000 news documents: one INSERT … SELECT into FTS5 costs a
 * third to a fifth of the per-document trigger inserts. Those insert triggers
 * are dropped for the write and created again, as they were, before the fills,
 * all inside its transaction: other connections never see them missing (and
 * cannot write meanwhile: the write holds the lock), and a failed, cancelled
 * or crashed import rolls back to the triggers, with neither rows nor index
 * entries (and pays nothing for indexing). Inside another deferred write it
 * simply runs.
 *
 * Inside a caller's transaction it runs in that transaction, with no savepoint
 * of its own: a throw from `fn` must end the caller's transaction (every
 * caller lets it propagate, so the whole transaction rolls back). Why: while a
 * savepoint is open SQLite keeps every statement's journal until it is
 * released, and a table with triggers journals each statement, so a bulk write
 * under a savepoint copied every page it touched to a temporary file once per
 * row: a quarter of an import's CPU (h25's notes).
 */
export function withDeferredIndexing<T>(db: Database.Database, fn: () => T): T {
  const write = (): T => {
    if (db.prepare('SELECT 1 FROM deferred_indexing').get()) return fn()
    const after = db.prepare('SELECT COALESCE(MAX(id), 0) FROM documents').pluck().get() as number
    // No marker row (a trigger refused it): the per-row triggers index everything, as before deferred indexing.
    const marked = db.prepare('INSERT INTO deferred_indexing (after_id) VALUES (?)').run(after).changes === 1
    if (!marked) return fn()
    // Rows are numbered upward (INTEGER PRIMARY KEY without explicit ids, or the import's own count from the largest).
    const marks = rowMarks(db)
    const { afterSpan } = marks
    const result = withTriggersLeftOut(db, DEFERRED_TRIGGERS, fn)
    db.prepare('DELETE FROM deferred_indexing').run()
    db.prepare('INSERT INTO documents_fts (rowid, external_id, title, text) SELECT id, external_id, title, text FROM documents WHERE id > ?').run(after)
    fillUnspacedIndex(db, after)
    // Every span the write added: in new documents (read in the layer index's order), and in documents held
    // before (a layer imported into one: read by row id range: only this write's spans).
    db.prepare(
      `INSERT INTO layer_span_counts (document_id, annotator_id, spans)
         SELECT * FROM (
           SELECT document_id, annotator_id, COUNT(*) FROM spans WHERE document_id > @after GROUP BY document_id, annotator_id
           UNION ALL
           SELECT document_id, annotator_id, COUNT(*) FROM spans NOT INDEXED WHERE id > @afterSpan AND document_id <= @after GROUP BY document_id, annotator_id
         ) WHERE true
         ON CONFLICT (document_id, annotator_id) DO UPDATE SET spans = spans + excluded.spans`,
    ).run({ after, afterSpan })
    giveGoldUids(db, marks)
    return result
  }
  return db.inTransaction ? write() : db.transaction(write).immediate()
}
