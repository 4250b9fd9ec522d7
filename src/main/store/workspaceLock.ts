import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../shared/api/errors'
import { ensureWorkspaceFolder } from '../workspace/workspaceFolder'
import { lockHolderProgram } from './lockHolderProgram'
import { plainStorageError } from './storageErrors'

/** What a lock file beside the workspace says about its holder. */
export interface LockHolder {
  pid: number
  host: string
  since: string
}

export interface WorkspaceLock {
  readonly file: string
  /** This process already had the workspace open (another thread or an earlier open): that open checked the file. */
  readonly heldBefore: boolean
  release(): void
}

/**
 * The workspace's real path: symlinks resolved, so every name that reaches the
 * same file takes the same lock. A file not created yet resolves through its folder.
 */
export function realWorkspacePath(workspaceFile: string): string {
  const abs = path.resolve(workspaceFile)
  try {
    return fs.realpathSync(abs)
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs))
    } catch {
      return abs
    }
  }
}

export function lockFileOf(workspaceFile: string): string {
  return `${realWorkspacePath(workspaceFile)}.lock`
}

/** `dev:ino` of the workspace file, or null before it exists. */
function identityOf(workspaceFile: string): { id: string; links: number } | null {
  try {
    const st = fs.statSync(workspaceFile, { throwIfNoEntry: false })
    return st ? { id: `${st.dev}:${st.ino}`, links: st.nlink } : null
  } catch {
    return null // not reachable (a file in the path, no permission): the name lock alone applies
  }
}

/** Locks this process holds, counted, so one process may open its own workspace twice. */
const held = new Map<string, number>()
let exitHookInstalled = false

function readHolder(lockFile: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<LockHolder>
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return null
    return { pid: h.pid, host: h.host, since: String(h.since ?? '') }
  } catch {
    return null
  }
}

/** When this process started (Date.now() ms), less a second for clock rounding. */
const PROCESS_START_MS = Date.now() - process.uptime() * 1000 - 1000

/** A lock naming this process's pid and host that was written before the process started: a crashed predecessor's (pid reuse, e.g. pid 1 in a container). */
function ourPidFromBefore(holder: LockHolder): boolean {
  return holder.pid === process.pid && holder.host === os.hostname() && !(Date.parse(holder.since) >= PROCESS_START_MS)
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A lock this host can prove is dead: its pid is gone, or the file is unreadable
 * and old (a holder killed between creating and writing it cannot happen, since
 * the file is linked into place whole, but a truncated disk copy can).
 */
function isStale(lockFile: string, holder: LockHolder | null): boolean {
  if (!holder) {
    try {
      return Date.now() - fs.statSync(lockFile).mtimeMs > 10_000
    } catch {
      return true
    }
  }
  return holder.host === os.hostname() && (!pidAlive(holder.pid) || ourPidFromBefore(holder))
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Writes the lock whole, then links it into place: link fails if a lock exists,
 * atomically. The temp file goes whatever happens, even when a full disk cut the
 * write short.
 */
function tryCreate(lockFile: string, extra: Record<string, string> = {}): boolean {
  const tmp = `${lockFile}.${process.pid}.tmp`
  const holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), ...extra }
  try {
    fs.writeFileSync(tmp, JSON.stringify(holder))
    fs.linkSync(tmp, lockFile)
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  } finally {
    try {
      fs.rmSync(tmp, { force: true })
    } catch {
      // A read-only folder never let the temp file be made.
    }
  }
}

/**
 * A live lock on the same file taken through another name in its folder (a hard
 * link; `X.lock` locks X, so X's device and inode say which file it is). SQLite
 * keeps the journal beside each name, so two writers through two names would
 * damage the workspace. Even this process's own lock counts, for that reason.
 */
function otherNameHolder(lockFile: string, identity: string): { lockFile: string; holder: LockHolder } | null {
  const dir = path.dirname(lockFile)
  for (const name of fs.readdirSync(dir)) {
    const other = path.join(dir, name)
    if (!name.endsWith('.lock') || other === lockFile) continue
    if (identityOf(other.slice(0, -'.lock'.length))?.id !== identity) continue
    const holder = readHolder(other)
    if (holder && !isStale(other, holder)) return { lockFile: other, holder }
  }
  return null
}

/** Inode locks this process holds, by the name lock each goes with. */
const inodeLocks = new Map<string, string>()

/**
 * The machine-wide lock for one file, `<tmp>/spanwright-locks/<dev>-<ino>.lock`,
 * where hard links in different folders meet. Null where it cannot be made (a
 * read-only temp folder): then only same-folder names are checked.
 */
function inodeLockFile(identity: string): string | null {
  const dir = path.join(os.tmpdir(), 'spanwright-locks')
  try {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      fs.mkdirSync(dir, { recursive: true })
      fs.chmodSync(dir, 0o1777) // like /tmp itself: every user may add a lock, only its owner removes it
    }
  } catch {
    return null
  }
  return path.join(dir, `${identity.replace(':', '-')}.lock`)
}

/**
 * Takes the file's inode lock for the name lock `lockFile`, or names the live
 * holder that has it through another name. An entry whose name lock no longer
 * locks this same file (its holder restored a backup over it, or the inode was
 * reused) is stale.
 */
function takeInodeLock(lockFile: string, identity: string): { lockFile: string; holder: LockHolder } | null {
  const entry = inodeLockFile(identity)
  if (!entry) return null
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (tryCreate(entry, { lock: lockFile })) {
        inodeLocks.set(lockFile, entry)
        return null
      }
    } catch {
      return null // best effort: the name lock still stands
    }
    const holder = readHolder(entry)
    const itsLock = (() => {
      try {
        return String((JSON.parse(fs.readFileSync(entry, 'utf8')) as { lock?: unknown }).lock ?? '')
      } catch {
        return ''
      }
    })()
    const same = itsLock.endsWith('.lock') && identityOf(itsLock.slice(0, -'.lock'.length))?.id === identity && fs.existsSync(itsLock)
    if (holder && same && !isStale(entry, holder)) return { lockFile: itsLock, holder }
    fs.rmSync(entry, { force: true })
  }
  return null
}

function releaseInodeLock(lockFile: string): void {
  const entry = inodeLocks.get(lockFile)
  inodeLocks.delete(lockFile)
  if (entry) removeIfOurs(entry)
}

/**
 * Takes the single-writer lock on a workspace: a `<file>.lock` beside it naming
 * the holder's pid and host. A lock whose pid is gone (a crash, a SIGKILL) is
 * taken over. Another live holder means the workspace is open elsewhere: we wait
 * up to `waitMs` (two CLI commands overlapping briefly), then refuse clearly.
 */
export function acquireWorkspaceLock(workspaceFile: string, opts: { waitMs?: number } = {}): WorkspaceLock {
  try {
    return acquire(workspaceFile, opts.waitMs ?? 3000)
  } catch (e) {
    throw plainStorageError(e, workspaceFile, 'take the workspace lock (the file beside it that keeps a second window from writing at once)')
  }
}

function acquire(workspaceFile: string, waitMs: number): WorkspaceLock {
  ensureWorkspaceFolder(workspaceFile)
  const lockFile = lockFileOf(workspaceFile)
  const count = held.get(lockFile)
  if (count) {
    held.set(lockFile, count + 1)
    return makeHandle(lockFile, true)
  }
  let heldBefore = false
  const deadline = Date.now() + waitMs
  for (;;) {
    const identity = identityOf(workspaceFile)
    let holder: LockHolder | null
    let heldAt = lockFile
    if (tryCreate(lockFile)) {
      const other = identity ? ((identity.links > 1 ? otherNameHolder(lockFile, identity.id) : null) ?? takeInodeLock(lockFile, identity.id)) : null
      if (!other) break
      removeIfOurs(lockFile)
      ;({ holder, lockFile: heldAt } = other)
    } else {
      holder = readHolder(lockFile)
      if (holder?.pid === process.pid && holder.host === os.hostname() && !ourPidFromBefore(holder)) {
        heldBefore = true // ours: another thread of this process, or an earlier unreleased open
        break
      }
      if (isStale(lockFile, holder)) {
        fs.rmSync(lockFile, { force: true })
        continue
      }
    }
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}` : 'another process'
      throw new AppError('conflict', `${workspaceFile}: the workspace is ${heldBy(holder, who)}; if that program is gone, delete ${heldAt}.`, { lockFile: heldAt, holder })
    }
    sleepSync(100)
  }
  held.set(lockFile, 1)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', releaseAll)
  }
  return makeHandle(lockFile, heldBefore)
}

/** Who holds the lock and what to do, naming the program where its command line says (`spanwright serve` in another terminal is no window). */
function heldBy(holder: LockHolder | null, who: string): string {
  const program = holder && holder.host === os.hostname() ? lockHolderProgram(holder.pid) : null
  if (program === null) return `open in another window (${who}). Close it there first`
  if (!program.startsWith('spanwright')) return `open in ${program} (${who}). Close it there first`
  return `in use by ${program} (${who}). Stop it first (Ctrl+C where it runs), or wait for it to finish`
}

function makeHandle(lockFile: string, heldBefore: boolean): WorkspaceLock {
  let released = false
  return {
    file: lockFile,
    heldBefore,
    release() {
      if (released) return
      released = true
      const n = (held.get(lockFile) ?? 1) - 1
      if (n > 0) return void held.set(lockFile, n)
      held.delete(lockFile)
      releaseInodeLock(lockFile)
      removeIfOurs(lockFile)
    },
  }
}

function removeIfOurs(lockFile: string): void {
  const holder = readHolder(lockFile)
  if (holder && holder.pid === process.pid && holder.host === os.hostname()) fs.rmSync(lockFile, { force: true })
}

function releaseAll(): void {
  for (const lockFile of held.keys()) {
    releaseInodeLock(lockFile)
    removeIfOurs(lockFile)
  }
  held.clear()
}

/** Who holds the workspace's lock now, if a live process does (for messages and tests). */
export function workspaceLockHolder(workspaceFile: string): LockHolder | null {
  const lockFile = lockFileOf(workspaceFile)
  if (!fs.existsSync(lockFile)) return null
  const holder = readHolder(lockFile)
  return holder && !isStale(lockFile, holder) ? holder : null
}
