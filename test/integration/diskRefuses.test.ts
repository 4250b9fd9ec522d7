// A full or read-only disk, or a file where a folder should be: plain sentences naming the
// workspace, never a bare `ENOSPC … write` about a temp file, and no temp file left behind.
// Tests run as root, where permission bits stop nothing, so the failure is injected at the
// fs call itself (the real call, made to fail as the disk would), or made real where it can be.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { plainMessage } from '../../src/main/cli/main'
import { openWorkspace } from '../../src/main/cli/workspaceOption'
import { rollingBackupFailure } from '../../src/main/store/backups'
import { plainStorageError } from '../../src/main/store/storageErrors'
import { openStore } from '../../src/main/store/store'
import { startupProblemOf, startupProblemText } from '../../src/main/workspace/startupProblem'
import { cli, folderState } from '../helpers/cliRun'
import { REPO_ROOT, tempDir, tempStore } from '../helpers/tempWorkspace'

afterEach(() => {
  vi.restoreAllMocks()
})

function errno(code: string, syscall: string, p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, ${syscall} '${p}'`), { code, syscall, path: p, errno: -1 })
}

function openError(file: string): Error {
  try {
    openStore(file).close()
  } catch (e) {
    return e as Error
  }
  throw new Error('expected the open to fail')
}

describe('the disk refuses while opening a workspace', () => {
  it('disk full while writing the lock: one sentence naming the workspace, and the half-written temp file is gone', () => {
    const dir = tempDir()
    const file = path.join(dir, 'w.spanwright')
    const real = fs.writeFileSync
    vi.spyOn(fs, 'writeFileSync').mockImplementation((p, data, opts) => {
      if (String(p).endsWith('.tmp')) {
        real(p, String(data).slice(0, 3)) // the disk took a few bytes, then filled up
        throw errno('ENOSPC', 'write', String(p))
      }
      return real(p, data, opts)
    })
    const e = openError(file)
    expect(e.message).toBe(
      `${file}: could not take the workspace lock (the file beside it that keeps a second window from writing at once): the disk is full. ` +
        'Free some space on that disk, then try again. Nothing in the workspace was changed.',
    )
    expect(e.message).not.toMatch(/ENOSPC|\.tmp/)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('a read-only disk under the lock: the same plain sentence (EROFS never shown), nothing left behind', () => {
    const dir = tempDir()
    const file = path.join(dir, 'w.spanwright')
    vi.spyOn(fs, 'writeFileSync').mockImplementation((p) => {
      throw errno('EROFS', 'open', String(p))
    })
    const e = openError(file)
    expect(e.message).toContain(`${file}: could not take the workspace lock`)
    expect(e.message).toContain('the disk or folder is read-only. Reading commands (export, agreement) still work there')
    expect(e.message).not.toMatch(/EROFS/)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('a read-only disk where the first run must create the folder', () => {
    const home = tempDir()
    const file = path.join(home, '.config', 'Spanwright', 'workspace.spanwright')
    vi.spyOn(fs, 'mkdirSync').mockImplementation((p) => {
      throw errno('EROFS', 'mkdir', String(p))
    })
    const e = openError(file)
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: could not create its folder .*: the disk or folder is read-only\\.`))
    expect(fs.readdirSync(home)).toEqual([])
  })

  it('a file where the folder should be (a real ENOTDIR): the CLI says so plainly and changes nothing', () => {
    const dir = tempDir()
    const blocker = path.join(dir, 'not-a-folder')
    fs.writeFileSync(blocker, 'x')
    const before = folderState(dir)
    const file = path.join(blocker, 'w.spanwright')
    const r = cli(['import', path.join(REPO_ROOT, 'resources', 'samples'), '--db', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${file}: could not create its folder ${blocker}: a file is in the way where a folder should be.`)
    expect(r.err).not.toMatch(/EEXIST|ENOTDIR/)
    expect(folderState(dir)).toEqual(before)
  })

  it('something odd at the -wal name (a link to a device): a plain sentence, the workspace untouched', () => {
    const { store, dir, file } = tempStore()
    store.close()
    fs.symlinkSync('/dev/null', `${file}-wal`)
    const before = folderState(dir)
    const r = cli(['import', path.join(REPO_ROOT, 'resources', 'samples'), '--db', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${file}: could not read the workspace: SQLite could not open it, or the -wal and -shm files it keeps beside it.`)
    expect(r.err).not.toMatch(/SQLITE_|unable to open/)
    expect(folderState(dir)).toEqual(before)
  })

  it("SQLite's own 'database or disk is full' (a real SQLITE_FULL) reads as a plain sentence", () => {
    const file = path.join(tempDir(), 'tiny.db')
    const db = new Database(file)
    db.exec('CREATE TABLE t (x)')
    db.pragma('max_page_count = 2')
    let full: unknown
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000))
    } catch (e) {
      full = e
    }
    db.close()
    expect((full as { code?: string }).code).toBe('SQLITE_FULL')
    // The CLI names the workspace of --db when SQLite's error names no file.
    expect(plainMessage(full, file)).toBe(`${file}: could not finish: the disk is full. Free some space on that disk, then try again.`)
    expect((plainStorageError(full, file, 'open the workspace for writing') as Error).message).toBe(
      `${file}: could not open the workspace for writing: the disk is full. Free some space on that disk, then try again. Nothing in the workspace was changed.`,
    )
  })

  it('serve and the desktop dialog show the plain sentence once, without a second copy of the path', () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const e = plainStorageError(errno('ENOSPC', 'write', `${file}.lock.1.tmp`), file, 'take the workspace lock')
    const text = startupProblemText(startupProblemOf(e, file))
    expect(text.split(file).length - 1).toBe(1)
    expect(text).not.toMatch(/ENOSPC|\.tmp/)
  })
})

describe('the disk refuses after the workspace is open', () => {
  it('a rolling backup that cannot be written says why in words, and leaves no partial file', async () => {
    const { store, dir, file } = tempStore()
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the backups folder goes')
    let failure: unknown
    try {
      await store.backup('auto')
    } catch (e) {
      failure = e
    }
    store.close()
    expect(rollingBackupFailure(file, failure)).toBe(
      `${file}: the rolling backup into ${path.join(dir, 'backups')} failed (a file is in the way where a folder should be); ` +
        'the workspace itself is unchanged and the next backup will try again.',
    )
    expect(fs.readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([])
  })

  it('seeding a new workspace when the disk fails names the workspace and says what was being done', async () => {
    const file = path.join(tempDir(), 'w.spanwright')
    const real = fs.readFileSync
    vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (String(p).endsWith('news.json')) throw errno('EIO', 'read', String(p))
      return real(p, o as never)
    }) as typeof fs.readFileSync)
    await expect(openWorkspace(file, { samples: false })).rejects.toThrow(
      `${file}: could not add the label schema and sample documents to it: the disk reported an input/output error.`,
    )
    vi.restoreAllMocks()
    // The lock was given back: the workspace opens, and seeding finishes this time.
    const s = await openWorkspace(file, { samples: false })
    expect(s.labels.list().length).toBeGreaterThan(0)
    s.close()
  })
})

describe('the CLI names the path and the reason for any disk refusal', () => {
  it.each([
    ['ENOSPC', 'write', 'the disk is full'],
    ['EDQUOT', 'write', 'the disk is full'],
    ['EROFS', 'open', 'the disk or folder is read-only'],
    ['EACCES', 'mkdir', 'permission to write there was denied'],
    ['EIO', 'write', 'the disk reported an input/output error'],
  ])('%s on %s', (code, syscall, words) => {
    const msg = plainMessage(errno(code, syscall, '/data/out.jsonl'))
    expect(msg).toMatch(new RegExp(`^/data/out\\.jsonl: could not (write there|use it): ${words}\\.$`))
    expect(msg).not.toContain(code)
  })
})
