import Database from 'better-sqlite3'
import { migrate } from './migrate'
import { migrations } from './migrations'
import { nativeBindingFor } from './nativeBinding'
import { noteReplacedDesktopIds, ownDesktopId, replacedDesktopIds, untieDesktopIdFromFile } from './teamDesktopId'

/** The local migration that made team_sync, where the note is kept. */
const TEAM_TABLES = 9
const hasTeamSync = (db: Database.Database) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_sync'").pluck().get() !== undefined

/**
 * Read from a workspace a restore is about to replace, while it is still open: the desktop ids its file synced under
 * (its own, and those an earlier restore left it to retire), which the restored file retires on the server.
 */
export function desktopsReplacedBy(db: Database.Database): string[] {
  if (!hasTeamSync(db)) return []
  const own = ownDesktopId(db)
  return [...new Set([...(own ? [own] : []), ...replacedDesktopIds(db)])]
}

/**
 * How many layers and gold items of a workspace a restore is about to replace have changes not yet pushed to its team:
 * they are not lost (the copy the restore keeps holds them, and pushes them if it is restored in turn), but the
 * restored workspace does not have them.
 */
export function unpushedTeamChanges(db: Database.Database): number {
  const { layers, goldItems } = unpushedTeamChangeCounts(db)
  return layers + goldItems
}

/** The same, apart: annotator layers (team_outbox) and gold items (team_gold_outbox), as the Backups screen says them. */
export function unpushedTeamChangeCounts(db: Database.Database): { layers: number; goldItems: number } {
  const has = (t: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t) !== undefined
  const count = (t: string) => (has(t) ? (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number) : 0)
  return { layers: count('team_outbox'), goldItems: count('team_gold_outbox') }
}

/**
 * Written into the restored copy before it takes the workspace's place: the ids of the desktop it replaces. The
 * restored file takes a new id of its own (another file), and its next sync retires these on the server
 * (desktopEnrolment.ts), so they do not hold `team prune` back. They are provably gone: the restore held the
 * replaced file's lock and put the copy in its place, and the replaced file's copy among the backups is another
 * file, which takes its own id if it is restored in turn. A replaced file too damaged to read is stood for by the
 * backup's own id, when the backup was made from that very file (the id's file identity is the replaced file's).
 * A backup older than the team tables (migration 9) is brought up to them first.
 */
export function noteReplacedDesktops(restoredCopy: string, replaced: string[], replacedIdentity: string | null, nativeBinding?: string): void {
  const db = new Database(restoredCopy, { fileMustExist: true, nativeBinding: nativeBindingFor(nativeBinding) })
  try {
    // A backup older than the team tables (migration 9): brought up to them, so it has somewhere to keep the note; the
    // rest of its migrations run when the workspace opens, in the same order as they would have.
    if (!hasTeamSync(db) && replaced.length) {
      db.pragma('foreign_keys = ON')
      migrate(db, restoredCopy, migrations.filter((m) => m.version <= TEAM_TABLES))
    }
    if (!hasTeamSync(db)) return
    const get = (key: string) => db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(key) as string | undefined
    const madeByReplaced = replacedIdentity !== null && get('desktop.file') === replacedIdentity ? get('desktop.id') : undefined
    const ids = [...new Set([...replacedDesktopIds(db), ...replaced, ...(madeByReplaced ? [madeByReplaced] : [])])]
    if (ids.length) noteReplacedDesktopIds(db, ids)
    untieDesktopIdFromFile(db)
  } finally {
    db.close()
  }
}
