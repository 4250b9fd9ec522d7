import type { Migration } from './migration'

/** The first schema: labels, annotators, documents, spans, relations, status, settings. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE annotators (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      kind       TEXT NOT NULL DEFAULT 'human' CHECK (kind IN ('human', 'gold')),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE label_types (
      id          INTEGER PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('entity', 'relation')),
      name        TEXT NOT NULL,
      color       TEXT NOT NULL,
      hotkey      TEXT,
      description TEXT NOT NULL DEFAULT '',
      head_types  TEXT NOT NULL DEFAULT '[]',
      tail_types  TEXT NOT NULL DEFAULT '[]',
      attributes  TEXT NOT NULL DEFAULT '[]',
      sort_order  INTEGER NOT NULL DEFAULT 0,
      UNIQUE (kind, name)
    ) STRICT;

    CREATE TABLE documents (
      id          INTEGER PRIMARY KEY,
      external_id TEXT NOT NULL UNIQUE,
      title       TEXT NOT NULL,
      text        TEXT NOT NULL,
      text_hash   TEXT NOT NULL,
      meta        TEXT NOT NULL DEFAULT '{}',
      created_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE spans (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      label_id     INTEGER NOT NULL REFERENCES label_types(id) ON DELETE CASCADE,
      start        INTEGER NOT NULL,
      end          INTEGER NOT NULL,
      fragments    TEXT,
      attributes   TEXT NOT NULL DEFAULT '{}',
      note         TEXT NOT NULL DEFAULT '',
      norm         TEXT,
      source_id    TEXT,
      created_at   TEXT NOT NULL,
      CHECK (start >= 0 AND end > start)
    ) STRICT;
    CREATE INDEX spans_by_layer ON spans (document_id, annotator_id, start);
    CREATE INDEX spans_by_label ON spans (label_id);

    CREATE TABLE relations (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      label_id     INTEGER NOT NULL REFERENCES label_types(id) ON DELETE CASCADE,
      head_id      INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
      tail_id      INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
      attributes   TEXT NOT NULL DEFAULT '{}',
      note         TEXT NOT NULL DEFAULT '',
      source_id    TEXT,
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX relations_by_layer ON relations (document_id, annotator_id);
    CREATE INDEX relations_by_head ON relations (head_id);
    CREATE INDEX relations_by_tail ON relations (tail_id);

    CREATE TABLE document_status (
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
      updated_at   TEXT NOT NULL,
      PRIMARY KEY (document_id, annotator_id)
    ) STRICT;
  `,
}
