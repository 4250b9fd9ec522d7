import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { migrate } from './migrate'

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the current runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string
  readonly?: boolean
  busyTimeoutMs?: number
}

/**
 * Opens (creating if needed) a workspace file with the pragmas the store relies
 * on: WAL for concurrent readers, synchronous=FULL so a committed edit survives
 * power loss, foreign keys for cascades, and a busy timeout for a second writer.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file, {
    nativeBinding: opts.nativeBinding,
    readonly: opts.readonly ?? false,
    timeout: opts.busyTimeoutMs ?? 5000,
  })
  try {
    if (!opts.readonly) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    if (!opts.readonly) migrate(db, file)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}
