import { AppError } from '../../shared/api/errors'

/** The disk's own reasons, whether Node (errno) or SQLite (result code) reported them. */
type StorageReason = 'full' | 'read-only' | 'denied' | 'not-a-folder' | 'missing' | 'cannot-open' | 'io'

function reasonOf(e: unknown): StorageReason | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'full'
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'read-only'
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'denied'
  const mkdirOverFile = code === 'EEXIST' && (e as { syscall?: unknown }).syscall === 'mkdir'
  if (code === 'ENOTDIR' || code === 'EISDIR' || mkdirOverFile || code === 'SQLITE_CANTOPEN_ISDIR') return 'not-a-folder'
  if (code === 'ENOENT') return 'missing'
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot-open'
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'io'
  return null
}

/** True when the error is the disk refusing (full, read-only, no permission), not our own refusal. */
export function isStorageError(e: unknown): boolean {
  return reasonOf(e) !== null
}

/** What the disk said, as a few plain words ("the disk is full"), or null when it is not a storage failure. */
export function storageReasonText(e: unknown): string | null {
  const reason = reasonOf(e)
  return reason ? SENTENCE[reason] : null
}

/**
 * A Node call's refusal on a path the user gave (an export's --out, a backup folder) as one sentence naming it:
 * "/data/ro/x.conll: could not write there: permission to write there was denied." An export writes
 * `OUT.partial-<pid>` and renames it into place; the user named OUT, so OUT is shown. Null when the error is not
 * the disk's, names no path, or is a missing file (Node's "no such file or directory" says it plainly).
 */
export function pathRefusalText(e: unknown): string | null {
  const reason = storageReasonText(e)
  const { code, path: where, syscall } = (e ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown }
  if (!reason || code === 'ENOENT' || typeof where !== 'string' || e instanceof AppError) return null
  const partial = /\.partial-\d+$/.exec(where)
  const writing = !!partial || ['write', 'mkdir', 'rename', 'link', 'symlink', 'unlink', 'rmdir', 'copyfile', 'fsync', 'ftruncate'].includes(String(syscall))
  return `${partial ? where.slice(0, partial.index) : where}: could not ${writing ? 'write there' : 'use it'}: ${reason}.`
}

const SENTENCE: Record<StorageReason, string> = {
  full: 'the disk is full',
  'read-only': 'the disk or folder is read-only',
  denied: 'permission to write there was denied',
  'not-a-folder': 'a file is in the way where a folder should be',
  missing: 'its folder does not exist or cannot be opened',
  'cannot-open': 'SQLite could not open it, or the -wal and -shm files it keeps beside it',
  io: 'the disk reported an input/output error',
}

const ADVICE: Record<StorageReason, string> = {
  full: 'Free some space on that disk, then try again.',
  'read-only':
    'Reading commands (export, agreement) still work there; to edit, copy the workspace to a writable folder and pass --db.',
  denied: 'Check the folder belongs to you, or pass --db with a workspace in a folder you can write.',
  'not-a-folder': 'Pass --db with a path inside a real folder.',
  missing: 'Pass --db with a path inside a folder that exists.',
  'cannot-open': 'Check that the folder exists and can be written, and that nothing odd sits at its -wal or -shm names.',
  io: 'Check the disk, then try again; the workspace file was not replaced.',
}

/**
 * A storage failure as one plain sentence naming the workspace, instead of a bare
 * `ENOSPC: no space left on device, write` about some temp file. `doing` says what
 * was being attempted ("open the workspace", "take the workspace lock").
 * Anything else passes through unchanged.
 */
export function plainStorageError(e: unknown, workspaceFile: string, doing: string, opts: { unchanged?: boolean } = {}): unknown {
  const reason = reasonOf(e)
  if (!reason || e instanceof AppError) return e
  const unchanged = opts.unchanged === false ? '' : ' Nothing in the workspace was changed.'
  return new AppError(
    'unavailable',
    `${workspaceFile}: could not ${doing}: ${SENTENCE[reason]}. ${ADVICE[reason]}${unchanged}`,
    { reason, cause: (e as { code?: string }).code },
  )
}
