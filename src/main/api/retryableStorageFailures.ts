/**
 * SQLite failures that say the workspace cannot be written right now (the
 * disk, a lock, permissions), not that the request was wrong: the same edit
 * may succeed later, so they are reported as retryable with a plain reason.
 */
const REASONS: [prefix: string, reason: string][] = [
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_BUSY', 'the workspace is busy in another window or process'],
  ['SQLITE_LOCKED', 'the workspace is locked'],
  ['SQLITE_READONLY', 'the workspace is read-only'],
  ['SQLITE_IOERR', 'the disk reported a read/write error'],
  ['SQLITE_CANTOPEN', 'the workspace file cannot be opened'],
]

/** The plain reason for a storage failure, or null when `e` is not one (e.g. a constraint). */
export function storageFailureReason(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  // Extended codes carry the primary one as a prefix: SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED …
  const hit = REASONS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))
  return hit ? hit[1] : null
}
