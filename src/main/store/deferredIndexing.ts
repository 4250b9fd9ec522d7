import type Database from 'better-sqlite3'

/**
 * Runs a bulk write (an import) in one transaction with the search index and
 * the layers' span counts filled once at its end, for the documents it
 * created, instead of by the per-row triggers (migrations 12 and 13).
 * Measured on 20,000 news documents: one INSERT … SELECT into FTS5 costs a
 * third to a fifth of the per-document trigger inserts. The marker row, the
 * documents and their index entries commit or roll back together: a failed or
 * cancelled import leaves neither rows nor index entries (and pays nothing for
 * indexing). Inside another deferred write it simply runs.
 *
 * Inside a caller's transaction it runs in that transaction, with no savepoint
 * of its own: a throw from `fn` must end the caller's transaction (every
 * caller lets it propagate, so the whole transaction rolls back). Why: while a
 * savepoint is open SQLite keeps every statement's journal until it is
 * released, and a table with triggers (spans, documents) journals each
 * statement, so a bulk write under a savepoint copied every page it touched to
 * a temporary file once per row: a quarter of an import's CPU (h25's notes).
 */
export function withDeferredIndexing<T>(db: Database.Database, fn: () => T): T {
  const write = (): T => {
    if (db.prepare('SELECT 1 FROM deferred_indexing').get()) return fn()
    const after = db.prepare('SELECT COALESCE(MAX(id), 0) FROM documents').pluck().get() as number
    // No marker row (a trigger refused it): the per-row triggers have indexed everything already.
    const marked = db.prepare('INSERT INTO deferred_indexing (after_id) VALUES (?)').run(after).changes === 1
    const result = fn()
    if (!marked) return result
    db.prepare('DELETE FROM deferred_indexing').run()
    db.prepare('INSERT INTO documents_fts (rowid, external_id, title, text) SELECT id, external_id, title, text FROM documents WHERE id > ?').run(after)
    db.prepare(
      `INSERT INTO layer_span_counts (document_id, annotator_id, spans)
         SELECT document_id, annotator_id, COUNT(*) FROM spans WHERE document_id > ? GROUP BY document_id, annotator_id`,
    ).run(after)
    return result
  }
  return db.inTransaction ? write() : db.transaction(write).immediate()
}
