import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../src/shared/api/errors'
import type { Args, Method, Result } from '../../src/shared/api/contract'
import type { ApiContext } from '../../src/main/api/context'
import { dispatch } from '../../src/main/api/dispatch'
import { createApiHandlers } from '../../src/main/api/liveHandlers'
import { cancelJob, jobSettled, startJob } from '../../src/main/services/jobs/jobRegistry'
import { backupsDirOf, listBackups } from '../../src/main/store/backups'
import { migrate } from '../../src/main/store/migrate'
import { LATEST_VERSION, migrations } from '../../src/main/store/migrations'
import { lockFileOf } from '../../src/main/store/workspaceLock'
import { tempStore } from '../helpers/tempWorkspace'

const ANNOTATOR = 'alice'

/** A handler table as a transport builds it, over a real temp workspace. */
function appOver() {
  const { store, file } = tempStore()
  const ctx: ApiContext = { store, version: 'test', transport: 'http' }
  const handlers = createApiHandlers(ctx)
  const call = async <M extends Method>(method: M, args: Args<M>): Promise<Result<M>> => {
    const reply = (await dispatch(handlers, method, args)) as Reply<Result<M>>
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
    return reply.value
  }
  const raw = (method: string, args: unknown) => dispatch(handlers, method, args)
  opened.push(ctx)
  return { ctx, file, call, raw, handlers }
}

const opened: ApiContext[] = []
afterEach(() => {
  for (const ctx of opened.splice(0)) ctx.store.close()
})

const countRows = (file: string, table: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function withDocument(app: ReturnType<typeof appOver>) {
  const id = app.ctx.store.documents.insert({ externalId: 'doc-1', title: 'Doc 1', text: 'Kerry met Michel in Brussels.', meta: {} })
  await app.call('session.setAnnotator', { name: ANNOTATOR })
  return id
}

const spanTexts = async (app: ReturnType<typeof appOver>, documentId: number) =>
  (await app.call('annotations.get', { documentId, annotator: ANNOTATOR })).spans.map((s) => `${s.label}:${s.start}-${s.end}`).sort()

/** A job body that runs until its job is cancelled (even if that happens before it starts). */
const untilCancelled = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason))
  })

describe('workspace.restore through dispatch', () => {
  it('backs up the current state, restores the chosen backup, and later calls see the restored data', async () => {
    const app = appOver()
    const documentId = await withDocument(app)
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 0, end: 5 })
    const backup = await app.call('workspace.backup', {})
    expect(backup.reason).toBe('manual')

    // More work after the backup: a second span and a second document.
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 10, end: 16 })
    app.ctx.store.documents.insert({ externalId: 'doc-2', title: 'Doc 2', text: 'Later text.', meta: {} })
    expect(await spanTexts(app, documentId)).toEqual(['PERSON:0-5', 'PERSON:10-16'])
    const before = app.ctx.store

    const outcome = await app.call('workspace.restore', { name: backup.name })
    expect(outcome.restoredFrom.name).toBe(backup.name)

    // The context's store was swapped, and the handler table with it.
    expect(app.ctx.store).not.toBe(before)
    expect(before.db.open).toBe(false)
    expect(await spanTexts(app, documentId)).toEqual(['PERSON:0-5'])
    expect((await app.call('documents.list', { annotator: ANNOTATOR })).map((d) => d.externalId)).toEqual(['doc-1'])

    // The state it replaced was backed up first, whole.
    expect(outcome.previous).not.toBeNull()
    const pre = listBackups(app.file).find((b) => b.path === outcome.previous)
    expect(pre?.reason).toBe('before-restore')
    expect(countRows(pre!.path, 'documents')).toBe(2)
    expect(countRows(pre!.path, 'spans')).toBe(2)

    // The restored workspace takes new work, and it is on disk.
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'GPE', start: 20, end: 28 })
    expect(await spanTexts(app, documentId)).toEqual(['GPE:20-28', 'PERSON:0-5'])
    app.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(countRows(app.file, 'spans')).toBe(2)
    // We still hold the workspace's lock.
    expect(JSON.parse(fs.readFileSync(lockFileOf(app.file), 'utf8')).pid).toBe(process.pid)
  })

  it('restores only a listed backup of this workspace, by name: a path or unknown name changes nothing', async () => {
    const app = appOver()
    const documentId = await withDocument(app)
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 0, end: 5 })
    const other = appOver()
    const foreign = await other.call('workspace.backup', {})
    for (const name of [foreign.path, 'nope.spanwright', '../test.spanwright']) {
      const reply = await app.raw('workspace.restore', { name })
      expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
    expect(await spanTexts(app, documentId)).toEqual(['PERSON:0-5'])
    expect(listBackups(app.file)).toEqual([])
  })

  it('refuses a damaged backup and leaves the workspace as it was, still open', async () => {
    const app = appOver()
    const documentId = await withDocument(app)
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 0, end: 5 })
    const backup = await app.call('workspace.backup', {})
    fs.writeFileSync(backup.path, 'this is not a database, just text that looks nothing like SQLite')
    const reply = await app.raw('workspace.restore', { name: backup.name })
    expect(reply.ok).toBe(false)
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid_input')
      expect(reply.error.message).toContain(backup.path)
      expect(reply.error.message).toContain('The workspace was not changed')
    }
    expect(app.ctx.store.db.open).toBe(true)
    expect(await spanTexts(app, documentId)).toEqual(['PERSON:0-5'])
    expect(listBackups(app.file).map((b) => b.reason)).toEqual(['manual'])
  })

  it('refuses while an import or export job runs in the workspace', async () => {
    const app = appOver()
    const documentId = await withDocument(app)
    const backup = await app.call('workspace.backup', {})
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 0, end: 5 })
    // A real job in the real registry, held open until cancelled.
    const job = startJob('import', app.ctx.store.file, (control) => untilCancelled(control.signal))
    const reply = await app.raw('workspace.restore', { name: backup.name })
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict' } })
    if (!reply.ok) expect(reply.error.message).toMatch(/import is running/)
    expect(await spanTexts(app, documentId)).toEqual(['PERSON:0-5'])
    cancelJob(job.id)
    await jobSettled(job.id)
    await app.call('workspace.restore', { name: backup.name })
    expect(await spanTexts(app, documentId)).toEqual([])
  })

  it('a backup from an older schema is migrated as it reopens', async () => {
    const app = appOver()
    fs.mkdirSync(backupsDirOf(app.file), { recursive: true })
    const oldFile = path.join(backupsDirOf(app.file), 'test-2020-01-01T00-00-00-000Z-manual.spanwright')
    const old = new Database(oldFile)
    migrate(old, oldFile, migrations.slice(0, -1))
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'from the old backup')").run()
    old.pragma('journal_mode = DELETE')
    old.close()
    expect(LATEST_VERSION).toBeGreaterThan(1)
    await app.call('workspace.restore', { name: path.basename(oldFile) })
    expect(app.ctx.store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(app.ctx.store.settings.get('marker')).toBe('from the old backup')
    expect(listBackups(app.file).map((b) => b.reason)).toEqual(expect.arrayContaining(['before-restore', 'before-migration']))
  })

  it('a restore leaves the handler table as built: every group answers from the restored store through ctx.store', async () => {
    const app = appOver()
    const documentId = await withDocument(app)
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 0, end: 5 })
    const backup = await app.call('workspace.backup', {})
    await app.call('spans.create', { documentId, annotator: ANNOTATOR, label: 'PERSON', start: 10, end: 16 })
    const table = app.handlers
    const functions = { ...table }
    const before = app.ctx.store

    await app.call('workspace.restore', { name: backup.name })

    // The very same table object and functions: nothing was rebuilt or reassigned.
    expect(app.handlers).toBe(table)
    for (const [method, fn] of Object.entries(functions)) expect(table[method as keyof typeof table], method).toBe(fn)
    expect(before.db.open).toBe(false)
    // One read per handler group; a group that kept the old (closed) store would fail here.
    expect((await app.call('annotators.list', {})).map((a) => a.name)).toContain(ANNOTATOR)
    expect((await app.call('schema.list', {})).length).toBeGreaterThan(0)
    expect((await app.call('documents.get', { id: documentId })).externalId).toBe('doc-1')
    expect(await spanTexts(app, documentId)).toEqual(['PERSON:0-5'])
    expect((await app.call('history.list', { documentId })).length).toBeGreaterThan(0)
    expect((await app.call('review.layers', { documentId })).layers.map((l) => l.annotator)).toEqual([ANNOTATOR])
    expect((await app.call('workspace.settings', {})).file).toBe(app.file)
    expect(await app.raw('recommend.settings.get', {})).toMatchObject({ ok: true })
  })

  it('a restore from a bare handler table (no way to swap the store) is refused, not half-done', async () => {
    const app = appOver()
    const backup = await app.call('workspace.backup', {})
    app.ctx.ownsStore = false
    const reply = await app.raw('workspace.restore', { name: backup.name })
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(app.ctx.store.db.open).toBe(true)
  })
})

describe('workspace backup settings', () => {
  it('reads the path and settings, saves new ones, and the reopened store uses them', async () => {
    const app = appOver()
    const first = await app.call('workspace.settings', {})
    expect(first).toEqual({ file: app.file, backupsDir: backupsDirOf(app.file), intervalMinutes: 10, keep: 10 })
    const before = app.ctx.store
    const saved = await app.call('workspace.updateSettings', { intervalMinutes: 3, keep: 2 })
    expect(saved).toMatchObject({ intervalMinutes: 3, keep: 2 })
    expect(app.ctx.store).not.toBe(before)
    expect(await app.call('workspace.settings', {})).toMatchObject({ intervalMinutes: 3, keep: 2 })
    // Keep 2 applies to the next backups.
    for (let i = 0; i < 4; i++) await app.call('workspace.backup', {})
    expect(listBackups(app.file)).toHaveLength(2)
  })

  it('refuses out-of-range values with a clear error and stores nothing', async () => {
    const app = appOver()
    for (const bad of [{ keep: 0 }, { intervalMinutes: -1 }, { intervalMinutes: 1.5 }, { keep: 1e9 }, { keep: '3' }, { other: 1 }]) {
      const reply = await app.raw('workspace.updateSettings', bad)
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    }
    expect(await app.call('workspace.settings', {})).toMatchObject({ intervalMinutes: 10, keep: 10 })
  })
})
