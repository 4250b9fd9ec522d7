import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../../../src/main/cli/command'
import { main } from '../../../../src/main/cli/main'
import { cleanCloseFile, wholeCheckReason } from '../../../../src/main/store/cleanClose'
import { openDatabase } from '../../../../src/main/store/database'
import { openStore } from '../../../../src/main/store/store'
import { checkWorkspaceIntegrity, openSnapshot } from '../../../../src/main/store/workspaceProbe'
import { bundledScript } from '../../../helpers/bundledScript'
import { REPO_ROOT, tempDir, tempStore } from '../../../helpers/tempWorkspace'

// The clean-close records go to the user's Spanwright folder: a private one for this file (children inherit it).
beforeAll(() => {
  process.env.SPANWRIGHT_HOME = tempDir('spanwright-home-')
})

/** Bytes this process has read through read()/pread() so far (Linux): SQLite reads pages that way. */
function bytesRead(): number {
  return Number(/rchar:\s*(\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1])
}

function readDuring<T>(fn: () => T): { bytes: number; value: T } {
  const before = bytesRead()
  const value = fn()
  return { bytes: bytesRead() - before, value }
}

/** A real workspace of ~25 MB (200,000 spans with notes on one document), closed cleanly. */
function bigWorkspace(): { file: string; dir: string; size: number } {
  const { store, file, dir } = tempStore()
  const db = store.db
  store.transaction(() => {
    const annotator = Number(db.prepare("INSERT INTO annotators (name, kind, created_at) VALUES ('ann', 'human', 'now')").run().lastInsertRowid)
    const label = db.prepare("SELECT id FROM label_types WHERE kind = 'entity' LIMIT 1").pluck().get() as number
    const doc = Number(
      db.prepare("INSERT INTO documents (external_id, title, text, text_hash, created_at) VALUES ('d1', 'one', ?, 'h', 'now')").run('word '.repeat(200_000)).lastInsertRowid,
    )
    const span = db.prepare('INSERT INTO spans (document_id, annotator_id, label_id, start, end, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (let i = 0; i < 200_000; i++) span.run(doc, annotator, label, i * 5, i * 5 + 4, `a note long enough to fill pages, number ${i} of many`, '2026-12-06T13:00:00Z')
  })
  store.close()
  return { file, dir, size: fs.statSync(file).size }
}

/** Opens the workspace for writing as the app does, and says how many bytes that read. */
function openReads(file: string): number {
  return readDuring(() => openStore(file, { rollingBackups: false }).close()).bytes
}

/** A Spanwright writer killed with SIGKILL mid-session, after a committed edit: its -wal stays behind. */
function crashWhileOpen(file: string): void {
  // A real second process (plain node running our sources bundled: helpers/bundledScript.ts), the workspace as its argument.
  const script = bundledScript(`import { openStore } from ${JSON.stringify(path.join(REPO_ROOT, 'src/main/store/store.ts'))}
const store = openStore(process.argv[2], { rollingBackups: false })
store.db.prepare("UPDATE spans SET note = 'edited before the crash' WHERE id = 1").run()
process.kill(process.pid, 'SIGKILL')
`)
  const r = spawnSync(process.execPath, [script, file], { cwd: REPO_ROOT, encoding: 'utf8' })
  expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: null, signal: 'SIGKILL', stderr: '' })
}

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, log: (l) => lines.push(l), error: (l) => errors.push(l) }
}

describe('opening a workspace reads the whole file only when something could have damaged it unseen', () => {
  it('a cleanly closed workspace opens reading a few pages; a crash, a change by another program or a copy makes the open read it whole', () => {
    const { file, dir, size } = bigWorkspace()
    expect(size).toBeGreaterThan(20 * 2 ** 20)
    expect(fs.existsSync(cleanCloseFile(file))).toBe(true)
    expect(cleanCloseFile(file).startsWith(process.env.SPANWRIGHT_HOME!)).toBe(true)
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]) // a closed workspace is still one file
    expect(wholeCheckReason(file)).toBeNull()

    // Cleanly closed, untouched: a few pages, whatever the size (three opens in a row).
    for (let i = 0; i < 3; i++) expect(openReads(file)).toBeLessThan(size / 20)
    // Readers (export, agreement) follow the same rule.
    expect(readDuring(() => openDatabase(file, { readonly: true }).close()).bytes).toBeLessThan(size / 20)

    // A crash leaves the -wal: the next open reads every page, then the session ends cleanly again.
    crashWhileOpen(file)
    expect(fs.existsSync(`${file}-wal`)).toBe(true)
    expect(wholeCheckReason(file)).toMatch(/did not close it/)
    expect(openReads(file)).toBeGreaterThan(size * 0.9)
    expect(openReads(file)).toBeLessThan(size / 20)
    const store = openStore(file, { rollingBackups: false })
    expect(store.db.prepare('SELECT note FROM spans WHERE id = 1').pluck().get()).toBe('edited before the crash')
    store.close()

    // Another program wrote the file (here: appended nothing, only set its times): read whole once.
    fs.utimesSync(file, new Date(), new Date())
    expect(wholeCheckReason(file)).toMatch(/changed since/)
    expect(openReads(file)).toBeGreaterThan(size * 0.9)
    expect(openReads(file)).toBeLessThan(size / 20)

    // A copy (a download, a USB stick, a restore by hand) has no record of a clean close.
    const copy = path.join(dir, 'copy.spanwright')
    fs.copyFileSync(file, copy)
    expect(wholeCheckReason(copy)).toMatch(/no record/)
    expect(openReads(copy)).toBeGreaterThan(size * 0.9)
    expect(openReads(copy)).toBeLessThan(size / 20)
  })

  it('a second connection beside a live writer (the jobs worker, an export) does not read it again, even with its -wal present', () => {
    const { file } = bigWorkspace()
    fs.rmSync(cleanCloseFile(file)) // the writer's own open reads it whole
    const writer = openStore(file, { rollingBackups: false })
    try {
      writer.db.prepare("UPDATE spans SET note = 'x' WHERE id = 2").run()
      expect(fs.existsSync(`${file}-wal`)).toBe(true)
      const jobs = readDuring(() => openStore(file, { rollingBackups: false, lock: false }))
      expect(jobs.bytes).toBeLessThan(fs.statSync(file).size / 20)
      jobs.value.close()
      const again = readDuring(() => openStore(file, { rollingBackups: false }))
      expect(again.bytes).toBeLessThan(fs.statSync(file).size / 20)
      again.value.close()
      expect(fs.existsSync(cleanCloseFile(file))).toBe(false) // the writer is still open: no clean close yet
    } finally {
      writer.close()
    }
    expect(fs.existsSync(cleanCloseFile(file))).toBe(true)
  })
})

/** `spanwright serve` on the workspace, as the browser mode runs it (two worker threads own it), until it prints its URL. */
function startServe(file: string, dir: string): Promise<ChildProcess> {
  const out = path.join(dir, 'out')
  fs.mkdirSync(path.join(out, 'renderer'), { recursive: true })
  fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html>')
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'spanwright.mjs'), 'serve', '--db', file, '--port', '0'], {
    env: { ...process.env, SPANWRIGHT_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString()
      if (/http:\/\/127\.0\.0\.1:\d+/.test(text)) resolve(child)
    })
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before printing its URL: ${text}`)))
  })
}
const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.once('exit', () => resolve()))

describe('the app itself (spanwright serve, two workers over the workspace)', () => {
  it('stopped with SIGTERM, it leaves the workspace closed cleanly; killed with SIGKILL, the next open reads it whole', async () => {
    const { file, dir, size } = bigWorkspace()
    let serve = await startServe(file, dir)
    expect(fs.existsSync(cleanCloseFile(file))).toBe(false) // in use: the record is gone until a clean close
    serve.kill('SIGTERM') // at once: serve listens for it before it prints its URL
    await exited(serve)
    expect(wholeCheckReason(file)).toBeNull()
    expect(openReads(file)).toBeLessThan(size / 20)

    serve = await startServe(file, dir)
    serve.kill('SIGKILL')
    await exited(serve)
    expect(wholeCheckReason(file)).not.toBeNull()
    expect(openReads(file)).toBeGreaterThan(size * 0.9)
  }, 120_000)
})

describe('damage is still refused with a plain message', () => {
  it('a big workspace cut short (a torn copy) is moved aside, naming the reason', () => {
    const { file, dir, size } = bigWorkspace()
    fs.truncateSync(file, Math.floor(size / 2))
    expect(() => openStore(file)).toThrow(/the workspace file is damaged \(the file was cut short: its header counts \d+ pages of 4096 bytes, but it holds \d+ bytes\)\. Nothing was deleted/)
    expect(fs.readdirSync(dir).some((n) => n.startsWith('test.spanwright.damaged-'))).toBe(true)
  })

  it('the shape check alone (a file whose clean-close record still matches) catches a cut-short file and an overwritten header', () => {
    const { file } = bigWorkspace()
    const size = fs.statSync(file).size
    const check = () => {
      const db = openSnapshot(file)
      try {
        return checkWorkspaceIntegrity(db, file, { openByLiveWriter: true }) // as if the record matched
      } finally {
        db.close()
      }
    }
    expect(check()).toBe('shape')
    fs.truncateSync(file, size - 4096)
    expect(check).toThrow(/the file was cut short/)
    fs.truncateSync(file, size - 4096 - 100)
    expect(check).toThrow(/the file was cut short/)
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(8, 0), 0, 8, 16)
    fs.closeSync(fd)
    expect(check).toThrow(/not a valid one|cut short|malformed|not a database/)
  })

  it('damage SQLite meets mid-session ends the session without a clean-close record: the next open reads it whole and moves it aside', () => {
    const { file, dir } = bigWorkspace()
    const store = openStore(file, { rollingBackups: false })
    // A failing disk under the open file: junk over 64 KB in the middle (the spans' pages), not yet in SQLite's cache.
    const size = fs.statSync(file).size
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(65536, 0xa5), 0, 65536, Math.floor(size / 2 / 4096) * 4096)
    fs.closeSync(fd)
    expect(() => store.reading(() => store.db.prepare("SELECT COUNT(*) FROM spans WHERE note LIKE '%x%'").get())).toThrow(/malformed|corrupt|not a database/i)
    store.close()
    expect(fs.existsSync(cleanCloseFile(file))).toBe(false)
    expect(wholeCheckReason(file)).toMatch(/no record/)
    let err: Error | null = null
    try {
      openStore(file).close()
    } catch (e) {
      err = e as Error
    }
    expect(err?.message).toMatch(/the workspace file is damaged .* Nothing was deleted: it was moved aside/)
    expect(fs.readdirSync(dir).some((n) => n.startsWith('test.spanwright.damaged-'))).toBe(true)
  })

  it('damage the open cannot see (bit rot in an untouched file) is found by `spanwright check`', async () => {
    const { file } = bigWorkspace()
    const ok = captureIo()
    expect(await main(['check', '--db', file], ok)).toBe(0)
    expect(ok.lines.join('\n')).toMatch(/: sound \(every page of [\d.]+ MB read in [\d.]+ s\)/)
    // Junk over 8 KB in the middle, as a failing disk would leave it.
    const size = fs.statSync(file).size
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096)
    fs.closeSync(fd)
    const bad = captureIo()
    expect(await main(['check', '--db', file], bad)).toBe(1)
    expect(bad.errors[0]).toBe(`${file}: the workspace file is damaged. SQLite found:`)
    expect(bad.errors.length).toBeGreaterThan(2)
    expect(bad.errors.at(-1)).toMatch(/There is no backup of it|The latest backup is/)
    // `check` only reads: the file is where it was.
    expect(fs.statSync(file).size).toBe(size)
  })
})
