import type Database from 'better-sqlite3'
import { GRAMS_FUNCTION } from './unspacedGrams'

/**
 * Indexes every document with id > `after` in `documents_unspaced` (migration 22), in one statement: the import's
 * fill at the end of its transaction, and the migration's build. The function runs once per document (its value is
 * kept by the materialized step, not computed again for the row it keeps).
 */
export function fillUnspacedIndex(db: Database.Database, after: number): void {
  db.prepare(
    `WITH g (id, grams) AS MATERIALIZED (SELECT id, ${GRAMS_FUNCTION}(external_id, title, text) FROM documents WHERE id > ?)
     INSERT INTO documents_unspaced (rowid, grams) SELECT id, grams FROM g WHERE grams IS NOT NULL`,
  ).run(after)
}
