import type { Migration } from './migration'

/**
 * Team assignments as this desktop last pulled them: which documents an
 * admin gave to which annotator. Keyed annotator first, so "assigned to me"
 * is one index range, and the library's "assigned to me first" reads it
 * without touching the documents it does not list.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'team-assignments',
  up: `
    CREATE TABLE team_assignments (
      annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
      document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      PRIMARY KEY (annotator_id, document_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX team_assignments_by_document ON team_assignments (document_id);
  `,
}
