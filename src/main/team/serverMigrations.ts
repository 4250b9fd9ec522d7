import type { ClientBase } from 'pg'
import { LAYER_PUSH_SCHEMA } from './serverPushSchema'
import { LAYER_LOG_SCHEMA } from './serverLogSchema'
import { WRITE_LOCK } from './writeLock'
import { GOLD_ITEMS_SCHEMA } from './serverGoldSchema'
import { DESKTOPS_SCHEMA } from './serverPruneSchema'
import { CONNECT_SCHEMA } from './serverConnectSchema'
import { LOG_PRUNE_SCHEMA } from './serverLogPruneSchema'
import { WAIT_PRIVACY_SCHEMA } from './serverWaitPrivacySchema'
import { IDENTITY_SCHEMA } from './serverIdentitySchema'
import { LAYER_CHANGE_SCHEMA } from './serverLayerChangeSchema'

/**
 * The team database's schema, one version per entry, like the local store's
 * migrations. Every annotator is a PostgreSQL role in `spanwright_team`;
 * reviewers are also in `spanwright_reviewer`, admins in `spanwright_admin`.
 * Row-level security is the ownership rule: a role writes only the layers
 * named after it (and the gold layer, if a reviewer); documents, labels and
 * assignments only admins. Documents, labels, assignments and gold items
 * take the next value of `team_seq` while holding one transaction-scoped
 * advisory lock, so the sequence order is the commit order and a pull cursor
 * never skips a write that committed late. Layers (schema 5) need no lock:
 * their change log is ordered by transaction id (serverLogSchema.ts).
 */
export const SERVER_MIGRATIONS: readonly { version: number; up: string }[] = [
  {
    version: 1,
    up: `
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'spanwright_team') THEN CREATE ROLE spanwright_team NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'spanwright_reviewer') THEN CREATE ROLE spanwright_reviewer NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'spanwright_admin') THEN CREATE ROLE spanwright_admin NOLOGIN; END IF;
      END $$;
      CREATE SEQUENCE team_seq;
      CREATE TABLE team_annotators (
        name       text PRIMARY KEY,
        reviewer   boolean NOT NULL DEFAULT false,
        admin      boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE team_documents (
        external_id text PRIMARY KEY,
        title       text NOT NULL,
        text        text NOT NULL,
        text_hash   text NOT NULL,
        meta        text NOT NULL DEFAULT '{}',
        seq         bigint NOT NULL,
        added_by    text NOT NULL DEFAULT current_user
      );
      CREATE INDEX team_documents_by_seq ON team_documents (seq);
      CREATE TABLE team_labels (
        kind       text NOT NULL,
        name       text NOT NULL,
        definition jsonb NOT NULL,
        seq        bigint NOT NULL,
        PRIMARY KEY (kind, name)
      );
      CREATE TABLE team_layers (
        document_id text NOT NULL REFERENCES team_documents (external_id) ON DELETE CASCADE,
        annotator   text NOT NULL,
        content     jsonb NOT NULL,
        spans       integer NOT NULL,
        status      text,
        version     bigint NOT NULL,
        seq         bigint NOT NULL,
        updated_by  text NOT NULL DEFAULT current_user,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, annotator)
      );
      CREATE INDEX team_layers_by_seq ON team_layers (seq);
      CREATE TABLE team_changes (
        change_id   uuid PRIMARY KEY,
        document_id text NOT NULL,
        annotator   text NOT NULL,
        version     bigint NOT NULL,
        applied_by  text NOT NULL DEFAULT current_user,
        applied_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE team_assignments (
        document_id text NOT NULL REFERENCES team_documents (external_id) ON DELETE CASCADE,
        annotator   text NOT NULL REFERENCES team_annotators (name) ON DELETE CASCADE,
        PRIMARY KEY (document_id, annotator)
      );

      CREATE FUNCTION team_may_write_layer(layer_annotator text) RETURNS boolean LANGUAGE sql STABLE AS
        $f$ SELECT layer_annotator = current_user OR (layer_annotator = 'gold' AND pg_has_role(current_user, 'spanwright_reviewer', 'MEMBER')) $f$;
      CREATE FUNCTION team_is_admin() RETURNS boolean LANGUAGE sql STABLE AS
        $f$ SELECT pg_has_role(current_user, 'spanwright_admin', 'MEMBER') $f$;

      ALTER TABLE team_layers ENABLE ROW LEVEL SECURITY;
      CREATE POLICY read_all ON team_layers FOR SELECT USING (true);
      CREATE POLICY own_insert ON team_layers FOR INSERT WITH CHECK (team_may_write_layer(annotator) AND updated_by = current_user);
      CREATE POLICY own_update ON team_layers FOR UPDATE USING (team_may_write_layer(annotator)) WITH CHECK (team_may_write_layer(annotator) AND updated_by = current_user);
      CREATE POLICY own_delete ON team_layers FOR DELETE USING (team_may_write_layer(annotator));

      ALTER TABLE team_changes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY read_all ON team_changes FOR SELECT USING (true);
      CREATE POLICY own_insert ON team_changes FOR INSERT WITH CHECK (team_may_write_layer(annotator) AND applied_by = current_user);

      ALTER TABLE team_annotators ENABLE ROW LEVEL SECURITY;
      CREATE POLICY read_all ON team_annotators FOR SELECT USING (true);
      ${['team_documents', 'team_labels', 'team_assignments']
        .map(
          (t) => `
      ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
      CREATE POLICY read_all ON ${t} FOR SELECT USING (true);
      CREATE POLICY admin_insert ON ${t} FOR INSERT WITH CHECK (team_is_admin());
      CREATE POLICY admin_update ON ${t} FOR UPDATE USING (team_is_admin()) WITH CHECK (team_is_admin());
      CREATE POLICY admin_delete ON ${t} FOR DELETE USING (team_is_admin());`,
        )
        .join('\n')}

      GRANT USAGE ON SCHEMA public TO spanwright_team;
      GRANT SELECT ON spanwright_schema_version, team_annotators, team_documents, team_labels, team_layers, team_changes, team_assignments TO spanwright_team;
      GRANT INSERT, UPDATE, DELETE ON team_layers TO spanwright_team;
      GRANT INSERT ON team_changes TO spanwright_team;
      GRANT INSERT, UPDATE, DELETE ON team_documents, team_labels, team_assignments TO spanwright_admin;
      GRANT USAGE ON SEQUENCE team_seq TO spanwright_team;
    `,
  },
  {
    // Assignments travel like layers: each write takes a sequence number (under the write lock), and a withdrawn
    // one stays as a row with assigned = false, so a desktop's pull (seq > cursor) sees additions and removals.
    version: 2,
    up: `
      ALTER TABLE team_assignments ADD COLUMN assigned boolean NOT NULL DEFAULT true;
      ALTER TABLE team_assignments ADD COLUMN seq bigint NOT NULL DEFAULT 0;
      ALTER TABLE team_assignments ADD COLUMN assigned_by text NOT NULL DEFAULT current_user;
      ALTER TABLE team_assignments ADD COLUMN assigned_at timestamptz NOT NULL DEFAULT now();
      UPDATE team_assignments SET seq = nextval('team_seq');
      CREATE INDEX team_assignments_by_seq ON team_assignments (seq);
    `,
  },
  { version: 3, up: GOLD_ITEMS_SCHEMA },
  { version: 4, up: LAYER_PUSH_SCHEMA },
  { version: 5, up: LAYER_LOG_SCHEMA },
  { version: 6, up: DESKTOPS_SCHEMA },
  { version: 7, up: CONNECT_SCHEMA },
  { version: 8, up: LOG_PRUNE_SCHEMA },
  { version: 9, up: WAIT_PRIVACY_SCHEMA },
  { version: 10, up: IDENTITY_SCHEMA },
  { version: 11, up: LAYER_CHANGE_SCHEMA },
]

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1].version

export { WRITE_LOCK }

/** The schema version a team database holds, or null when it is not a Spanwright team database. */
export async function serverSchemaVersion(client: ClientBase): Promise<number | null> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('public.spanwright_schema_version')::text AS t")
  if (!exists.rows[0].t) return null
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM spanwright_schema_version')
  return r.rows[0].v ?? 0
}

/** Brings the team database up to this version's schema, one version per transaction; a newer one is refused untouched. */
export async function migrateServer(client: ClientBase, database: string): Promise<{ from: number; to: number }> {
  await client.query('BEGIN')
  try {
    // One init at a time: a second `team init` waits, then finds the schema in place.
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS spanwright_schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
    const from = (await serverSchemaVersion(client)) ?? 0
    if (from > SERVER_SCHEMA_VERSION) throw newerServerError(database, from)
    for (const m of SERVER_MIGRATIONS) {
      if (m.version <= from) continue
      await client.query(m.up)
      await client.query('INSERT INTO spanwright_schema_version (version) VALUES ($1)', [m.version])
    }
    await client.query('COMMIT')
    return { from, to: Math.max(from, SERVER_SCHEMA_VERSION) }
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}

export function newerServerError(database: string, version: number): Error {
  return new Error(
    `the team database ${database} has schema version ${version}, newer than this Spanwright understands (up to ${SERVER_SCHEMA_VERSION}). Update Spanwright; nothing was changed.`,
  )
}
