import type { Migration } from './migration'

/** '' for the first of identical items (the key as it was before migration 17), '#n' for the (n+1)-th. */
export const occurrence = (before: string) => `(CASE WHEN (${before}) = 0 THEN '' ELSE '#' || (${before}) END)`

/** How many of the layer's spans identical to span `s` (offsets, label) come before it (by row id: the layer's order on every desktop). */
export const spanTwinsBefore = (s: string) => `SELECT count(*) FROM spans o WHERE o.document_id = ${s}.document_id AND o.annotator_id = ${s}.annotator_id
      AND o.start = ${s}.start AND o."end" = ${s}."end" AND o.label_id = ${s}.label_id AND o.id < ${s}.id`

/** How many of the layer's relations identical to relation `r` (label, its spans' offsets and labels) come before it. */
export const relationTwinsBefore = (r: string) => `SELECT count(*) FROM relations o JOIN spans oh ON oh.id = o.head_id JOIN spans ot ON ot.id = o.tail_id
      JOIN spans rh ON rh.id = ${r}.head_id JOIN spans rt ON rt.id = ${r}.tail_id
     WHERE o.document_id = ${r}.document_id AND o.annotator_id = ${r}.annotator_id AND o.label_id = ${r}.label_id AND o.id < ${r}.id
       AND oh.start = rh.start AND oh."end" = rh."end" AND oh.label_id = rh.label_id AND ot.start = rt.start AND ot."end" = rt."end" AND ot.label_id = rt.label_id`

const name = (table: string, id: string) => `(SELECT name FROM ${table} WHERE id = ${id})`
const spanPart = (id: string) => `(SELECT x.start || '-' || x."end" || ':' || ${name('label_types', 'x.label_id')} FROM spans x WHERE x.id = ${id})`

/** The key of span `s` as a rejection names it: annotator, offsets, label name, and which of identical spans. */
export const spanKey = (s: string) =>
  `${name('annotators', `${s}.annotator_id`)} || '|span|' || ${s}.start || '-' || ${s}."end" || ':' || ${name('label_types', `${s}.label_id`)} || ${occurrence(spanTwinsBefore(s))}`

/** The key of relation `r`: annotator, its head's and tail's offsets and labels, its label, and which of identical relations. */
export const relationKey = (r: string) =>
  `${name('annotators', `${r}.annotator_id`)} || '|relation|' || ${spanPart(`${r}.head_id`)} || '>' || ${spanPart(`${r}.tail_id`)} || '=' || ${name('label_types', `${r}.label_id`)} || ${occurrence(relationTwinsBefore(r))}`

/**
 * A reviewer's rejection of an annotator's item travels by the item's key
 * (migration 11: annotator, offsets, label names). Two identical items of one
 * layer (the same offsets and label, e.g. differing only in attributes or
 * fragments) shared that key, so a rejection of the second landed on the
 * first on other desktops. The key now ends with the item's rank among its
 * identical twins ('#1', '#2'…; nothing for the first, so every key made
 * before stays valid). Annotators' items have no uid (only gold rows get one,
 * which keeps imports fast); a pulled layer keeps its rows' order, so the
 * rank is the same on every desktop. Keys of rejections made before stay as
 * they were.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'rejection-occurrence',
  up: `
    DROP TRIGGER review_rejection_key;
    CREATE TRIGGER review_rejection_key AFTER INSERT ON review_rejections BEGIN
      UPDATE review_rejections SET item_key = COALESCE(
        (SELECT ${spanKey('s')} FROM spans s WHERE s.id = NEW.span_id),
        (SELECT ${relationKey('r')} FROM relations r WHERE r.id = NEW.relation_id))
       WHERE id = NEW.id;
    END;
  `,
}
