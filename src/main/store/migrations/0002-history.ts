import type { Migration } from './migration'

/**
 * Undo/redo history, one row per user action in one annotator's layer of one
 * document. `before` and `after` hold the touched span and relation rows as
 * they were and became (whole rows, so undo and redo restore them exactly,
 * ids included). `state`: done (undoable), undone (redoable), or discarded
 * (an undone action whose redo was cleared by a new edit; kept as the audit trail).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'history',
  up: `
    CREATE TABLE history (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      action       TEXT NOT NULL CHECK (action IN ('span.create', 'span.delete', 'span.update', 'relation.create', 'relation.delete')),
      summary      TEXT NOT NULL,
      before       TEXT NOT NULL,
      after        TEXT NOT NULL,
      state        TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded')),
      created_at   TEXT NOT NULL,
      changed_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX history_by_layer ON history (document_id, annotator_id, state, id);
  `,
}
