import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import type Database from 'better-sqlite3'

const KEY = 'desktop.id'
const FILE_KEY = 'desktop.file'
const PREVIOUS_KEY = 'desktop.previous'
const CHECK_KEY = 'desktop.check-pruned'

/**
 * This workspace's id among the team's desktops (random, made once, kept in
 * team_sync; leaving the team keeps it, so a rejoin is the same desktop).
 *
 * The id belongs to one file: beside it is the file's identity (device and
 * inode), and a workspace whose file is not the one that made its id (a copy
 * taken to another computer, a restored backup) takes a new id. Two files
 * under one id would share one place in the server's prune list, so the one
 * that syncs less often could miss deletions pruned on the other's word; with
 * its own id, a copy joins as a desktop the server has not seen, and its
 * first pull checks for deletions pruned meanwhile (goldSync.ts). A move on
 * one disk keeps the inode and the id.
 */
export function desktopId(db: Database.Database): string {
  const get = (key: string) => db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(key) as string | undefined
  const found = get(KEY)
  const here = fileIdentity(db)
  if (found) {
    const recorded = get(FILE_KEY)
    if (here === null || recorded === here) return found
    if (recorded === undefined) {
      // Made before ids were tied to their file: this file is taken as the one that made it.
      db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(FILE_KEY, here)
      return found
    }
  }
  const id = randomUUID()
  const set = db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  db.transaction(() => {
    // Another connection may have made the first id meanwhile: that one stands.
    if (!found && get(KEY)) return
    // The id this file's past synced under: the next sync retires it on the server when that past is provably this file's.
    // Moved twice before a sync, the first id is the one the server knows: it stays the one to retire.
    if (found && get(PREVIOUS_KEY) === undefined) set.run(PREVIOUS_KEY, found)
    set.run(KEY, id)
    if (here !== null) set.run(FILE_KEY, here)
  }).immediate()
  return get(KEY) as string
}

/**
 * Written into a restored copy: its id is no file's (a restored backup takes a new id at its next sync, and its old
 * one is retired as a changed file's). Its recorded identity alone does not say so: a file system hands a freed inode
 * to the next file (ext4 at once), so a workspace file lost and restored from its backup sat in the very inode the
 * backup recorded, and took back the id whose server row holds the lost file's cursors, ahead of the backup's.
 */
export function untieDesktopIdFromFile(db: Database.Database): void {
  db.prepare("INSERT INTO team_sync (key, value) SELECT ?, 'restored' WHERE EXISTS (SELECT 1 FROM team_sync WHERE key = ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(FILE_KEY, KEY)
}

/** The workspace file's device and inode, or null for an in-memory database or one whose file cannot be read. */
function fileIdentity(db: Database.Database): string | null {
  return db.memory || !db.name ? null : fileIdentityOf(db.name)
}

/** A file's device and inode (what a desktop id is tied to), or null when it cannot be read. */
export function fileIdentityOf(file: string): string | null {
  try {
    const s = fs.statSync(file, { bigint: true })
    return `${s.dev}:${s.ino}`
  } catch {
    return null
  }
}

/**
 * The id this workspace's file syncs under as its own (the file made it, or it predates ids tied to files), or null:
 * it never synced, or its file changed since (its next sync takes a new id).
 */
export function ownDesktopId(db: Database.Database): string | null {
  const get = (key: string) => db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(key) as string | undefined
  const found = get(KEY)
  if (!found) return null
  const recorded = get(FILE_KEY)
  const here = fileIdentity(db)
  return recorded === undefined || here === null || recorded === here ? found : null
}

const REPLACED_KEY = 'desktop.replaced'

/**
 * The ids of desktops a restore replaced with this workspace (teamRestoredDesktop.ts), not yet retired: a JSON list,
 * since a restored file restored over again before it syncs carries the first one's too.
 */
export function replacedDesktopIds(db: Database.Database): string[] {
  const v = db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(REPLACED_KEY) as string | undefined
  let ids: unknown
  try {
    ids = v ? JSON.parse(v) : []
  } catch {
    ids = []
  }
  // Only ids as this store makes them: anything else would fail every sync at the server's uuid type.
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string' && UUID.test(x)) : []
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function noteReplacedDesktopIds(db: Database.Database, ids: string[]): void {
  if (!ids.length) db.prepare('DELETE FROM team_sync WHERE key = ?').run(REPLACED_KEY)
  else db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(REPLACED_KEY, JSON.stringify(ids))
}

/** The id this workspace synced under before its file changed (moved to another disk, copied, restored), if not yet retired. */
export function previousDesktopId(db: Database.Database): string | null {
  return (db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(PREVIOUS_KEY) as string | undefined) ?? null
}

export function forgetPreviousDesktopId(db: Database.Database): void {
  db.prepare('DELETE FROM team_sync WHERE key = ?').run(PREVIOUS_KEY)
}

/**
 * Whether this desktop owes a check for deletions pruned while it was not registered (forgotten, a new id for a
 * file that had pulled before): noted before it registers again, cleared once a full gold pull has checked, so a
 * sync that stops in between (or pushes only) leaves the check owed.
 */
export function pruneCheckOwed(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM team_sync WHERE key = ?').pluck().get(CHECK_KEY) !== undefined
}

export function owePruneCheck(db: Database.Database, owed: boolean): void {
  if (owed) db.prepare("INSERT INTO team_sync (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING").run(CHECK_KEY)
  else db.prepare('DELETE FROM team_sync WHERE key = ?').run(CHECK_KEY)
}

const WAITING_KEY = 'desktop.waiting-reported'

/** What this desktop last told the server it waits for (so an unchanged report is not sent at every sync), or null. */
export function reportedWaiting(db: Database.Database): string | null {
  return (db.prepare('SELECT value FROM team_sync WHERE key = ?').pluck().get(WAITING_KEY) as string | undefined) ?? null
}

export function noteReportedWaiting(db: Database.Database, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM team_sync WHERE key = ?').run(WAITING_KEY)
  else db.prepare('INSERT INTO team_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(WAITING_KEY, value)
}
