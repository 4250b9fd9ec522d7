import type { Migration } from './migration'

/**
 * Recommenders. A rejected suggestion is remembered per document and annotator
 * (by offsets and label, as a suggestion has no id) and not offered again; the
 * label is kept as text so a rename or delete of the label cannot point the
 * rejection at another one. An accepted span records which recommender proposed
 * it, with its score and model version, as JSON in `spans.suggested_by` (NULL
 * for a span made by hand): a column of the span row, so undo and redo, which
 * copy whole rows, keep it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'recommendations',
  up: `
    CREATE TABLE suggestion_rejections (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      label TEXT NOT NULL,
      recommender TEXT NOT NULL,
      rejected_at TEXT NOT NULL,
      PRIMARY KEY (document_id, annotator_id, start, end, label)
    ) WITHOUT ROWID;
    ALTER TABLE spans ADD COLUMN suggested_by TEXT;
  `,
}
