import type Database from 'better-sqlite3'
import fs from 'node:fs'
import { AppError } from '../../shared/api/errors'
import { listBackups } from './backups'

/** SQLite's error codes that mean the file's bytes are wrong, not that it is busy or read-only. */
const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX'])

export function isDamageError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && DAMAGE_CODES.has(code)
}

/** Thrown when a quick check finds damage; carries SQLite's own description. */
export class DamageFound extends Error {
  readonly code = 'SQLITE_CORRUPT'
}

/** SQLite's quick check (the cheap form of integrity_check): throws DamageFound unless it says ok. */
export function assertQuickCheck(db: Database.Database): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[]
  const lines = rows.map((r) => r.quick_check)
  // One line of SQLite's findings per problem (its first may hold several): one sentence for the message.
  if (lines.length !== 1 || lines[0] !== 'ok') throw new DamageFound(lines.join('; ').replace(/\s*\n\s*/g, '; '))
}

/**
 * The cheap check run at every open, whatever the file's size: a few reads, not
 * one per page. The header's fixed fields (page size, payload fractions), the file
 * not cut short of the page count its header states (a torn copy or a failed
 * download), a free-page count that fits, the schema readable, and each table's
 * first and last rows reachable (both edges of every b-tree). With a -wal beside
 * the file the newest pages may live there, so the length is not compared then.
 */
export function assertFileHeader(file: string): void {
  const fd = fs.openSync(file, 'r')
  let header: Buffer
  let size: number
  try {
    header = Buffer.alloc(100)
    header = header.subarray(0, fs.readSync(fd, header, 0, 100, 0))
    size = fs.fstatSync(fd).size
  } finally {
    fs.closeSync(fd)
  }
  if (header.length < 100) throw new DamageFound(`the file is ${size} bytes, shorter than an SQLite header`)
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw new DamageFound(`the header's page size ${rawPageSize} is not a valid one`)
  if (header[21] !== 64 || header[22] !== 32 || header[23] !== 32) throw new DamageFound('the header has been overwritten (payload fractions)')
  const pages = header.readUInt32BE(28)
  const sizeValid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92)
  if (sizeValid && !fs.existsSync(`${file}-wal`) && size < pages * pageSize) {
    throw new DamageFound(`the file was cut short: its header counts ${pages} pages of ${pageSize} bytes, but it holds ${size} bytes`)
  }
}

/** The cheap check's reads through the connection; see assertFileHeader for the rest. */
export function assertShape(db: Database.Database, file: string): void {
  assertFileHeader(file)
  const pageCount = db.pragma('page_count', { simple: true }) as number
  if ((db.pragma('freelist_count', { simple: true }) as number) > pageCount) throw new DamageFound('the free-page list is longer than the file')
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
  for (const name of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`
    db.prepare(`SELECT 1 FROM ${quoted} LIMIT 1`).all()
    if (db.prepare(`SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 0`).get(name)) db.prepare(`SELECT max(rowid) FROM ${quoted}`).all()
  }
}

/**
 * SQLite's full integrity_check: every page, every b-tree (the search index's
 * included) and every index against its table. What is wrong, at most `max`
 * lines, or [] when the file is sound. Reads the whole file: for `spanwright
 * check`, never at open.
 */
export function integrityProblems(db: Database.Database, max = 20): string[] {
  const lines = (db.pragma(`integrity_check(${max})`) as { integrity_check: string }[]).map((r) => r.integrity_check)
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines
}

export interface DamagedWorkspaceDetails {
  file: string
  movedTo: string
  reason: string
  latestBackup: string | null
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-')
}

/**
 * Moves a damaged workspace aside as `<name>.damaged-<timestamp>` (its -wal and
 * -shm files with it, so SQLite tools can still read what is left) and never
 * deletes anything. Returns the error to show: both paths and the latest backup.
 */
export function setAsideDamaged(file: string, cause: unknown): AppError {
  const movedTo = `${file}.damaged-${stamp()}`
  fs.renameSync(file, movedTo)
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix)
  }
  const reason = cause instanceof Error ? cause.message : String(cause)
  const latestBackup = listBackups(file)[0]?.path ?? null
  const offer = latestBackup
    ? `The latest backup is ${latestBackup}; restore it with: spanwright restore --db ${JSON.stringify(file)} --from ${JSON.stringify(latestBackup)}`
    : 'There is no backup of it; starting again will create an empty workspace at the same path.'
  const details: DamagedWorkspaceDetails = { file, movedTo, reason, latestBackup }
  return new AppError(
    'conflict',
    `${file}: the workspace file is damaged (${reason}). Nothing was deleted: it was moved aside to ${movedTo}. ${offer}`,
    details,
  )
}
