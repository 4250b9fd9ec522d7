import type Database from 'better-sqlite3'

/** SQLite's "another connection is writing" (SQLITE_BUSY and its extended codes), however it reached us. */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * Whether this connection could begin a write now: takes the write lock and
 * lets it go at once, without sleeping in SQLite's busy handler. False while
 * another connection holds it (an import's write transaction in the jobs
 * worker holds it for its whole write phase).
 */
export function canWriteNow(db: Database.Database): boolean {
  if (db.inTransaction) return true
  const timeout = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    db.exec('BEGIN IMMEDIATE')
    db.exec('ROLLBACK')
    return true
  } catch (e) {
    if (isBusyError(e)) return false
    throw e
  } finally {
    db.pragma(`busy_timeout = ${Number(timeout)}`)
  }
}
