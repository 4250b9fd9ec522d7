import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { storageReasonText } from './storageErrors'
import { nativeBindingFor } from './nativeBinding'
import { makeFolder } from './makeFolder'
import { BACKUP_INTERVAL_MINUTES } from '../../shared/api/methods/workspace'

/** Why a backup was made; it is part of the file name, so a listing says it. */
export type BackupReason = 'auto' | 'manual' | 'before-migration' | 'before-import' | 'before-restore'

export interface BackupInfo {
  path: string
  name: string
  /** ISO time the backup was taken, read back from its name. */
  createdAt: string
  reason: string
  bytes: number
}

export interface BackupSettings {
  /** Minutes of activity between rolling backups. */
  intervalMinutes: number
  /** How many backups of this workspace to keep. */
  keep: number
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { intervalMinutes: 10, keep: 10 }
export const BACKUP_SETTING_KEYS = { intervalMinutes: 'backup.intervalMinutes', keep: 'backup.keep' } as const

/** Backups live in a `backups/` folder beside the workspace file. */
export function backupsDirOf(workspaceFile: string): string {
  return path.join(path.dirname(path.resolve(workspaceFile)), 'backups')
}

function stemOf(workspaceFile: string): string {
  const base = path.basename(workspaceFile)
  const ext = path.extname(base)
  return ext ? base.slice(0, -ext.length) : base
}

/**
 * A backup keeps its workspace's extension, and a workspace without one gets backups without one: with a
 * `.spanwright` put on them, `notes` and `notes.spanwright` in one folder shared every name, so each listed, pruned
 * and restored the other's backups. Stamps and reasons hold no dot, so the two sets of names can never meet.
 */
function extOf(workspaceFile: string): string {
  return path.extname(path.basename(workspaceFile))
}

/** `<stem>-2026-11-23T13-44-14-123Z-<reason>.spanwright`: sorts by time, safe on every file system. */
function backupFileName(workspaceFile: string, at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  return `${stemOf(workspaceFile)}-${stamp}-${reason}${extOf(workspaceFile)}`
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** This workspace's backups, newest first. */
export function listBackups(workspaceFile: string): BackupInfo[] {
  const dir = backupsDirOf(workspaceFile)
  if (!fs.existsSync(dir)) return []
  const re = new RegExp(
    `^${escapeRe(stemOf(workspaceFile))}-(\\d{4}-\\d\\d-\\d\\dT\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d{3})Z-([a-z-]+?)(?:-(\\d+))?${escapeRe(extOf(workspaceFile))}$`,
  )
  const out: BackupInfo[] = []
  const counters = new Map<string, number>()
  for (const name of fs.readdirSync(dir)) {
    const m = re.exec(name)
    if (!m) continue
    const full = path.join(dir, name)
    out.push({ path: full, name, createdAt: `${m[1]}:${m[2]}:${m[3]}.${m[4]}Z`, reason: m[5], bytes: fs.statSync(full).size })
    counters.set(full, Number(m[6] ?? 1))
  }
  // Within one millisecond (names made before stamps were kept apart), the counter says which came later.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
  const later = (a: BackupInfo, b: BackupInfo) => cmp(a.createdAt, b.createdAt) || counters.get(a.path)! - counters.get(b.path)! || cmp(a.name, b.name)
  return out.sort((a, b) => later(b, a))
}

/** A fresh destination path; two backups in the same millisecond get a counter. */
function destinationFor(workspaceFile: string, reason: BackupReason): string {
  const dir = backupsDirOf(workspaceFile)
  makeFolder(dir)
  // Names sort by time, so a backup never takes the time of the newest one there (the same millisecond, a clock
  // stepped back by up to a minute): keep-K rotation and "restore the latest" must never take an older backup for
  // the newest. A name further ahead (a stray file dated 2099) is not followed.
  const newest = listBackups(workspaceFile)[0]
  let at = new Date()
  const ahead = newest ? Date.parse(newest.createdAt) - at.getTime() : -1
  if (ahead >= 0 && ahead < 60_000) at = new Date(at.getTime() + ahead + 1)
  const name = backupFileName(workspaceFile, at, reason)
  let dest = path.join(dir, name)
  const ext = extOf(workspaceFile)
  const bare = name.slice(0, name.length - ext.length)
  for (let i = 2; fs.existsSync(dest); i++) dest = path.join(dir, `${bare}-${i}${ext}`)
  return dest
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Moves a finished copy into place: a backup file is either whole or absent. It
 * is switched out of WAL mode first, so it is one self-contained file that a
 * read-only look never litters with -wal and -shm files.
 */
function publish(db: Database.Database, tmp: string, dest: string): void {
  if (db.readonly) {
    // A read-only source (the `backup` command beside a running app) cannot write an attached file.
    const copy = new Database(tmp, { fileMustExist: true, nativeBinding: nativeBindingFor() })
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
  } else {
    // Through the source connection, so no second native binding is needed inside Electron.
    db.prepare('ATTACH DATABASE ? AS finished_backup').run(tmp)
    try {
      db.pragma('finished_backup.journal_mode = DELETE')
    } finally {
      db.exec('DETACH DATABASE finished_backup')
    }
  }
  fsyncFile(tmp)
  fs.renameSync(tmp, dest)
}

/** Deletes all but the newest `keep` backups of this workspace. */
export function pruneBackups(workspaceFile: string, keep: number): string[] {
  const removed: string[] = []
  for (const b of listBackups(workspaceFile).slice(Math.max(1, keep))) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(b.path + suffix, { force: true })
    removed.push(b.path)
  }
  return removed
}

/** An online backup with SQLite's backup API (better-sqlite3 `db.backup()`); the app keeps working meanwhile. */
export async function createBackup(
  db: Database.Database,
  workspaceFile: string,
  reason: BackupReason,
  keep = DEFAULT_BACKUP_SETTINGS.keep,
): Promise<string> {
  const dest = destinationFor(workspaceFile, reason)
  const tmp = `${dest}.partial`
  try {
    await db.backup(tmp)
    publish(db, tmp, dest)
  } finally {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true })
  }
  pruneBackups(workspaceFile, keep)
  return dest
}

/**
 * The same, synchronously (`VACUUM INTO`), for the moments that cannot yield:
 * just before a migration runs, and just before an import's transaction.
 */
export function createBackupSync(
  db: Database.Database,
  workspaceFile: string,
  reason: BackupReason,
  keep = DEFAULT_BACKUP_SETTINGS.keep,
): string {
  const dest = destinationFor(workspaceFile, reason)
  const tmp = `${dest}.partial`
  try {
    db.prepare('VACUUM INTO ?').run(tmp)
    publish(db, tmp, dest)
  } finally {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true })
  }
  pruneBackups(workspaceFile, keep)
  return dest
}

/** N and K from the workspace's settings table (when it has one), else the defaults. */
export function readBackupSettings(db: Database.Database): BackupSettings {
  const read = (key: string, fallback: number): number => {
    try {
      const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)
      const n = row ? Number(row.value) : NaN
      return Number.isFinite(n) && n > 0 ? n : fallback
    } catch {
      return fallback // no settings table yet
    }
  }
  return {
    // A period stored past the dialog's bound (an older CLI took any number) would overflow setInterval, which Node runs every 1 ms.
    intervalMinutes: Math.min(read(BACKUP_SETTING_KEYS.intervalMinutes, DEFAULT_BACKUP_SETTINGS.intervalMinutes), BACKUP_INTERVAL_MINUTES.max),
    keep: Math.floor(read(BACKUP_SETTING_KEYS.keep, DEFAULT_BACKUP_SETTINGS.keep)),
  }
}

/** One line for the terminal when a rolling backup fails: the disk's reason in words, the workspace itself untouched. */
export function rollingBackupFailure(workspaceFile: string, e: unknown): string {
  const why = storageReasonText(e) ?? (e instanceof Error ? e.message : String(e))
  return `${workspaceFile}: the rolling backup into ${backupsDirOf(workspaceFile)} failed (${why}); the workspace itself is unchanged and the next backup will try again.`
}

export interface BackupTimer {
  stop(): void
  /** Resolves when a backup in flight (if any) has finished. */
  settled(): Promise<void>
}

/**
 * Rolling backups: every `intervalMs`, if this connection changed anything since
 * the last one (SQLite's total_changes()), take an online backup and prune to `keep`.
 * The timer never keeps the process alive on its own.
 */
export function startBackupTimer(
  db: Database.Database,
  workspaceFile: string,
  opts: { intervalMs: number; keep: number; onError?: (e: unknown) => void },
): BackupTimer {
  const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n')
  let lastSeen = changes.get()!.n
  let inFlight: Promise<void> = Promise.resolve()
  let busy = false
  const tick = () => {
    if (busy || !db.open) return
    const now = changes.get()!.n
    if (now === lastSeen) return
    busy = true
    inFlight = createBackup(db, workspaceFile, 'auto', opts.keep)
      .then(() => void (lastSeen = now))
      .catch((e: unknown) => {
        if (db.open) (opts.onError ?? ((err) => console.error(rollingBackupFailure(workspaceFile, err))))(e)
      })
      .finally(() => void (busy = false))
  }
  const timer = setInterval(tick, opts.intervalMs)
  timer.unref()
  return {
    stop: () => clearInterval(timer),
    settled: () => inFlight,
  }
}
