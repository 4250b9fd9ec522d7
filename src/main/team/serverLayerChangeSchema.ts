/**
 * Team schema 11: a cheaper layer push, same answers.
 *
 * A layer row carries the change id that wrote its current version
 * (`team_layers.change_id`; null for rows written before the upgrade or by raw
 * SQL). The push function reads it with the layer's version, in the same index
 * look-up, and so:
 * - a change whose id is the layer's current one is answered "already applied"
 *   from the layer row itself;
 * - the change log is searched for a change id only when the layer's version is
 *   not the change's base (or either is null): a change that landed wrote
 *   base + 1, and a layer's version never goes back, so a layer still at the
 *   base was not written by it (the log row of a change that did land stays
 *   as before, so a retry after a colleague's or another desktop's later write
 *   is still answered "already applied");
 * - a layer that exists proves its document exists (deleting a document deletes
 *   its layers), so the document is looked up only for a new layer;
 * - the log rows are written from the upsert's own RETURNING (the change id is a
 *   column now), not through a join with the batch.
 * One push of 1,000 layer updates cost one warm backend 37 ms of CPU before and
 * 28 ms after (team bench notes, h94). Ownership, compare-and-set, the log's
 * positions and what pull and prune read are unchanged: row-level security
 * judges the same rows, and a member can set the column only on a layer it may
 * write.
 *
 * One difference at an edge: a document removed and added again, whose layer
 * is written again up to exactly the version a change pushed before the removal
 * took as its base, takes that change again if it is retried (before, its log
 * row answered "already applied"). It is the owner's own change either way.
 */
export const LAYER_CHANGE_SCHEMA = `
  ALTER TABLE team_layers ADD COLUMN change_id uuid;

  CREATE OR REPLACE FUNCTION team_push_layers(batch jsonb)
    RETURNS TABLE (i integer, outcome text, version bigint) LANGUAGE plpgsql SECURITY INVOKER AS $f$
  #variable_conflict use_column
  DECLARE
    reviewer constant boolean := pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER');
    me constant text := current_user;
    ids integer[];
    outcomes text[];
    versions bigint[];
    changes uuid[];
  BEGIN
    -- One statement: each change's layer (its version and the change id that wrote it: one index look-up; OFFSET 0
    -- keeps it a look-up, never a hashed scan of every layer), the log look-up and the document look-up only where
    -- they can tell something, the compare-and-set upsert of the ones that may land (in key order, so concurrent
    -- pushes lock rows in the same order), and the log rows of what it wrote.
    WITH w AS (
      SELECT * FROM jsonb_to_recordset(batch) AS w(i integer, c uuid, d text, a text, b bigint, content jsonb)
    ), j AS (
      SELECT w.*, l.version AS cur, l.change_id AS cur_c FROM w
        LEFT JOIN LATERAL (SELECT l.version, l.change_id FROM team_layers l WHERE l.document_id = w.d AND l.annotator = w.a OFFSET 0) l ON true
    ), k AS (
      SELECT j.*,
             CASE WHEN j.cur_c = j.c THEN j.cur WHEN j.cur = j.b THEN NULL
                  ELSE (SELECT ch.version FROM team_changes ch WHERE ch.change_id = j.c) END AS done,
             (j.cur IS NOT NULL OR EXISTS (SELECT 1 FROM team_documents t WHERE t.external_id = j.d)) AS has_doc,
             (j.a = me OR (j.a = 'gold' AND reviewer)) AS mine
        FROM j
    ), up AS (
      INSERT INTO team_layers AS l (document_id, annotator, content, spans, status, version, change_id)
      SELECT k.d, k.a, k.content, jsonb_array_length(k.content -> 'spans'), k.content ->> 'status', coalesce(k.b, 0) + 1, k.c FROM k
       WHERE k.done IS NULL AND k.mine AND k.has_doc AND k.cur IS NOT DISTINCT FROM k.b
       ORDER BY k.d, k.a
      ON CONFLICT (document_id, annotator) DO UPDATE
         SET content = excluded.content, spans = excluded.spans, status = excluded.status, version = excluded.version,
             change_id = excluded.change_id, updated_by = current_user, updated_at = now()
       WHERE l.version = excluded.version - 1
      RETURNING l.document_id, l.annotator, l.version, l.change_id
    ), logged AS (
      INSERT INTO team_changes (change_id, document_id, annotator, version)
      SELECT up.change_id, up.document_id, up.annotator, up.version FROM up
    ), r AS (
      SELECT k.i, k.c,
             CASE WHEN k.done IS NOT NULL THEN 'already-applied' WHEN NOT k.mine THEN 'not-owner'
                  WHEN NOT k.has_doc THEN 'no-document' WHEN up.version IS NOT NULL THEN 'applied' ELSE 'conflict' END AS o,
             coalesce(k.done, up.version, k.cur) AS v
        FROM k LEFT JOIN up ON up.document_id = k.d AND up.annotator = k.a
    )
    SELECT array_agg(r.i), array_agg(r.o), array_agg(r.v), array_agg(r.c) INTO ids, outcomes, versions, changes FROM r;

    -- A lost race may have been the same change, pushed at the same moment by another sync that committed while this
    -- one waited on its row: this statement's snapshot is newer, so that change's id answers "already applied".
    RETURN QUERY
      SELECT y.i, CASE WHEN y.applied IS NOT NULL THEN 'already-applied' ELSE y.o END, coalesce(y.applied, y.v)
        FROM (SELECT x.i, x.o, x.v, CASE WHEN x.o = 'conflict' THEN (SELECT ch.version FROM team_changes ch WHERE ch.change_id = x.c) END AS applied
                FROM unnest(ids, outcomes, versions, changes) AS x(i, o, v, c)) y;
  END $f$;
`
