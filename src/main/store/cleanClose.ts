import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { userDataDir } from '../workspace/paths'
import { realWorkspacePath, workspaceLockHolder } from './workspaceLock'

/** Records kept (one per workspace closed on this account); the oldest go first. */
const KEEP_RECORDS = 500

function recordsDir(): string {
  return path.join(userDataDir(), 'clean-closes')
}

/**
 * The record of a clean close, written when the last writer's connection closed and
 * SQLite checkpointed and deleted the -wal: the file's identity and its size, mtime
 * and ctime (nanoseconds) at that moment. ctime cannot be set back by any tool, so
 * if they still match at the next open, no byte changed since Spanwright closed it
 * whole. Records live in the user's Spanwright folder, keyed by the file's real
 * path, not beside the workspace: a closed workspace stays one file, and a copy on
 * another machine or account has no record (so it is checked whole there).
 */
export function cleanCloseFile(workspaceFile: string): string {
  const key = createHash('sha256').update(realWorkspacePath(workspaceFile)).digest('hex').slice(0, 32)
  return path.join(recordsDir(), `${key}.json`)
}

function pruneRecords(dir: string): void {
  const names = fs.readdirSync(dir)
  if (names.length <= KEEP_RECORDS) return
  const byAge = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t)
  for (const { n } of byAge.slice(0, names.length - KEEP_RECORDS)) fs.rmSync(path.join(dir, n), { force: true })
}

interface Stamp {
  dev: string
  ino: string
  size: string
  mtimeNs: string
  ctimeNs: string
}

function stampOf(file: string): Stamp | null {
  const st = fs.statSync(file, { bigint: true, throwIfNoEntry: false })
  if (!st) return null
  return { dev: String(st.dev), ino: String(st.ino), size: String(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) }
}

/** Called once a writer's connection has closed: records the clean close if the -wal is gone. */
export function recordCleanClose(workspaceFile: string): void {
  try {
    if (fs.existsSync(`${workspaceFile}-wal`)) return // another connection still has it open, or the checkpoint failed
    const stamp = stampOf(workspaceFile)
    if (!stamp) return
    fs.mkdirSync(recordsDir(), { recursive: true, mode: 0o700 })
    const record = cleanCloseFile(workspaceFile)
    fs.writeFileSync(`${record}.tmp`, JSON.stringify({ file: realWorkspacePath(workspaceFile), ...stamp, closedAt: new Date().toISOString() }))
    fs.renameSync(`${record}.tmp`, record)
    pruneRecords(recordsDir())
  } catch {
    // best effort (a read-only home): the next open simply checks the whole file
  }
}

/** Called when a writer opens: until it closes cleanly, the file is "in use" and the record would be stale. */
export function forgetCleanClose(workspaceFile: string): void {
  try {
    fs.rmSync(cleanCloseFile(workspaceFile), { force: true })
  } catch {
    // a read-only home: the stamp will not match once the file changes anyway
  }
}

function closedCleanlyAsItIs(workspaceFile: string): boolean {
  try {
    const saved = JSON.parse(fs.readFileSync(cleanCloseFile(workspaceFile), 'utf8')) as Partial<Stamp>
    const now = stampOf(workspaceFile)
    return now !== null && (Object.keys(now) as (keyof Stamp)[]).every((k) => saved[k] === now[k])
  } catch {
    return false
  }
}

export interface WholeCheckContext {
  /** The caller knows whether a live writer (this process or another) already has the workspace open. */
  openByLiveWriter?: boolean
}

/**
 * Why the whole file must be read (SQLite's quick_check) before it is used, or null
 * when the cheap shape check is enough. This is what a serious tool does (Chromium
 * and Firefox never check a whole profile database at start; they check in the
 * background or after an error): the open costs the same for 2 MB and 2 GB when
 * the last session closed cleanly and nothing touched the file since. The whole
 * check runs when something could have damaged the file unseen:
 * - no record of a clean close: a file copied, downloaded or restored from
 *   elsewhere (torn copies are the common damage), or first opened by this version;
 * - the file changed since the clean close: another program wrote it;
 * - a -wal was left over with no live writer: the last session crashed.
 * A live writer (the app holding the lock) checked the file when it opened it, so a
 * second connection beside it (the jobs worker, an export) does not check again.
 * Bit rot inside an untouched file shows as SQLite errors on use and is found on
 * demand by `spanwright check`, which reads every page.
 */
export function wholeCheckReason(workspaceFile: string, ctx: WholeCheckContext = {}): string | null {
  const liveWriter = ctx.openByLiveWriter ?? liveWriterHolds(workspaceFile)
  if (liveWriter) return null
  if (fs.existsSync(`${workspaceFile}-wal`)) return 'the last session did not close it (a -wal file was left beside it)'
  if (!fs.existsSync(cleanCloseFile(workspaceFile))) return 'there is no record that Spanwright closed it cleanly'
  if (!closedCleanlyAsItIs(workspaceFile)) return 'it changed since Spanwright last closed it'
  return null
}

function liveWriterHolds(workspaceFile: string): boolean {
  try {
    return workspaceLockHolder(workspaceFile) !== null
  } catch {
    return false
  }
}
