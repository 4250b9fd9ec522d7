import type Database from 'better-sqlite3'

/** An assignment row as the restored server holds it, and whether it was written after the restore. */
export interface ServerAssignment {
  documentId: string
  annotator: string
  assigned: boolean
  seq: number
  /** Written after this desktop's last noted stamp, so on the restored copy: an admin's decision since, kept. */
  after: boolean
}

/** Assignments an admin's desktop sends again (document, annotator): given, and withdrawn. */
export interface AssignmentsAgain {
  assign: [string, string][]
  withdraw: [string, string][]
}

/** A `cursor.` key: joining another team drops it with the cursors. */
const AGAIN_KEY = 'cursor.assignmentsAgain'

/**
 * Inside the restore recovery's transaction (teamRestored.ts). Assignments are written on the server only (by an
 * admin), and every desktop holds the copy its last pull left: a desktop that pulled past the dump holds the
 * assignments and withdrawals made after it. Compared with the restored copy, leaving out rows an admin wrote on the
 * copy since the restore:
 * - given here, but absent or withdrawn there: given after the dump;
 * - withdrawn here (this desktop had pulled that row, and holds it no longer), but given there: withdrawn after the dump.
 * An admin's desktop keeps the list, and its sync sends it again once the documents are back (`assignmentsToSendAgain`);
 * any other desktop cannot write assignments, and only says how many it held that the copy lacks. Either way the local
 * copy is emptied and the caller moves its cursor back to the start, so the next pull rebuilds it from the server.
 */
export function assignmentsLostByOlderServer(db: Database.Database, admin: boolean, server: ServerAssignment[]): { again: AssignmentsAgain; count: number } {
  const local = db
    .prepare('SELECT d.external_id AS d, a.name AS a FROM team_assignments t JOIN documents d ON d.id = t.document_id JOIN annotators a ON a.id = t.annotator_id')
    .all() as { d: string; a: string }[]
  const cursor = Number((db.prepare("SELECT value FROM team_sync WHERE key = 'cursor.assignments'").pluck().get() as string | undefined) ?? 0)
  const pair = (d: string, a: string) => `${d}\u0000${a}`
  const held = new Set(local.map((r) => pair(r.d, r.a)))
  const there = new Map(server.map((r) => [pair(r.documentId, r.annotator), r]))
  const assign = local.filter((r) => {
    const s = there.get(pair(r.d, r.a))
    return !s || (!s.assigned && !s.after)
  })
  const withdraw = server.filter((s) => s.assigned && !s.after && s.seq <= cursor && !held.has(pair(s.documentId, s.annotator)))
  const again: AssignmentsAgain = { assign: assign.map((r) => [r.d, r.a]), withdraw: withdraw.map((s) => [s.documentId, s.annotator]) }
  if (admin && again.assign.length + again.withdraw.length) {
    // Added to a list not sent yet (a recovery interrupted before its send), never replacing it.
    const before = assignmentsToSendAgain(db)
    const merged: AssignmentsAgain = before ? { assign: [...before.assign, ...again.assign], withdraw: [...before.withdraw, ...again.withdraw] } : again
    db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(AGAIN_KEY, JSON.stringify(merged))
  }
  db.exec('DELETE FROM team_assignments')
  return { again, count: again.assign.length + again.withdraw.length }
}

/** What an admin's desktop still has to send again after a restore, or null. */
export function assignmentsToSendAgain(db: Database.Database): AssignmentsAgain | null {
  const v = db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(AGAIN_KEY) as string | undefined
  return v ? (JSON.parse(v) as AssignmentsAgain) : null
}

export function assignmentsSentAgain(db: Database.Database): void {
  db.prepare('DELETE FROM team_sync WHERE key = ?').run(AGAIN_KEY)
}
