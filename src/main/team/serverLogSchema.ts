/**
 * Team schema 5: the layer push without the ordering lock. The upsert writes
 * its change-log rows in the same statement, and pushes of many annotators
 * never wait for each other (schema 4 took one lock at the end of every push,
 * held to commit, so sequence order was commit order).
 *
 * A log row's position (`team_changes.seq`) is now its writing transaction's
 * id, shifted past every sequence number given before the upgrade
 * (`team_log_position()`), so old cursors stay valid and every new row comes
 * after them. All rows of one push share it. A pull reads only positions
 * below `team_log_horizon()`: the oldest transaction still running when the
 * pull's snapshot was taken. Every transaction below it has ended, and every
 * transaction that has not ended yet, or not begun, gets a higher id, so a
 * cursor never passes a write that commits later. A pull reads whole
 * positions, never half a push. A writing transaction that runs long (on any
 * database of the server) delays pulls until it ends; it never loses a write.
 *
 * No member can move the pull order: row-level security accepts a log row
 * only at its own transaction's position (the column's default), and members
 * still have no UPDATE or DELETE on the log.
 */
export const LAYER_LOG_SCHEMA = `
  DROP TRIGGER team_changes_seq_check ON team_changes;
  DROP FUNCTION team_check_log_seq();
  DROP INDEX team_changes_by_seq;
  CREATE INDEX team_changes_by_seq ON team_changes (seq);

  -- The shift is fixed once, here: the migration's own transaction id maps to one past every number given so far.
  DO $do$
  DECLARE
    shift constant bigint := greatest(coalesce((SELECT max(seq) FROM team_changes), 0), (SELECT last_value FROM team_seq))
                             + 1 - pg_current_xact_id()::text::bigint;
  BEGIN
    EXECUTE format($f$CREATE FUNCTION team_log_position() RETURNS bigint LANGUAGE sql VOLATILE PARALLEL RESTRICTED
                      AS 'SELECT pg_current_xact_id()::text::bigint + (%s)'$f$, shift);
    EXECUTE format($f$CREATE FUNCTION team_log_horizon() RETURNS bigint LANGUAGE sql STABLE PARALLEL RESTRICTED
                      AS 'SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint + (%s)'$f$, shift);
  END $do$;
  GRANT EXECUTE ON FUNCTION team_log_position(), team_log_horizon() TO spanwright_team;
  -- (Older log rows of a layer written again before schema 4 have no seq: they are never pulled, as before.)
  ALTER TABLE team_changes ALTER COLUMN seq SET DEFAULT team_log_position();

  DROP POLICY own_insert ON team_changes;
  CREATE POLICY own_insert ON team_changes FOR INSERT
    WITH CHECK ((annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER')))
                AND applied_by = current_user AND seq = team_log_position());

  -- An update keeps its layer's document unless it names another: checked per row only then (a push's updates no longer
  -- fill a transition table), and layer pages keep room for updates that touch no index (HOT).
  DROP TRIGGER team_layers_documents_on_update ON team_layers;
  CREATE FUNCTION team_check_layer_document() RETURNS trigger LANGUAGE plpgsql AS $f$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM team_documents d WHERE d.external_id = NEW.document_id) THEN
      RAISE EXCEPTION 'a layer names a document that is not in the team workspace' USING ERRCODE = '23503';
    END IF;
    RETURN NULL;
  END $f$;
  CREATE TRIGGER team_layers_document_on_update AFTER UPDATE ON team_layers
    FOR EACH ROW WHEN (OLD.document_id IS DISTINCT FROM NEW.document_id) EXECUTE FUNCTION team_check_layer_document();
  ALTER TABLE team_layers SET (fillfactor = 70);

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
    -- One statement: what each change finds (its id applied before, its document, the layer's version: each an index
    -- look-up), the compare-and-set upsert of the ones that may land (in key order, so concurrent pushes lock rows in
    -- the same order), and the log rows of what it wrote.
    WITH w AS (
      SELECT * FROM jsonb_to_recordset(batch) AS w(i integer, c uuid, d text, a text, b bigint, content jsonb)
    ), k AS (
      SELECT w.*,
             (SELECT ch.version FROM team_changes ch WHERE ch.change_id = w.c) AS done,
             (SELECT l.version FROM team_layers l WHERE l.document_id = w.d AND l.annotator = w.a) AS cur,
             EXISTS (SELECT 1 FROM team_documents t WHERE t.external_id = w.d) AS has_doc,
             (w.a = me OR (w.a = 'gold' AND reviewer)) AS mine
        FROM w
    ), up AS (
      INSERT INTO team_layers AS l (document_id, annotator, content, spans, status, version)
      SELECT k.d, k.a, k.content, jsonb_array_length(k.content -> 'spans'), k.content ->> 'status', coalesce(k.b, 0) + 1 FROM k
       WHERE k.done IS NULL AND k.mine AND k.has_doc AND k.cur IS NOT DISTINCT FROM k.b
       ORDER BY k.d, k.a
      ON CONFLICT (document_id, annotator) DO UPDATE
         SET content = excluded.content, spans = excluded.spans, status = excluded.status, version = excluded.version,
             updated_by = current_user, updated_at = now()
       WHERE l.version = excluded.version - 1
      RETURNING l.document_id, l.annotator, l.version
    ), r AS (
      SELECT k.i, k.c,
             CASE WHEN k.done IS NOT NULL THEN 'already-applied' WHEN NOT k.mine THEN 'not-owner'
                  WHEN NOT k.has_doc THEN 'no-document' WHEN up.version IS NOT NULL THEN 'applied' ELSE 'conflict' END AS o,
             coalesce(k.done, up.version, k.cur) AS v
        FROM k LEFT JOIN up ON up.document_id = k.d AND up.annotator = k.a
    ), logged AS (
      INSERT INTO team_changes (change_id, document_id, annotator, version)
      SELECT k.c, up.document_id, up.annotator, up.version FROM up JOIN k ON k.d = up.document_id AND k.a = up.annotator
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
