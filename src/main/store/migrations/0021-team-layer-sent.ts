import type { Migration } from './migration'

/**
 * The layer pushes of a sync not yet through (`team_layer_sent`): a row per pushed batch, written before it is sent,
 * holding each layer's change id in it as JSON (`[[document_id, annotator_id, change_id], …]`: one small write per
 * batch, not one per layer or span). A layer's outbox entry takes a fresh change id at every write, so without it a
 * push whose answer was lost (a dropped connection, a kill after the server's commit), followed by another edit of
 * that layer, met the server at a version it could not know as its own and came back as a conflict. With it, the
 * retry asks the server's change log which version those ids wrote: if that is the server's current version, the
 * edits since were made on top of it, and the change is rebased on it (team/syncLoop.ts). The rows go when a sync's
 * push has been answered whole.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'team-layer-sent',
  up: `
    CREATE TABLE team_layer_sent (
      id   INTEGER PRIMARY KEY,
      sent TEXT NOT NULL
    ) STRICT;
  `,
}
