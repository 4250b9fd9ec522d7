import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { AppError } from '../../shared/api/errors'
import { wholeCheckReason } from './cleanClose'
import type { WholeCheckContext } from './cleanClose'
import { assertFileHeader, assertQuickCheck, assertShape, isDamageError } from './damagedDatabase'
import { newerWorkspaceError } from './migrate'
import { LATEST_VERSION } from './migrations'
import { plainStorageError } from './storageErrors'
import { nativeBindingFor } from './nativeBinding'
import { assertWorkspacePath } from './workspacePath'

// SQLite reads `file:` URIs only when asked before its first connection; the
// immutable=1 URI below is how a reader opens a file without creating -wal/-shm.
process.env.SQLITE_USE_URI ??= '1'

/** `PRAGMA application_id` of every Spanwright workspace: 'SPWN'. */
export const APPLICATION_ID = 0x5350574e

/** Tables every Spanwright workspace has had since schema version 1 (for files made before the application id). */
const OUR_TABLES = ['settings', 'annotators', 'label_types', 'documents', 'spans', 'relations']

/** A Spanwright workspace: marked 'SPWN', or unmarked (made before the mark) with a schema version and our tables. */
export function isSpanwrightDatabase(appId: number, version: number, tables: string[]): boolean {
  return appId === APPLICATION_ID || (appId === 0 && version > 0 && OUR_TABLES.every((t) => tables.includes(t)))
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

export interface SnapshotOptions {
  nativeBinding?: string
  busyTimeoutMs?: number
}

export interface IntegrityOptions extends WholeCheckContext {
  /**
   * true (the default): the cheap shape check always, and SQLite's whole-file
   * quick_check when wholeCheckReason() gives a reason; 'whole-file': always the
   * whole check; false: neither (a copy we just made ourselves).
   */
  checkIntegrity?: boolean | 'whole-file'
}

/**
 * Checks an open connection to an existing workspace as IntegrityOptions says;
 * throws DamageFound (or SQLite's own damage error) when it is not sound.
 * Returns what was done, for tests and benches to observe.
 */
export function checkWorkspaceIntegrity(db: Database.Database, file: string, opts: IntegrityOptions = {}): 'none' | 'shape' | 'whole-file' {
  if (opts.checkIntegrity === false) return 'none'
  assertShape(db, file)
  if (opts.checkIntegrity !== 'whole-file' && wholeCheckReason(file, opts) === null) return 'shape'
  assertQuickCheck(db)
  return 'whole-file'
}

/**
 * A read-only connection that writes nothing beside the file. While a writer has
 * the workspace open its -wal exists and we share it (SQLite's own read-only
 * path). Otherwise everything is in the main file and it is opened immutable, so
 * no -wal or -shm is created: that also works on read-only media.
 */
export function openSnapshot(file: string, opts: SnapshotOptions = {}): Database.Database {
  const abs = path.resolve(file)
  const base = { readonly: true, fileMustExist: true, nativeBinding: nativeBindingFor(opts.nativeBinding), timeout: opts.busyTimeoutMs ?? 5000 }
  if (fs.existsSync(`${abs}-wal`)) return new Database(abs, base)
  try {
    return new Database(`${pathToFileURL(abs).href}?immutable=1`, base)
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_CANTOPEN') throw e
    // URIs were switched off before we could ask: read a private copy instead (marked as a
    // rollback-journal file, since an in-memory copy cannot be in WAL mode).
    const bytes = fs.readFileSync(abs)
    if (bytes.length > 19 && bytes.subarray(0, 16).equals(SQLITE_MAGIC)) bytes[18] = bytes[19] = 1
    return new Database(bytes, { readonly: true, nativeBinding: nativeBindingFor(opts.nativeBinding) })
  }
}

export type WorkspaceProbe =
  /** Missing, 0 bytes, or an SQLite file with no tables and no marks: a workspace is created there. */
  | { kind: 'new' }
  | { kind: 'workspace'; version: number; marked: boolean }
  /** Ours, but SQLite cannot read it whole. A writer moves it aside; a reader refuses. */
  | { kind: 'damaged'; cause: unknown }

function headerOf(file: string): Buffer {
  const fd = fs.openSync(file, 'r')
  try {
    const buf = Buffer.alloc(100)
    return buf.subarray(0, fs.readSync(fd, buf, 0, 100, 0))
  } finally {
    fs.closeSync(fd)
  }
}

function notOurs(file: string, what: string): AppError {
  return new AppError(
    'invalid_input',
    `${file} is not a Spanwright workspace: ${what}. Spanwright did not change it. ` +
      'Pass --db with a new file name to create a workspace there, or with an existing .spanwright file.',
    { file },
  )
}

/**
 * What is at `file`, found on a read-only connection before anything is written:
 * a new workspace, ours (and its schema version), or ours but damaged. Anything
 * else (another program's database, a file that is not SQLite, a workspace from a
 * newer Spanwright) is refused here, so a refused file stays byte-identical.
 */
export function probeWorkspace(file: string, opts: SnapshotOptions & IntegrityOptions = {}): WorkspaceProbe {
  let st: fs.Stats | undefined
  let header: Buffer
  assertWorkspacePath(file)
  try {
    st = fs.statSync(file, { throwIfNoEntry: false })
    const walBytes = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0
    if (!st || (st.size === 0 && walBytes === 0)) return { kind: 'new' }
    if (!st.isFile()) throw notOurs(file, 'it is a folder or a device, not a file')
    header = headerOf(file)
  } catch (e) {
    throw plainStorageError(e, file, 'read the workspace')
  }
  const ourName = path.extname(file).toLowerCase() === '.spanwright'
  const markedInHeader = header.length >= 72 && header.readUInt32BE(68) === APPLICATION_ID
  const sqlite = header.length >= 16 && header.subarray(0, 16).equals(SQLITE_MAGIC)
  if (!sqlite && !ourName && st.size > 0) throw notOurs(file, 'it is not an SQLite database at all')
  let db: Database.Database | null = null
  try {
    // A cut-short file can fail on its schema pages: say plainly that it was cut short first.
    if (sqlite && opts.checkIntegrity !== false) assertFileHeader(file)
    db = openSnapshot(file, opts)
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    )
    const marked = appId === APPLICATION_ID
    if (!isSpanwrightDatabase(appId, version, tables)) {
      if (appId === 0 && version === 0 && tables.length === 0) return { kind: 'new' }
      const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '')
      throw notOurs(
        file,
        appId !== 0
          ? `it is another program's SQLite database (application id 0x${(appId >>> 0).toString(16)})`
          : tables.length
            ? `it is another program's SQLite database (tables: ${shown})`
            : `it is an SQLite database with no tables but schema version ${version}`,
      )
    }
    if (version > LATEST_VERSION) throw newerWorkspaceError(file, version, LATEST_VERSION)
    checkWorkspaceIntegrity(db, file, opts)
    return { kind: 'workspace', version, marked }
  } catch (e) {
    if (isDamageError(e) && (ourName || markedInHeader)) return { kind: 'damaged', cause: e }
    if (isDamageError(e)) throw notOurs(file, `SQLite cannot read it (${(e as Error).message})`)
    throw plainStorageError(e, file, 'read the workspace')
  } finally {
    db?.close()
  }
}
