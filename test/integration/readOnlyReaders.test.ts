// Commands that only read (export, agreement) never need the writer: they take no
// lock, never migrate, seed or back up, and write nothing into the workspace's folder.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import { migrate } from '../../src/main/store/migrate'
import { migrations } from '../../src/main/store/migrations'
import { openStore } from '../../src/main/store/store'
import { lockFileOf } from '../../src/main/store/workspaceLock'
import { BIN, cli, exited, firstLine, folderState, NO_ERROR_LINE, spawnScript } from '../helpers/cliRun'
import { REPO_ROOT, tempDir, tempStore } from '../helpers/tempWorkspace'

const STORE = path.join(REPO_ROOT, 'src', 'main', 'store', 'store.ts')
const SERVICE = path.join(REPO_ROOT, 'src', 'main', 'services', 'annotate', 'annotationService.ts')
const children: ChildProcess[] = []

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && !c.signalCode) {
      c.kill('SIGKILL')
      await exited(c)
    }
  }
})

/** A closed workspace with one annotated document, in a folder of its own. */
function workspaceWithDocument(): { dir: string; file: string } {
  const { store, dir, file } = tempStore()
  const docId = store.documents.insert({ externalId: 'doc-1', title: 'one', text: 'Kerry met Michel in Brussels.', meta: {} })
  createSpan(store, { documentId: docId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 } as Parameters<typeof createSpan>[1])
  store.close()
  return { dir, file }
}

function exportTo(file: string, out: string) {
  return cli(['export', '--db', file, '--format', 'jsonl', '--out', out])
}

describe('reading commands open the workspace read-only', () => {
  it('export and agreement write nothing: same bytes, same mtimes, no -wal/-shm, no lock, no backups', () => {
    const { dir, file } = workspaceWithDocument()
    const before = folderState(dir)
    expect(Object.keys(before)).toEqual([path.basename(file)]) // a cleanly closed workspace is one file
    const outDir = tempDir()
    const e = exportTo(file, path.join(outDir, 'out.jsonl'))
    expect(e.err).not.toMatch(NO_ERROR_LINE)
    expect(e.code).toBe(0)
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'out.jsonl'), 'utf8').trim().split('\n')[0])).toMatchObject({ id: 'doc-1' })
    const a = cli(['agreement', '--db', file, '--json'])
    expect(a.code).toBe(0)
    expect(JSON.parse(a.out)).toMatchObject({ documents: expect.any(Number) })
    expect(folderState(dir)).toEqual(before)
  })

  it('where SQLite URIs are switched off (SQLITE_USE_URI=0), the reader falls back to a private in-memory copy and still writes nothing', () => {
    const { dir, file } = workspaceWithDocument()
    const before = folderState(dir)
    const out = path.join(tempDir(), 'out.jsonl')
    const e = cli(['export', '--db', file, '--format', 'jsonl', '--out', out], { ...process.env, SQLITE_USE_URI: '0' })
    expect(e.err).not.toMatch(NO_ERROR_LINE)
    expect(e.code).toBe(0)
    expect(JSON.parse(fs.readFileSync(out, 'utf8').trim().split('\n')[0])).toMatchObject({ id: 'doc-1', spans: [{ start: 0, end: 5 }] })
    expect(folderState(dir)).toEqual(before)
  })

  it('export works while another process holds the workspace open as the writer, and sees its committed edits', async () => {
    const { dir, file } = workspaceWithDocument()
    const holder = spawnScript(
      `const { openStore } = await import(${JSON.stringify(STORE)}); const s = openStore(${JSON.stringify(file)});
       const { createSpan } = await import(${JSON.stringify(SERVICE)});
       const documentId = s.documents.insert({ externalId: 'doc-2', title: 'two', text: 'Written while open.', meta: {} });
       createSpan(s, { documentId, annotator: 'bob', label: 'PERSON', start: 0, end: 7 });
       console.log('open'); setInterval(() => {}, 1000)`,
    )
    children.push(holder)
    expect(await firstLine(holder)).toBe('open')
    const lockBefore = fs.readFileSync(lockFileOf(file), 'utf8')
    const walBefore = fs.readFileSync(`${file}-wal`)
    const out = path.join(tempDir(), 'out.jsonl')
    const e = exportTo(file, out)
    expect(e.err).not.toMatch(NO_ERROR_LINE)
    expect(e.code).toBe(0)
    const ids = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)
    expect(ids.sort()).toEqual(['doc-1', 'doc-2'])
    expect(cli(['agreement', '--db', file]).code).toBe(0)
    // The writer's lock is untouched, and nothing new appeared beside the workspace.
    expect(fs.readFileSync(lockFileOf(file), 'utf8')).toBe(lockBefore)
    expect(fs.readFileSync(`${file}-wal`).equals(walBefore)).toBe(true)
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(file), `${path.basename(file)}-shm`, `${path.basename(file)}-wal`, `${path.basename(file)}.lock`].sort())
    // A writer is still refused with the plain message.
    const w = cli(['import', path.join(REPO_ROOT, 'resources', 'samples'), '--db', file])
    expect(w.code).toBe(1)
    expect(w.err).toContain(`the workspace is open in another window (pid ${holder.pid})`)
  })

  it('export and agreement work while `spanwright serve` holds the workspace; serve keeps its lock', async () => {
    const { dir, file } = workspaceWithDocument()
    // serve needs a renderer folder to serve; this test calls no page, so a stub page stands for the built app
    // (as in helpers/serveProcess.ts; the app's build is checked by its own step of `npm test`).
    const out = tempDir('spanwright-out-')
    fs.mkdirSync(path.join(out, 'renderer'))
    fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html>')
    const serve = spawn(process.execPath, [BIN, 'serve', '--db', file, '--port', '0'], { cwd: REPO_ROOT, env: { ...process.env, SPANWRIGHT_OUT: out }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(serve)
    expect(await firstLine(serve, /^Spanwright at /)).toMatch(/^Spanwright at http:\/\/127\.0\.0\.1:\d+/)
    const lockBefore = fs.readFileSync(lockFileOf(file), 'utf8')
    expect(JSON.parse(lockBefore).pid).toBe(serve.pid)
    const listing = fs.readdirSync(dir).sort()
    const exported = path.join(tempDir(), 'out.jsonl')
    const e = exportTo(file, exported)
    expect(e.err).not.toMatch(NO_ERROR_LINE)
    expect(e.code).toBe(0)
    expect(JSON.parse(fs.readFileSync(exported, 'utf8').trim().split('\n')[0])).toMatchObject({ id: 'doc-1', spans: [{ label: 'PERSON' }] })
    expect(cli(['agreement', '--db', file]).code).toBe(0)
    expect(fs.readFileSync(lockFileOf(file), 'utf8')).toBe(lockBefore)
    expect(fs.readdirSync(dir).sort()).toEqual(listing)
    fs.rmSync(out, { recursive: true, force: true })
  }, 240_000)

  it('an older workspace is exported through a migrated temp copy: the file keeps its schema version and bytes, no backup is made', () => {
    const dir = tempDir()
    const file = path.join(dir, 'old.spanwright')
    const raw = new Database(file)
    migrate(raw, file, migrations.slice(0, 3))
    raw.exec(`INSERT INTO documents (id, external_id, title, text, text_hash, meta, created_at) VALUES (1, 'old-1', 't', 'Old text.', 'h', '{}', '2026-01-01');
      INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', '2026-01-01');
      INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'THING', '#888888');
      INSERT INTO spans (document_id, annotator_id, label_id, start, end, created_at) VALUES (1, 1, 1, 0, 3, '2026-01-01');`)
    raw.close()
    const before = folderState(dir)
    const out = path.join(tempDir(), 'out.jsonl')
    const e = exportTo(file, out)
    expect(e.err).not.toMatch(NO_ERROR_LINE)
    expect(e.code).toBe(0)
    expect(JSON.parse(fs.readFileSync(out, 'utf8').trim())).toMatchObject({ id: 'old-1', text: 'Old text.', spans: [{ start: 0, end: 3, label: 'THING' }] })
    expect(folderState(dir)).toEqual(before)
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(3)
    check.close()
  })

  it('on read-only media (file 0444 in a 0555 folder) export and agreement still work and change nothing', () => {
    const { dir, file } = workspaceWithDocument()
    fs.chmodSync(file, 0o444)
    fs.chmodSync(dir, 0o555)
    try {
      const before = folderState(dir)
      const out = path.join(tempDir(), 'out.jsonl')
      const e = exportTo(file, out)
      expect(e.err).not.toMatch(NO_ERROR_LINE)
      expect(e.code).toBe(0)
      expect(cli(['agreement', '--db', file]).code).toBe(0)
      // Root ignores the permission bits, so the proof is that nothing was written at all.
      expect(folderState(dir)).toEqual(before)
    } finally {
      fs.chmodSync(dir, 0o755)
    }
  })

  it('a reading command refuses a missing --db file plainly and creates nothing there', () => {
    const dir = tempDir()
    const file = path.join(dir, 'nothing.spanwright')
    const e = exportTo(file, path.join(dir, 'out.jsonl'))
    expect(e.code).toBe(1)
    expect(e.err).toContain(`${file}: there is no workspace there yet`)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('a writer that folds its changes into the file during an unshared read makes the read fail at close, not pass silently', async () => {
    const { file } = workspaceWithDocument()
    const { openWorkspaceReadOnly } = await import('../../src/main/workspace/readOnlyWorkspace')
    const reader = await openWorkspaceReadOnly(file)
    expect(reader.documents.count()).toBe(1)
    const writer = openStore(file)
    writer.documents.insert({ externalId: 'during', title: 'd', text: 'Written during the read.', meta: {} })
    writer.close() // the last connection's close checkpoints the WAL into the file
    expect(() => reader.close()).toThrow(`${file}: another window wrote to the workspace while it was being read`)
    // A read with no writer in between closes quietly.
    const quiet = await openWorkspaceReadOnly(file)
    expect(quiet.documents.count()).toBe(2)
    quiet.close()
  })

  it('the store a reader gets cannot write', async () => {
    const { file } = workspaceWithDocument()
    const { openWorkspaceReadOnly } = await import('../../src/main/workspace/readOnlyWorkspace')
    const store = await openWorkspaceReadOnly(file)
    try {
      expect(() => store.settings.set('x', 'y')).toThrow(/readonly|read-only/i)
    } finally {
      store.close()
    }
    const again = openStore(file)
    expect(again.settings.get('x')).toBeNull()
    again.close()
  })
})
