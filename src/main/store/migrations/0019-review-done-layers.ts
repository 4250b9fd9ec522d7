import type { Migration } from './migration'

/**
 * Every annotator item of one document (the `doc` expression names it), one row each: its annotator, kind ('s' span,
 * 'r' relation), id and content (what an annotator decides: extent, label, fragments, attributes, note, norm; a
 * relation's ends by extent, so a pulled layer written again under new ids reads the same). The gold layer is left
 * out: it is what a done review freezes. The review's "changed since done" compares these rows now with the rows kept
 * when the review was marked done (review_done_items), so a deletion counts as much as an addition.
 */
export const annotatorItemsOf = (doc: string): string => annotatorItemsWhere((column) => `${column} = ${doc}`)

/** The same rows for the documents a condition on the document id column picks, with that id (document_id). */
export const annotatorItemsWhere = (picks: (column: string) => string): string => `
  SELECT s.document_id AS document_id, s.annotator_id AS annotator_id, 's' AS kind, s.id AS item_id,
         json_array(s.start, s.end, s.label_id, s.kind, s.fragments, s.attributes, s.note, s.norm, s.norm_text) AS content
    FROM spans s JOIN annotators an ON an.id = s.annotator_id AND an.kind = 'human'
   WHERE ${picks('s.document_id')}
  UNION ALL
  SELECT r.document_id, r.annotator_id, 'r', r.id, json_array(h.start, h.end, t.start, t.end, r.label_id, r.kind, r.attributes, r.note)
    FROM relations r JOIN annotators an ON an.id = r.annotator_id AND an.kind = 'human'
         JOIN spans h ON h.id = r.head_id JOIN spans t ON t.id = r.tail_id
   WHERE ${picks('r.document_id')}`

const take = (doc: string, taken: 'done' | 'upgrade') => `
    DELETE FROM review_done_items WHERE document_id = ${doc};
    DELETE FROM review_done_layers WHERE document_id = ${doc};
    INSERT INTO review_done_layers (document_id, taken) VALUES (${doc}, '${taken}');
    INSERT INTO review_done_items (document_id, annotator_id, kind, item_id, content)
      SELECT ${doc}, annotator_id, kind, item_id, content FROM (${annotatorItemsOf(doc)});`

const forget = (doc: string) => `
    DELETE FROM review_done_items WHERE document_id = ${doc};
    DELETE FROM review_done_layers WHERE document_id = ${doc};`

/**
 * The annotators' layers as they were when each review was marked done, kept by triggers on review_status (so every
 * way a review becomes done counts the same: the review view, the API, a team pull of a colleague's finish) and
 * dropped when it is reopened. Triggers on review_status only: spans and relations get no per-row trigger, so
 * imports and pulls pay nothing. Reviews already done are kept as they are now, marked 'upgrade': for them the
 * review also counts what differs from gold (the seventh session's measure), which saw changes made before this.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'review-done-layers',
  up: `
    CREATE TABLE review_done_layers (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      taken       TEXT NOT NULL CHECK (taken IN ('done', 'upgrade'))
    ) STRICT;
    CREATE TABLE review_done_items (
      document_id  INTEGER NOT NULL REFERENCES review_done_layers(document_id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('s', 'r')),
      item_id      INTEGER NOT NULL,
      content      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX review_done_items_by_document ON review_done_items (document_id);

    CREATE TRIGGER review_done_layers_on_insert AFTER INSERT ON review_status WHEN new.status = 'adjudicated' BEGIN
      ${take('new.document_id', 'done')}
    END;
    CREATE TRIGGER review_done_layers_on_done AFTER UPDATE OF status ON review_status
      WHEN new.status = 'adjudicated' AND old.status <> 'adjudicated' BEGIN
      ${take('new.document_id', 'done')}
    END;
    CREATE TRIGGER review_done_layers_on_reopen AFTER UPDATE OF status ON review_status WHEN new.status <> 'adjudicated' BEGIN
      ${forget('old.document_id')}
    END;
    CREATE TRIGGER review_done_layers_on_delete AFTER DELETE ON review_status BEGIN
      ${forget('old.document_id')}
    END;

    INSERT INTO review_done_layers (document_id, taken) SELECT document_id, 'upgrade' FROM review_status WHERE status = 'adjudicated';
    INSERT INTO review_done_items (document_id, annotator_id, kind, item_id, content)
      SELECT document_id, annotator_id, kind, item_id, content
        FROM (${annotatorItemsWhere((column) => `${column} IN (SELECT document_id FROM review_done_layers)`)});
  `,
}
