import type { Migration } from './migration'

/**
 * A workspace that leaves its team (teamLeave.ts) keeps, for each layer and
 * gold item the server had, a digest of its content as it was then. The
 * outbox stops recording while it is out, so on rejoining the same team
 * these digests tell what changed since: only that is pushed, on the version
 * it was last synced at, and everything else is left for the pull to bring
 * up to date. `key` is the annotator's id for a layer, the uid for a gold item.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'team-rejoin',
  up: `
    CREATE TABLE team_rejoin (
      kind        TEXT NOT NULL CHECK (kind IN ('layer', 'gold')),
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      key         TEXT NOT NULL,
      digest      TEXT NOT NULL,
      PRIMARY KEY (kind, document_id, key)
    ) STRICT, WITHOUT ROWID;
  `,
}
