import type Database from 'better-sqlite3'
import { assignmentsLostByOlderServer } from './teamRestoredAssignments'
import type { AssignmentsAgain, ServerAssignment } from './teamRestoredAssignments'
import { resendGoldToOlderServer } from './teamRestoredGold'
import type { ServerGoldHolding } from './teamRestoredGold'

/**
 * This desktop's last stamp noted (its row in team_desktops, microseconds; desktopStamp.ts), and for which desktop
 * id: set by every push (before the push is marked as landed) and at the end of every sync. A team database restored
 * from an older dump has an older stamp there: that is how a desktop learns the server lost what it had sent
 * (teamRestoredSync.ts). A `cursor.` key, so joining another team drops it with the cursors, and leaving keeps it for
 * a rejoin of the same team.
 */
const MARK_KEY = 'cursor.syncedAt'

/** This desktop's last stamp as noted, when it was noted under this desktop id. */
export function recordedSyncEnd(db: Database.Database, desktopId: string): number | null {
  const v = (db.prepare('SELECT value FROM team_sync WHERE key = ?').get(MARK_KEY) as { value: string } | undefined)?.value
  if (!v) return null
  const [id, at] = v.split(' ')
  return id === desktopId && Number.isFinite(Number(at)) ? Number(at) : null
}

export function noteSyncEnd(db: Database.Database, desktopId: string, at: number): void {
  db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(MARK_KEY, `${desktopId} ${at}`)
}

/** What the restored server holds: each layer's version (by document and annotator), and its documents. */
export interface ServerHoldings {
  layers: Map<string, number>
  documents: Set<string>
  /** Its gold items (goldKey) and assignments; read only once the server is known to be behind. */
  gold?: Map<string, ServerGoldHolding>
  assignments?: ServerAssignment[]
}

/** What the recovery marked: layers and gold items to send again, and assignments the restored copy lacks. */
export interface OlderServerRecovery {
  layers: number
  goldItems: number
  assignments: { again: AssignmentsAgain; count: number }
}

export const layerKey = (documentId: string, annotator: string) => `${documentId}\u0000${annotator}`

/**
 * The server is an older copy of the team database than the one this desktop last synced with: what it lacks is
 * sent again, and the team's layers are pulled again, in one local transaction.
 * - `me`'s own layers the server holds at an older version, or not at all, are marked for the next push, on the
 *   version the server has (only `me` writes them, so this desktop's copy descends from the server's);
 * - every other layer's version is forgotten, and the pull cursors go back to the start, so the next pull takes the
 *   server's copy of each (an owner's re-push may take a version number this desktop saw before the restore, with
 *   other content; a version alone cannot tell them apart);
 * - documents the server lacks are no longer taken as on the server (an admin's next sync sends them again);
 * - gold items: teamRestoredGold.ts; assignments: teamRestoredAssignments.ts.
 */
export function resyncWithOlderServer(db: Database.Database, member: { name: string; reviewer: boolean; admin: boolean }, server: ServerHoldings): OlderServerRecovery {
  const me = member.name
  return db
    .transaction(() => {
      const rows = layerVersions(db)
      const setVersion = db.prepare('UPDATE team_layers SET version = ? WHERE document_id = ? AND annotator_id = ?')
      const forget = db.prepare('DELETE FROM team_layers WHERE document_id = ? AND annotator_id = ?')
      const mark = db.prepare(
        "INSERT OR IGNORE INTO team_outbox (document_id, annotator_id, change_id, changed_at) VALUES (?, ?, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
      )
      let again = 0
      for (const r of rows) {
        const held = server.layers.get(layerKey(r.externalId, r.name))
        if (r.name !== me) {
          if (r.name !== 'gold') forget.run(r.documentId, r.annotatorId)
          continue
        }
        if (held !== undefined && held >= r.version) continue
        if (held === undefined) forget.run(r.documentId, r.annotatorId)
        else setVersion.run(held, r.documentId, r.annotatorId)
        mark.run(r.documentId, r.annotatorId)
        again++
      }
      const unmark = db.prepare('DELETE FROM team_documents WHERE document_id = ?')
      for (const d of documentsOnServer(db)) if (!server.documents.has(d.externalId)) unmark.run(d.id)
      const goldItems = resendGoldToOlderServer(db, member.reviewer, server.gold ?? new Map())
      const assignments = assignmentsLostByOlderServer(db, member.admin, server.assignments ?? [])
      db.exec(`DELETE FROM team_sync WHERE key IN ('cursor.labels', 'cursor.documents', 'cursor.layers', 'cursor.assignments', 'cursor.gold', '${MARK_KEY}')`)
      return { layers: again, goldItems, assignments }
    })
    .immediate()
}

/** How many of `me`'s layers and of the documents this desktop takes as on the server the server lacks (or holds older). */
export function missingOnServer(db: Database.Database, me: string, server: ServerHoldings): number {
  const layers = layerVersions(db).filter((r) => r.name === me && (server.layers.get(layerKey(r.externalId, r.name)) ?? -1) < r.version).length
  return layers + documentsOnServer(db).filter((d) => !server.documents.has(d.externalId)).length
}

function layerVersions(db: Database.Database): { documentId: number; annotatorId: number; version: number; externalId: string; name: string }[] {
  return db
    .prepare(
      `SELECT tl.document_id AS documentId, tl.annotator_id AS annotatorId, tl.version, d.external_id AS externalId, a.name
         FROM team_layers tl JOIN documents d ON d.id = tl.document_id JOIN annotators a ON a.id = tl.annotator_id`,
    )
    .all() as { documentId: number; annotatorId: number; version: number; externalId: string; name: string }[]
}

function documentsOnServer(db: Database.Database): { id: number; externalId: string }[] {
  return db.prepare('SELECT t.document_id AS id, d.external_id AS externalId FROM team_documents t JOIN documents d ON d.id = t.document_id').all() as { id: number; externalId: string }[]
}
