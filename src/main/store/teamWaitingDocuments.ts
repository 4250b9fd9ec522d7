import type Database from 'better-sqlite3'

/** Changes a member's sync holds back: the server has not got their documents (only admins add documents). */
export interface WaitingForDocuments {
  layers: number
  goldItems: number
  documents: number
}

/**
 * Outbox entries (layers and gold items) on documents the server is not known
 * to have (`team_documents` marks those it has: pulled, or pushed by an admin).
 * Sync does not push them (the server would refuse each); a pull that brings
 * the documents marks them, and the same sync pushes them.
 */
export function waitingForDocuments(db: Database.Database): WaitingForDocuments {
  const unmarked = 'NOT EXISTS (SELECT 1 FROM team_documents t WHERE t.document_id = o.document_id)'
  return db
    .prepare<[], WaitingForDocuments>(
      `SELECT (SELECT count(*) FROM team_outbox o WHERE ${unmarked}) AS layers,
              (SELECT count(*) FROM team_gold_outbox o WHERE ${unmarked}) AS goldItems,
              (SELECT count(*) FROM (SELECT o.document_id FROM team_outbox o WHERE ${unmarked} UNION SELECT o.document_id FROM team_gold_outbox o WHERE ${unmarked})) AS documents`,
    )
    .get()!
}

/** The SQL condition `pending` pages add: only changes on documents the server has (`o` is the outbox). */
export const ON_SERVER_DOCUMENT = 'EXISTS (SELECT 1 FROM team_documents t WHERE t.document_id = o.document_id)'

/** The external ids of the first `n` documents changes wait for (by their local order), for the team's status. */
export function waitingDocumentSample(db: Database.Database, n: number): string[] {
  const unmarked = 'NOT EXISTS (SELECT 1 FROM team_documents t WHERE t.document_id = o.document_id)'
  return db
    .prepare<[number], string>(
      `SELECT d.external_id FROM documents d
        WHERE d.id IN (SELECT o.document_id FROM team_outbox o WHERE ${unmarked} UNION SELECT o.document_id FROM team_gold_outbox o WHERE ${unmarked})
        ORDER BY d.id LIMIT ?`,
    )
    .pluck()
    .all(n)
}
