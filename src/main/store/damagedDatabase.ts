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
  if (lines.length !== 1 || lines[0] !== 'ok') throw new DamageFound(lines.join('; '))
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
