import { WRITE_LOCK } from './writeLock'

/**
 * Team schema 4: a set-based layer push, and the change log as the pull's
 * order.
 *
 * `team_push_layers(batch jsonb)` takes a whole batch in one call (one round
 * trip, one implicit transaction): change-id dedupe, the document check,
 * compare-and-set and the upsert are one statement over the batch. The
 * function is SECURITY INVOKER, so row-level security judges every row it
 * writes exactly as it judges raw SQL from the same role; it also answers
 * `refused` for another annotator's layer itself, so one such row does not
 * undo the rest of the batch.
 *
 * The sequence number that orders pulls now lives on `team_changes` (one row
 * per accepted write), taken at the very end, under the one advisory lock held
 * to commit: the expensive writes of many annotators overlap, and only the
 * short log insert is serialized, so sequence order is still commit order and
 * a pull cursor still never skips a write that committed late. `team_layers`
 * no longer carries `seq`. A layer row written without a log row (by a raw SQL
 * client) is not pulled until it is written through the function.
 *
 * A statement trigger refuses log rows whose `seq` was not taken by the
 * writing session under the lock, so no client can push every desktop's cursor
 * past the sequence (which would hide later writes).
 *
 * Upgrade from 3: each layer's latest change row (the one that wrote its
 * current version) gets the layer's seq; a layer with none gets a log row of
 * its own. Cursors stay valid: they are the same numbers.
 */
export const LAYER_PUSH_SCHEMA = `
  ALTER TABLE team_changes ADD COLUMN seq bigint;
  UPDATE team_changes c SET seq = x.seq
    FROM (SELECT DISTINCT ON (l.document_id, l.annotator) c2.change_id, l.seq
            FROM team_layers l JOIN team_changes c2 ON c2.document_id = l.document_id AND c2.annotator = l.annotator AND c2.version = l.version
           ORDER BY l.document_id, l.annotator, c2.applied_at DESC, c2.change_id) x
   WHERE c.change_id = x.change_id;
  INSERT INTO team_changes (change_id, document_id, annotator, version, applied_by, seq)
    SELECT gen_random_uuid(), l.document_id, l.annotator, l.version, l.updated_by, l.seq FROM team_layers l
     WHERE NOT EXISTS (SELECT 1 FROM team_changes c WHERE c.seq = l.seq);
  CREATE UNIQUE INDEX team_changes_by_seq ON team_changes (seq);
  DROP INDEX team_layers_by_seq;
  ALTER TABLE team_layers DROP COLUMN seq;

  -- A layer's document must exist: checked once per statement over its new rows (a row-by-row foreign key check
  -- cost as much as the rest of a push), and a deleted document takes its layers with it, as the key's cascade did.
  ALTER TABLE team_layers DROP CONSTRAINT team_layers_document_id_fkey;
  CREATE FUNCTION team_check_layer_documents() RETURNS trigger LANGUAGE plpgsql AS $f$
  BEGIN
    IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM team_documents d WHERE d.external_id = n.document_id)) THEN
      RAISE EXCEPTION 'a layer names a document that is not in the team workspace' USING ERRCODE = '23503';
    END IF;
    RETURN NULL;
  END $f$;
  CREATE TRIGGER team_layers_documents_on_insert AFTER INSERT ON team_layers REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION team_check_layer_documents();
  CREATE TRIGGER team_layers_documents_on_update AFTER UPDATE ON team_layers REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION team_check_layer_documents();
  CREATE FUNCTION team_delete_document_layers() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
  BEGIN
    DELETE FROM team_layers l USING old_rows o WHERE l.document_id = o.external_id;
    RETURN NULL;
  END $f$;
  REVOKE EXECUTE ON FUNCTION team_delete_document_layers() FROM PUBLIC;
  CREATE TRIGGER team_documents_delete_layers AFTER DELETE ON team_documents REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION team_delete_document_layers();

  -- The same ownership rule as team_may_write_layer, written inline: the common case (my own layer) needs no role look-up.
  DROP POLICY own_insert ON team_layers;
  DROP POLICY own_update ON team_layers;
  DROP POLICY own_delete ON team_layers;
  CREATE POLICY own_insert ON team_layers FOR INSERT
    WITH CHECK ((annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER'))) AND updated_by = current_user);
  CREATE POLICY own_update ON team_layers FOR UPDATE
    USING (annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER')))
    WITH CHECK ((annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER'))) AND updated_by = current_user);
  CREATE POLICY own_delete ON team_layers FOR DELETE
    USING (annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER')));
  DROP POLICY own_insert ON team_changes;
  CREATE POLICY own_insert ON team_changes FOR INSERT
    WITH CHECK ((annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER'))) AND applied_by = current_user);

  CREATE FUNCTION team_check_log_seq() RETURNS trigger LANGUAGE plpgsql AS $f$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
      RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM new_rows WHERE seq IS NULL) THEN
      RAISE EXCEPTION 'team_changes.seq is required' USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid = ${WRITE_LOCK} AND granted)
       OR (SELECT max(seq) FROM new_rows) > currval('team_seq') THEN
      RAISE EXCEPTION 'team_changes.seq must be taken with nextval(''team_seq'') under the write lock' USING ERRCODE = '42501';
    END IF;
    RETURN NULL;
  END $f$;
  CREATE TRIGGER team_changes_seq_check AFTER INSERT ON team_changes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION team_check_log_seq();
  REVOKE UPDATE, DELETE ON team_changes FROM spanwright_team;

  CREATE FUNCTION team_push_layers(batch jsonb)
    RETURNS TABLE (i integer, outcome text, version bigint) LANGUAGE plpgsql SECURITY INVOKER AS $f$
  #variable_conflict use_column
  DECLARE
    reviewer constant boolean := pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER');
    me constant text := current_user;
    res jsonb;
  BEGIN
    -- One statement: what each change finds (its id applied before, its document, the layer's version: each an index
    -- look-up, never a hashed scan of a whole table), then the
    -- compare-and-set upsert of the ones that may land, in key order (concurrent pushes lock rows in the same order).
    WITH w AS (
      SELECT * FROM jsonb_to_recordset(batch) AS w(i integer, c uuid, d text, a text, b bigint, content jsonb)
    ), k AS (
      SELECT w.*,
             (SELECT ch.version FROM team_changes ch WHERE ch.change_id = w.c) AS done,
             (SELECT l.version FROM team_layers l WHERE l.document_id = w.d AND l.annotator = w.a) AS cur,
             coalesce((SELECT true FROM team_documents t WHERE t.external_id = w.d), false) AS has_doc,
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
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object(
             'i', k.i, 'c', k.c, 'd', k.d, 'a', k.a,
             'o', CASE WHEN k.done IS NOT NULL THEN 'already-applied' WHEN NOT k.mine THEN 'not-owner'
                       WHEN NOT k.has_doc THEN 'no-document' WHEN up.version IS NOT NULL THEN 'applied' ELSE 'conflict' END,
             'v', coalesce(k.done, up.version, k.cur))), '[]'::jsonb)
      INTO res
      FROM k LEFT JOIN up ON up.document_id = k.d AND up.annotator = k.a;

    -- The ordering lock, only now, to commit: the log rows take their sequence numbers in commit order.
    PERFORM pg_advisory_xact_lock(${WRITE_LOCK});
    INSERT INTO team_changes (change_id, document_id, annotator, version, seq)
    SELECT (r ->> 'c')::uuid, r ->> 'd', r ->> 'a', (r ->> 'v')::bigint, nextval('team_seq')
      FROM jsonb_array_elements(res) AS r WHERE r ->> 'o' = 'applied' ORDER BY r ->> 'd', r ->> 'a';

    -- A lost race may have been the same change pushed at the same moment by another sync: that one has committed
    -- by now (this one waited on its row, then on the lock), so its id answers "already applied".
    RETURN QUERY
      SELECT x.i, CASE WHEN x.applied IS NOT NULL THEN 'already-applied' ELSE x.o END, coalesce(x.applied, x.v)
        FROM (SELECT (r ->> 'i')::integer AS i, r ->> 'o' AS o, (r ->> 'v')::bigint AS v,
                     CASE WHEN r ->> 'o' = 'conflict' THEN (SELECT ch.version FROM team_changes ch WHERE ch.change_id = (r ->> 'c')::uuid) END AS applied
                FROM jsonb_array_elements(res) AS r) x;
  END $f$;
  GRANT EXECUTE ON FUNCTION team_push_layers(jsonb) TO spanwright_team;
`
