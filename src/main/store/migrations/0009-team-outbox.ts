import type { Migration } from './migration'

// Delete then insert, not INSERT OR REPLACE: an outer INSERT OR IGNORE would override the trigger's own conflict clause.
const touch = (table: string, when: string, row: 'NEW' | 'OLD') => `
    CREATE TRIGGER team_outbox_${table}_${when.toLowerCase()} AFTER ${when} ON ${table} BEGIN
      DELETE FROM team_outbox WHERE document_id = ${row}.document_id AND annotator_id = ${row}.annotator_id;
      INSERT INTO team_outbox (document_id, annotator_id, change_id, changed_at)
      VALUES (${row}.document_id, ${row}.annotator_id, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    END;`

/** Marks every layer the workspace holds (a first sync then pushes it); also run when a workspace joins a team (teamMembership.ts). */
export const SEED_LAYER_OUTBOX = `INSERT OR IGNORE INTO team_outbox (document_id, annotator_id, change_id, changed_at)
      SELECT document_id, annotator_id, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM (SELECT document_id, annotator_id FROM spans UNION SELECT document_id, annotator_id FROM relations
              UNION SELECT document_id, annotator_id FROM document_status);`

/**
 * Team sync's local side. Every write to a layer (spans, relations, the
 * annotator's document status; by edit, undo, redo or import) marks the layer
 * in `team_outbox` under a fresh random change id (128 bits, a UUID's worth):
 * the change id changes with every write, so a push acknowledged for an older
 * id never clears a newer edit. `team_layers` holds the server version each
 * layer was last synced at (the base of the next compare-and-set),
 * `team_documents` the documents the server is known to have, `team_conflicts`
 * the refused pushes and lost races with the local copy kept whole, and
 * `team_sync` the pull cursors. Existing layers are marked, so a workspace's
 * first sync pushes what it already holds.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'team-outbox',
  up: `
    CREATE TABLE team_outbox (
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      change_id    TEXT NOT NULL UNIQUE,
      changed_at   TEXT NOT NULL,
      PRIMARY KEY (document_id, annotator_id)
    ) STRICT;
    CREATE TABLE team_layers (
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      version      INTEGER NOT NULL,
      PRIMARY KEY (document_id, annotator_id)
    ) STRICT;
    CREATE TABLE team_documents (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
    ) STRICT;
    CREATE TABLE team_conflicts (
      id             INTEGER PRIMARY KEY,
      document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id   INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      kind           TEXT NOT NULL CHECK (kind IN ('conflict', 'refused')),
      reason         TEXT NOT NULL,
      change_id      TEXT NOT NULL,
      mine           TEXT NOT NULL,
      server_version INTEGER,
      resolved       INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
      created_at     TEXT NOT NULL
    ) STRICT;
    CREATE TABLE team_sync (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    ${['spans', 'relations', 'document_status'].map((t) => touch(t, 'INSERT', 'NEW') + touch(t, 'UPDATE', 'NEW') + touch(t, 'DELETE', 'OLD')).join('\n')}
    ${SEED_LAYER_OUTBOX}
  `,
}
