import type { Migration } from './migration'

/**
 * A layer push not yet answered keeps its change id (`team_layer_sent`, a row per pushed layer, written once per
 * pushed batch before it is sent). A layer's outbox entry takes a fresh change id at every write, so without it a
 * push whose answer was lost (a dropped connection, a kill after the server's commit), followed by another edit of
 * that layer, met the server at a version it could not know as its own and came back as a conflict. With it, the
 * retry asks the server's change log which version those ids wrote: if that is the server's current version, the
 * edits since were made on top of it, and the change is rebased on it (team/syncLoop.ts). Rows go once an answer or
 * a pull settles the layer.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'team-layer-sent',
  up: `
    CREATE TABLE team_layer_sent (
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      change_id    TEXT NOT NULL,
      PRIMARY KEY (document_id, annotator_id, change_id)
    ) STRICT, WITHOUT ROWID;
  `,
}
