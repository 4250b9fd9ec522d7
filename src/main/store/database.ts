import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { createBackupSync, readBackupSettings } from './backups'
import { assertQuickCheck, isDamageError, setAsideDamaged } from './damagedDatabase'
import { migrate } from './migrate'
import { LATEST_VERSION } from './migrations'

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the current runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string
  readonly?: boolean
  busyTimeoutMs?: number
  /** Run SQLite's quick check on an existing file (default true); a damaged file is moved aside. */
  checkIntegrity?: boolean
  /** Back up an existing workspace before migrating it to a newer schema (default true). */
  backupBeforeMigration?: boolean
}

/**
 * Opens (creating if needed) a workspace file with the pragmas the store relies
 * on: WAL for concurrent readers, synchronous=FULL so a committed edit survives
 * power loss, foreign keys for cascades, and a busy timeout for a second writer.
 *
 * An existing file that is not a database, or fails the quick check, is never
 * used or deleted: it is renamed aside and the error names where it went.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  const onDisk = file !== ':memory:'
  if (onDisk) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const existing = onDisk && fs.existsSync(file) && fs.statSync(file).size > 0
  let db: Database.Database | null = null
  try {
    db = new Database(file, {
      nativeBinding: opts.nativeBinding,
      readonly: opts.readonly ?? false,
      timeout: opts.busyTimeoutMs ?? 5000,
    })
    if (!opts.readonly) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    if (existing && opts.checkIntegrity !== false) assertQuickCheck(db)
  } catch (e) {
    db?.close()
    if (existing && !opts.readonly && isDamageError(e)) throw setAsideDamaged(file, e)
    throw e
  }
  try {
    if (!opts.readonly) {
      const version = db.pragma('user_version', { simple: true }) as number
      if (existing && opts.backupBeforeMigration !== false && version > 0 && version < LATEST_VERSION) {
        createBackupSync(db, file, 'before-migration', readBackupSettings(db).keep)
      }
      migrate(db, file)
    }
    return db
  } catch (e) {
    db.close()
    throw e
  }
}
