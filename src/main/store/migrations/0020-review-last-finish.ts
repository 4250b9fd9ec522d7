import type { Migration } from './migration'

const SPAN_FIELDS = (s: string) => `${s}.start, ${s}.end, ${s}.label_id, ${s}.kind, ${s}.fragments, ${s}.attributes, ${s}.note, ${s}.norm, ${s}.norm_text`

/**
 * A span's content as migration 19 kept it, plus, for a brat event that is not its trigger's own span, the trigger it
 * belongs to (by extent and label, so a pulled layer under new ids reads the same): which T line an E line names is an
 * annotator's decision, and a brat export writes it. Spans without a trigger link read exactly as before.
 */
const spanContent = (s: string) => `CASE WHEN ${s}.trigger_id IS NULL THEN json_array(${SPAN_FIELDS(s)})
  ELSE json_array(${SPAN_FIELDS(s)}, json((SELECT json_array(t.start, t.end, t.label_id) FROM spans t WHERE t.id = ${s}.trigger_id))) END`

/**
 * Every annotator item of the documents a condition on the document id column picks, one row each (see migration 19),
 * now with one 'l' row per annotator whose layer on the document has a status: an annotator whose layer holds nothing
 * (marked done with no span, or an empty layer imported) is a reading the review compares ("no annotation"), so such a
 * layer joining or leaving counts (shared/review/changedSinceDone.ts). The status itself is not content: todo, in
 * progress or done changes no item a review compares or gold holds. Source ids are left out too: they are the file's
 * names for an item, not an annotator's decision.
 */
export const annotatorItemsWhere = (picks: (column: string) => string): string => `
  SELECT s.document_id AS document_id, s.annotator_id AS annotator_id, 's' AS kind, s.id AS item_id, ${spanContent('s')} AS content
    FROM spans s JOIN annotators an ON an.id = s.annotator_id AND an.kind = 'human'
   WHERE ${picks('s.document_id')}
  UNION ALL
  SELECT r.document_id, r.annotator_id, 'r', r.id, json_array(h.start, h.end, t.start, t.end, r.label_id, r.kind, r.attributes, r.note)
    FROM relations r JOIN annotators an ON an.id = r.annotator_id AND an.kind = 'human'
         JOIN spans h ON h.id = r.head_id JOIN spans t ON t.id = r.tail_id
   WHERE ${picks('r.document_id')}
  UNION ALL
  SELECT st.document_id, st.annotator_id, 'l', st.annotator_id, '[]'
    FROM document_status st JOIN annotators an ON an.id = st.annotator_id AND an.kind = 'human'
   WHERE ${picks('st.document_id')}`

export const annotatorItemsOf = (doc: string): string => annotatorItemsWhere((column) => `${column} = ${doc}`)

const take = (doc: string) => `
    DELETE FROM review_done_items WHERE document_id = ${doc};
    DELETE FROM review_done_layers WHERE document_id = ${doc};
    INSERT INTO review_done_layers (document_id, taken) VALUES (${doc}, 'done');
    INSERT INTO review_done_items (document_id, annotator_id, kind, item_id, content)
      SELECT ${doc}, annotator_id, kind, item_id, content FROM (${annotatorItemsOf(doc)});`

/**
 * A reopened review keeps the layers of its last finish: the reviewer who reopens it to take the annotators' changes in
 * needs the list of those changes while working, not only before reopening. The copy is replaced when the review is
 * marked done again, and dropped only with the review's status row. Kept items may now be 'l' (a layer with a status),
 * and a span's content names its event trigger; copies kept before this are brought to the new shape from the layers
 * as they are now (a trigger link or an empty layer changed between the finish and this upgrade is not seen).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'review-last-finish',
  up: `
    DROP TRIGGER review_done_layers_on_insert;
    DROP TRIGGER review_done_layers_on_done;
    DROP TRIGGER review_done_layers_on_reopen;
    DROP TRIGGER review_done_layers_on_delete;

    CREATE TABLE review_done_items_next (
      document_id  INTEGER NOT NULL REFERENCES review_done_layers(document_id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('s', 'r', 'l')),
      item_id      INTEGER NOT NULL,
      content      TEXT NOT NULL
    ) STRICT;
    INSERT INTO review_done_items_next (document_id, annotator_id, kind, item_id, content)
      SELECT k.document_id, k.annotator_id, k.kind, k.item_id,
             COALESCE((SELECT ${spanContent('s')} FROM spans s
                        WHERE k.kind = 's' AND s.id = k.item_id AND s.trigger_id IS NOT NULL AND json_array(${SPAN_FIELDS('s')}) = k.content), k.content)
        FROM review_done_items k;
    INSERT INTO review_done_items_next (document_id, annotator_id, kind, item_id, content)
      SELECT document_id, annotator_id, kind, item_id, content
        FROM (${annotatorItemsWhere((column) => `${column} IN (SELECT document_id FROM review_done_layers)`)}) WHERE kind = 'l';
    DROP TABLE review_done_items;
    ALTER TABLE review_done_items_next RENAME TO review_done_items;
    CREATE INDEX review_done_items_by_document ON review_done_items (document_id);

    CREATE TRIGGER review_done_layers_on_insert AFTER INSERT ON review_status WHEN new.status = 'adjudicated' BEGIN
      ${take('new.document_id')}
    END;
    CREATE TRIGGER review_done_layers_on_done AFTER UPDATE OF status ON review_status
      WHEN new.status = 'adjudicated' AND old.status <> 'adjudicated' BEGIN
      ${take('new.document_id')}
    END;
    CREATE TRIGGER review_done_layers_on_delete AFTER DELETE ON review_status BEGIN
      DELETE FROM review_done_items WHERE document_id = old.document_id;
      DELETE FROM review_done_layers WHERE document_id = old.document_id;
    END;
  `,
}
