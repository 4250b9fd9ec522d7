import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/api/errors'
import { backupsDirOf, createBackupSync, listBackups, readBackupSettings } from './backups'
import { assertQuickCheck, isDamageError, setAsideDamaged } from './damagedDatabase'
import { LATEST_VERSION } from './migrations'
import { acquireWorkspaceLock } from './workspaceLock'
import { isSpanwrightDatabase } from './workspaceProbe'
import { nativeBindingFor } from './nativeBinding'
import { fileIdentityOf } from './teamDesktopId'
import { desktopsReplacedBy, noteReplacedDesktops, unpushedTeamChangeCounts } from './teamRestoredDesktop'

export interface RestoreResult {
  restoredFrom: string
  /** Where the replaced workspace went: a fresh backup, or the damaged file moved aside; null if there was none. */
  previous: string | null
  /** Layers and gold items the replaced workspace had changed and not yet pushed to its team (they are in `previous`). */
  unpushedTeamChanges?: number
  /** The same, apart: layers and gold items (set when unpushedTeamChanges is). */
  unpushed?: { layers: number; goldItems: number }
}

/** A backup given by path, or by name inside the workspace's backups/ folder; by default the newest. */
export function resolveBackup(workspaceFile: string, from?: string): string {
  if (!from) {
    const latest = listBackups(workspaceFile)[0]
    if (!latest) throw new AppError('not_found', `${workspaceFile}: there are no backups in ${backupsDirOf(workspaceFile)}`)
    return latest.path
  }
  for (const candidate of [path.resolve(from), path.join(backupsDirOf(workspaceFile), from)]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  throw new AppError('not_found', `${from}: no such backup (looked in the current folder and ${backupsDirOf(workspaceFile)})`)
}

/** Refuses a backup that is not a whole Spanwright database this version can open. */
function checkBackup(file: string, shownAs: string, nativeBinding?: string): void {
  let db: Database.Database | null = null
  try {
    db = new Database(file, { fileMustExist: true, nativeBinding: nativeBindingFor(nativeBinding) })
    assertQuickCheck(db)
    const version = db.pragma('user_version', { simple: true }) as number
    const appId = db.pragma('application_id', { simple: true }) as number
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
    // Restored, another program's database would replace the workspace, and every later open would refuse it.
    if (!isSpanwrightDatabase(appId, version, tables)) throw new Error('it is not a Spanwright workspace but another program\'s SQLite database')
    if (version < 1 || version > LATEST_VERSION) throw new Error(`schema version ${version} is not one this Spanwright can open (1-${LATEST_VERSION})`)
  } catch (e) {
    throw new AppError('invalid_input', `${shownAs}: cannot restore this backup: ${(e as Error).message}. The workspace was not changed.`)
  } finally {
    db?.close()
  }
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Replaces a workspace with one of its backups. The current file is backed up
 * first (or, if it is damaged, moved aside), so a restore never loses anything.
 * Refused while the workspace is open in another process.
 */
export function restoreBackup(workspaceFile: string, from?: string, opts: { nativeBinding?: string } = {}): RestoreResult {
  const file = path.resolve(workspaceFile)
  const source = resolveBackup(file, from)
  // The workspace itself (or a link to it) is no backup: its copy would miss what its WAL holds, and the restore would
  // say it restored something.
  const sourceIdentity = fileIdentityOf(source)
  if (sourceIdentity !== null && sourceIdentity === fileIdentityOf(file)) {
    throw new AppError('invalid_input', `${from ?? source}: is the workspace itself, not a backup of it (list them with restore --list). The workspace was not changed.`)
  }
  const lock = acquireWorkspaceLock(file, { waitMs: 0 })
  const staged = `${file}.restoring`
  // Which desktop the team knew this file as: the restored copy retires it at its next sync (teamRestoredDesktop.ts).
  const replacedIdentity = fileIdentityOf(file)
  let replacedDesktops: string[] = []
  let unpushed = { layers: 0, goldItems: 0 }
  try {
    // Copy first (backing up the current file prunes old backups, which may include the source),
    // then check the copy, so the backup itself is never opened or changed.
    fs.copyFileSync(source, staged)
    checkBackup(staged, source, opts.nativeBinding)
    fsyncPath(staged)
    let previous: string | null = null
    if (fs.existsSync(file)) {
      let db: Database.Database | null = null
      try {
        db = new Database(file, { fileMustExist: true, nativeBinding: nativeBindingFor(opts.nativeBinding) })
        assertQuickCheck(db)
        replacedDesktops = desktopsReplacedBy(db)
        unpushed = unpushedTeamChangeCounts(db)
        previous = createBackupSync(db, file, 'before-restore', readBackupSettings(db).keep)
        db.pragma('wal_checkpoint(TRUNCATE)')
        db.close() // the last connection's close folds the WAL in and removes it
      } catch (e) {
        db?.close()
        if (!isDamageError(e)) throw e
        previous = (setAsideDamaged(file, e).details as { movedTo: string }).movedTo
      }
    }
    noteReplacedDesktops(staged, replacedDesktops, replacedIdentity, opts.nativeBinding)
    fsyncPath(staged)
    // A leftover WAL would be replayed onto the restored file: nothing in it is needed now.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    fs.renameSync(staged, file)
    fsyncPath(path.dirname(file))
    const n = unpushed.layers + unpushed.goldItems
    return { restoredFrom: source, previous, ...(n ? { unpushedTeamChanges: n, unpushed } : {}) }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(staged + suffix, { force: true })
    lock.release()
  }
}
