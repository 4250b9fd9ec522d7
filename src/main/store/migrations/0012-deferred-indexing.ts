import type { Migration } from './migration'

/**
 * A bulk import indexes its documents once, at the end of its own transaction,
 * instead of one search-index insert per document (3–5× cheaper: the index is
 * filled by one INSERT … SELECT). While an import's transaction runs, the one
 * row of `deferred_indexing` says which documents it created (id > after_id);
 * the triggers skip those, and the import fills the index for them before it
 * commits (store/deferredIndexing.ts). Outside such a transaction the table is
 * empty, so every other write (and any other tool's) is indexed as before. A
 * rolled-back import takes the row and its documents with it.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'deferred-indexing',
  up: `
    CREATE TABLE deferred_indexing (
      after_id INTEGER NOT NULL
    ) STRICT;

    DROP TRIGGER documents_fts_insert;
    DROP TRIGGER documents_fts_delete;
    DROP TRIGGER documents_fts_update;
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents
      WHEN NOT EXISTS (SELECT 1 FROM deferred_indexing WHERE new.id > after_id) BEGIN
      INSERT INTO documents_fts (rowid, external_id, title, text) VALUES (new.id, new.external_id, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents
      WHEN NOT EXISTS (SELECT 1 FROM deferred_indexing WHERE old.id > after_id) BEGIN
      INSERT INTO documents_fts (documents_fts, rowid, external_id, title, text) VALUES ('delete', old.id, old.external_id, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF external_id, title, text ON documents
      WHEN NOT EXISTS (SELECT 1 FROM deferred_indexing WHERE old.id > after_id) BEGIN
      INSERT INTO documents_fts (documents_fts, rowid, external_id, title, text) VALUES ('delete', old.id, old.external_id, old.title, old.text);
      INSERT INTO documents_fts (rowid, external_id, title, text) VALUES (new.id, new.external_id, new.title, new.text);
    END;
  `,
}
