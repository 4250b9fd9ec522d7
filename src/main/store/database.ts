import Database from 'better-sqlite3'
import fs from 'node:fs'
import { AppError } from '../../shared/api/errors'
import { ensureWorkspaceFolder } from '../workspace/workspaceFolder'
import { createBackupSync, readBackupSettings } from './backups'
import { forgetCleanClose } from './cleanClose'
import { isDamageError, setAsideDamaged } from './damagedDatabase'
import { migrate } from './migrate'
import { LATEST_VERSION } from './migrations'
import { plainStorageError } from './storageErrors'
import { checkWorkspaceIntegrity, openSnapshot, probeWorkspace } from './workspaceProbe'
import type { IntegrityOptions } from './workspaceProbe'
import { assertWorkspacePath } from './workspacePath'
import { nativeBindingFor } from './nativeBinding'
import { registerUnspacedGrams } from './unspacedGrams'

export interface OpenOptions extends IntegrityOptions {
  /** Path to a better_sqlite3.node built for the current runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string
  readonly?: boolean
  busyTimeoutMs?: number
  /** Back up an existing workspace before migrating it to a newer schema (default true). */
  backupBeforeMigration?: boolean
  /** After opening (and migrating), refuse every write on this connection (PRAGMA query_only): a reader's private copy. */
  queryOnly?: boolean
}

/**
 * Opens (creating if needed) a workspace file with the pragmas the store relies
 * on: WAL for concurrent readers, synchronous=FULL so a committed edit survives
 * power loss, foreign keys for cascades, and a busy timeout for a second writer.
 *
 * What is there is looked at first on a read-only connection: another program's
 * database or a workspace from a newer Spanwright is refused before a byte is
 * written (no WAL switch, no tables). A damaged workspace is never used or
 * deleted: it is renamed aside and the error names where it went.
 *
 * `readonly` opens without writing anything at all (see openSnapshot): no
 * migration, no WAL switch, no -wal/-shm of our own.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  if (file === ':memory:') return configure(new Database(file, { nativeBinding: nativeBindingFor(opts.nativeBinding) }), opts)
  if (opts.readonly) return openReadOnly(file, opts)
  ensureWorkspaceFolder(file)
  const probe = probeWorkspace(file, opts)
  if (probe.kind === 'damaged') throw setAsideDamaged(file, probe.cause)
  let db: Database.Database | null = null
  try {
    db = new Database(file, { nativeBinding: nativeBindingFor(opts.nativeBinding), timeout: opts.busyTimeoutMs ?? 5000 })
    db.pragma('journal_mode = WAL')
    configure(db, opts)
    const version = db.pragma('user_version', { simple: true }) as number
    if (probe.kind === 'workspace' && opts.backupBeforeMigration !== false && version > 0 && version < LATEST_VERSION) {
      createBackupSync(db, file, 'before-migration', readBackupSettings(db).keep)
    }
    migrate(db, file)
    // From here until a clean close the file is in use: a crash must lead to a whole check.
    if (opts.checkIntegrity !== false) forgetCleanClose(file)
    if (opts.queryOnly) db.pragma('query_only = ON')
    return db
  } catch (e) {
    db?.close()
    if (probe.kind === 'workspace' && isDamageError(e)) throw setAsideDamaged(file, e)
    throw plainStorageError(e, file, 'open the workspace for writing')
  }
}

function configure(db: Database.Database, opts: OpenOptions): Database.Database {
  if (!db.readonly) db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  // The search index's triggers call it (migration 22): every write of a document needs it, whatever the connection.
  registerUnspacedGrams(db)
  return db
}

function openReadOnly(file: string, opts: OpenOptions): Database.Database {
  assertWorkspacePath(file)
  if (!fs.existsSync(file)) throw new AppError('not_found', `${file}: no workspace there`)
  let db: Database.Database | null = null
  try {
    db = configure(openSnapshot(file, opts), opts)
    checkWorkspaceIntegrity(db, file, opts)
    return db
  } catch (e) {
    db?.close()
    throw plainStorageError(e, file, 'open the workspace for reading')
  }
}
