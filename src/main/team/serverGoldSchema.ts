/**
 * Team schema 3: the gold layer as items. Each gold span and relation is one
 * row keyed by (document, uid) with its own version, so a reviewer's push is
 * compare-and-set on that item alone. A deleted item stays as a row with
 * content NULL (a tombstone), so the deletion reaches every desktop through
 * the same `seq > cursor` pull. Only reviewers write gold items (row-level
 * security); everyone in the team reads them. `team_gold_changes` records each
 * applied change id, as `team_changes` does for layers, so a retried push
 * applies nothing twice.
 *
 * The upgrade splits each gold layer of schema 1 into items named by position
 * (`v1-s<n>`, `v1-r<n>`, in the order the layer lists them), the names a
 * desktop's local migration 11 gives the same layer, and removes gold from
 * `team_layers`. The gold layer's status of a document is one more item, uid
 * `status`; the document's review status is one more, uid `review`; and a
 * reviewer's rejection of an annotator's item, uid `rej|` + the item's key.
 */
export const GOLD_ITEMS_SCHEMA = `
  CREATE TABLE team_gold_items (
    document_id text NOT NULL REFERENCES team_documents (external_id) ON DELETE CASCADE,
    uid         text NOT NULL CHECK (length(uid) BETWEEN 1 AND 1000),
    kind        text NOT NULL CHECK (kind IN ('span', 'relation', 'status', 'review', 'rejection')),
    content     jsonb,
    version     bigint NOT NULL,
    seq         bigint NOT NULL,
    updated_by  text NOT NULL DEFAULT current_user,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, uid)
  );
  CREATE INDEX team_gold_items_by_seq ON team_gold_items (seq);
  CREATE TABLE team_gold_changes (
    change_id   uuid PRIMARY KEY,
    document_id text NOT NULL,
    uid         text NOT NULL,
    version     bigint NOT NULL,
    applied_by  text NOT NULL DEFAULT current_user,
    applied_at  timestamptz NOT NULL DEFAULT now()
  );

  CREATE FUNCTION team_is_reviewer() RETURNS boolean LANGUAGE sql STABLE AS
    $f$ SELECT pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER') $f$;
  ALTER TABLE team_gold_items ENABLE ROW LEVEL SECURITY;
  CREATE POLICY read_all ON team_gold_items FOR SELECT USING (true);
  CREATE POLICY reviewer_insert ON team_gold_items FOR INSERT WITH CHECK (team_is_reviewer() AND updated_by = current_user);
  CREATE POLICY reviewer_update ON team_gold_items FOR UPDATE USING (team_is_reviewer()) WITH CHECK (team_is_reviewer() AND updated_by = current_user);
  ALTER TABLE team_gold_changes ENABLE ROW LEVEL SECURITY;
  CREATE POLICY read_all ON team_gold_changes FOR SELECT USING (true);
  CREATE POLICY reviewer_insert ON team_gold_changes FOR INSERT WITH CHECK (team_is_reviewer() AND applied_by = current_user);

  INSERT INTO team_gold_items (document_id, uid, kind, content, version, seq, updated_by)
    SELECT l.document_id, 'v1-s' || (s.n - 1), 'span',
           jsonb_build_object('label', s.v -> 'label', 'trigger', NULL, 'cells', (s.v -> 'cells') - 'trigger_id'), 1, nextval('team_seq'), l.updated_by
      FROM team_layers l, jsonb_array_elements(l.content -> 'spans') WITH ORDINALITY AS s(v, n)
     WHERE l.annotator = 'gold' ORDER BY l.document_id, s.n;
  INSERT INTO team_gold_items (document_id, uid, kind, content, version, seq, updated_by)
    SELECT l.document_id, 'v1-r' || (r.n - 1), 'relation',
           jsonb_build_object('label', r.v -> 'label', 'head', 'v1-s' || (r.v ->> 'head'), 'tail', 'v1-s' || (r.v ->> 'tail'), 'cells', r.v -> 'cells'),
           1, nextval('team_seq'), l.updated_by
      FROM team_layers l, jsonb_array_elements(l.content -> 'relations') WITH ORDINALITY AS r(v, n)
     WHERE l.annotator = 'gold' ORDER BY l.document_id, r.n;
  INSERT INTO team_gold_items (document_id, uid, kind, content, version, seq, updated_by)
    SELECT l.document_id, 'status', 'status', jsonb_build_object('status', l.content ->> 'status'), 1, nextval('team_seq'), l.updated_by
      FROM team_layers l WHERE l.annotator = 'gold' AND l.content ->> 'status' IS NOT NULL ORDER BY l.document_id;
  DELETE FROM team_layers WHERE annotator = 'gold';

  GRANT SELECT ON team_gold_items, team_gold_changes TO spanwright_team;
  GRANT INSERT, UPDATE ON team_gold_items TO spanwright_reviewer;
  GRANT INSERT ON team_gold_changes TO spanwright_reviewer;
  GRANT USAGE ON SEQUENCE team_seq TO spanwright_reviewer;
`
