import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import { openStore } from '../../src/main/store/store'
import { restoreBackup } from '../../src/main/store/restoreBackup'
import { lockFileOf, workspaceLockHolder } from '../../src/main/store/workspaceLock'
import { bundledScript } from '../helpers/bundledScript'
import { REPO_ROOT, tempStore } from '../helpers/tempWorkspace'

const STORE = path.join(REPO_ROOT, 'src', 'main', 'store', 'store.ts')
const SERVICE = path.join(REPO_ROOT, 'src', 'main', 'services', 'annotate', 'annotationService.ts')
const BIN = path.join(REPO_ROOT, 'bin', 'spanwright.mjs')
const children: ChildProcess[] = []

/** Runs a snippet of TypeScript-importing code in a real second process (plain node, the snippet bundled: bundledScript.ts). */
function spawnScript(code: string): ChildProcess {
  const child = spawn(process.execPath, [bundledScript(code)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  return child
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    readline.createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before its first line: ${err}`)))
  })
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('close', (c) => resolve(c))))
}

/** A second process that opens the workspace through the real store and keeps it open. */
async function holdOpen(file: string): Promise<ChildProcess> {
  const child = spawnScript(
    `const { openStore } = await import(${JSON.stringify(STORE)}); openStore(${JSON.stringify(file)}); console.log('open'); setInterval(() => {}, 1000)`,
  )
  expect(await firstLine(child)).toBe('open')
  return child
}

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && !c.signalCode) {
      c.kill('SIGKILL')
      await exited(c)
    }
  }
})

describe('single writer per workspace', () => {
  it('one process may open its own workspace twice; the lock file goes when the last one closes', () => {
    const { store, file } = tempStore()
    const again = openStore(file)
    expect(JSON.parse(fs.readFileSync(lockFileOf(file), 'utf8'))).toMatchObject({ pid: process.pid })
    again.close()
    expect(fs.existsSync(lockFileOf(file))).toBe(true)
    store.close()
    expect(fs.existsSync(lockFileOf(file))).toBe(false)
  })

  it('a second process is refused with "open in another window (pid N)", and changes nothing', async () => {
    const { store, file } = tempStore()
    store.close()
    const holder = await holdOpen(file)
    expect(workspaceLockHolder(file)?.pid).toBe(holder.pid)
    expect(() => openStore(file, { lockWaitMs: 200 })).toThrow(`the workspace is open in another window (pid ${holder.pid})`)
    // The CLI says the same and exits 1.
    const r = spawnSync(process.execPath, [BIN, 'import', path.join(REPO_ROOT, 'resources', 'samples'), '--db', file], { encoding: 'utf8', timeout: 60_000 })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(`open in another window (pid ${holder.pid})`)
    // Nor may a restore replace the file under it.
    const s = openStore(file + '.other')
    const backup = await s.backup('manual')
    s.close()
    expect(() => restoreBackup(file, backup)).toThrow(`open in another window (pid ${holder.pid})`)
    holder.kill('SIGTERM')
    await exited(holder)
    const after = openStore(file)
    expect(after.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 })
    after.close()
  })

  it('a lock left by a killed process (pid gone) is taken over', async () => {
    const { store, file } = tempStore()
    store.close()
    const holder = await holdOpen(file)
    holder.kill('SIGKILL')
    await exited(holder)
    expect(fs.existsSync(lockFileOf(file))).toBe(true) // SIGKILL left it behind
    expect(workspaceLockHolder(file)).toBeNull()
    const reopened = openStore(file, { lockWaitMs: 0 })
    expect(JSON.parse(fs.readFileSync(lockFileOf(file), 'utf8')).pid).toBe(process.pid)
    reopened.close()
  })

  it('two writer processes started together take turns (one waits for the lock) and never corrupt each other', async () => {
    const { store, file } = tempStore()
    const docId = store.documents.insert({ externalId: 'd', title: 'd', text: 'Kerry met Michel in Brussels. '.repeat(20), meta: {} })
    store.close()
    const writer = (name: string) =>
      spawnScript(
        `const { openStore } = await import(${JSON.stringify(STORE)});
         const { createSpan } = await import(${JSON.stringify(SERVICE)});
         const s = openStore(${JSON.stringify(file)}, { lockWaitMs: 30000 });
         for (let i = 0; i < 100; i++) createSpan(s, { documentId: ${docId}, annotator: '${name}', label: 'PERSON', start: i, end: i + 5 });
         s.close(); console.log('done')`,
      )
    const a = writer('alice')
    const b = writer('bob')
    expect(await Promise.all([firstLine(a), firstLine(b)])).toEqual(['done', 'done'])
    const after = openStore(file)
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok')
    const counts = after.db
      .prepare('SELECT a.name, COUNT(*) AS n FROM spans s JOIN annotators a ON a.id = s.annotator_id GROUP BY a.name ORDER BY a.name')
      .all()
    expect(counts).toEqual([
      { name: 'alice', n: 100 },
      { name: 'bob', n: 100 },
    ])
    after.close()
  })

  it("a short overlap with another connection's write waits on SQLite's busy timeout instead of failing", async () => {
    const { store, file } = tempStore()
    const docId = store.documents.insert({ externalId: 'd', title: 'd', text: 'Kerry met Michel in Brussels.', meta: {} })
    // A raw connection in another process (no workspace lock: e.g. a sqlite3 shell) holds the write lock until we are
    // about to write (the `go` file), 300 ms more, then marks `released` and commits. Ours cannot finish before that
    // commit, so `released` is there when it returns: it waited rather than failing, whatever the machine's load.
    const go = `${file}.go`
    const released = `${file}.released`
    const other = spawnScript(
      `const Database = (await import('better-sqlite3')).default; const fs = await import('node:fs'); const db = new Database(${JSON.stringify(file)});
       const nap = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
       db.exec('BEGIN IMMEDIATE'); console.log('locked'); while (!fs.existsSync(${JSON.stringify(go)})) nap(10);
       nap(300); fs.writeFileSync(${JSON.stringify(released)}, ''); db.exec('COMMIT'); db.close()`,
    )
    expect(await firstLine(other)).toBe('locked')
    fs.writeFileSync(go, '')
    const span = createSpan(store, { documentId: docId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 } as Parameters<typeof createSpan>[1])
    expect(fs.existsSync(released)).toBe(true)
    expect(store.spans.byId(span.id)?.label).toBe('PERSON')
    await exited(other)
    store.close()
  })
})
