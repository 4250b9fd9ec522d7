import type Database from 'better-sqlite3'
import { fillUnspacedIndex } from '../unspacedIndex'
import { GRAMS_FUNCTION, registerUnspacedGrams } from '../unspacedGrams'
import type { Migration } from './migration'

/**
 * A search index for words in scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) and
 * emoji, which the main index (migration 5, unicode61) cannot find inside a run of letters: they were found by reading
 * every document's text (0.13 s at 100k documents). `documents_unspaced` holds, for each document that has such
 * characters, their overlapping pairs (store/unspacedGrams.ts); a document without any has no row and costs its
 * triggers one test. Contentless: the text is stored once, in `documents`, and a delete needs only the row id.
 *
 * The triggers call a function the application registers on every connection it opens (store/database.ts): a
 * program that writes documents without it is refused (`no such function`) rather than leaving the index behind.
 * Like the main index, the insert trigger is left out during a bulk import, which fills the index once at its end
 * (store/deferredIndexing.ts). The index is built here once for the documents a workspace already holds.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'unspaced-search',
  up: `
    CREATE VIRTUAL TABLE documents_unspaced USING fts5(
      grams, content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '1'
    );
    CREATE TRIGGER documents_unspaced_insert AFTER INSERT ON documents
      WHEN ${GRAMS_FUNCTION}(new.external_id, new.title, new.text) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM deferred_indexing WHERE new.id > after_id) BEGIN
      INSERT INTO documents_unspaced (rowid, grams) VALUES (new.id, ${GRAMS_FUNCTION}(new.external_id, new.title, new.text));
    END;
    CREATE TRIGGER documents_unspaced_delete AFTER DELETE ON documents BEGIN
      DELETE FROM documents_unspaced WHERE rowid = old.id;
    END;
    CREATE TRIGGER documents_unspaced_update AFTER UPDATE OF external_id, title, text ON documents
      WHEN NOT EXISTS (SELECT 1 FROM deferred_indexing WHERE old.id > after_id) BEGIN
      DELETE FROM documents_unspaced WHERE rowid = old.id;
      INSERT INTO documents_unspaced (rowid, grams)
        SELECT new.id, g FROM (SELECT ${GRAMS_FUNCTION}(new.external_id, new.title, new.text) AS g) WHERE g IS NOT NULL;
    END;
  `,
  then: (db: Database.Database) => {
    registerUnspacedGrams(db)
    fillUnspacedIndex(db, 0)
  },
}
