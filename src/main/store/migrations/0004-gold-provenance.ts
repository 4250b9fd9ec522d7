import type { Migration } from './migration'

/**
 * The review: every gold span and relation remembers whose item it came from
 * (source annotator and item id), who accepted it and when, and whether it was
 * edited on the way. The columns stay NULL outside the gold layer. Items a
 * reviewer rejected are kept per item (gone with the item), and each document
 * has one review status; no row means unreviewed.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'gold-provenance',
  up: `
    ALTER TABLE spans ADD COLUMN prov_annotator TEXT;
    ALTER TABLE spans ADD COLUMN prov_item_id TEXT;
    ALTER TABLE spans ADD COLUMN prov_accepted_by TEXT;
    ALTER TABLE spans ADD COLUMN prov_accepted_at TEXT;
    ALTER TABLE spans ADD COLUMN prov_edited INTEGER NOT NULL DEFAULT 0 CHECK (prov_edited IN (0, 1));
    ALTER TABLE relations ADD COLUMN prov_annotator TEXT;
    ALTER TABLE relations ADD COLUMN prov_item_id TEXT;
    ALTER TABLE relations ADD COLUMN prov_accepted_by TEXT;
    ALTER TABLE relations ADD COLUMN prov_accepted_at TEXT;
    ALTER TABLE relations ADD COLUMN prov_edited INTEGER NOT NULL DEFAULT 0 CHECK (prov_edited IN (0, 1));

    CREATE TABLE review_status (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      status      TEXT NOT NULL CHECK (status IN ('unreviewed', 'in_review', 'adjudicated')),
      updated_by  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE review_rejections (
      id          INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      span_id     INTEGER UNIQUE REFERENCES spans(id) ON DELETE CASCADE,
      relation_id INTEGER UNIQUE REFERENCES relations(id) ON DELETE CASCADE,
      rejected_by TEXT NOT NULL,
      rejected_at TEXT NOT NULL,
      CHECK ((span_id IS NULL) <> (relation_id IS NULL))
    ) STRICT;
    CREATE INDEX review_rejections_by_document ON review_rejections (document_id);
  `,
}
