import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { main } from '../../src/main/cli/main'
import type { CliIo } from '../../src/main/cli/command'
import { BACKUP_SETTING_KEYS, backupsDirOf, listBackups } from '../../src/main/store/backups'
import { migrate } from '../../src/main/store/migrate'
import { LATEST_VERSION, migrations } from '../../src/main/store/migrations'
import { restoreBackup } from '../../src/main/store/restoreBackup'
import { openStore } from '../../src/main/store/store'
import { tempDir, tempStore } from '../helpers/tempWorkspace'
import { countDocs } from '../helpers/documentCount'

const addDoc = (store: ReturnType<typeof openStore>, id: string) => store.documents.insert({ externalId: id, title: id, text: `text of ${id}`, meta: {} })

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, log: (l) => lines.push(l), error: (l) => errors.push(l) }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('backups', () => {
  it('an online backup lands in backups/ beside the workspace, whole, in rollback-journal mode, named with its time and reason', async () => {
    const { store, file } = tempStore()
    addDoc(store, 'a')
    const dest = await store.backup('manual')
    expect(path.dirname(dest)).toBe(backupsDirOf(file))
    expect(path.basename(dest)).toMatch(/^test-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-manual\.spanwright$/)
    expect(countDocs(dest)).toBe(1)
    expect(fs.readdirSync(backupsDirOf(file))).toEqual([path.basename(dest)]) // no -wal, -shm or partial files
    expect(listBackups(file)).toMatchObject([{ path: dest, reason: 'manual' }])
    store.close()
  })

  it('keeps only the newest K (K from the settings table)', async () => {
    const { store, file } = tempStore()
    store.settings.set(BACKUP_SETTING_KEYS.keep, '3')
    const made: string[] = []
    for (let i = 0; i < 5; i++) {
      addDoc(store, `d${i}`)
      made.push(await store.backup('manual'))
    }
    const kept = listBackups(file)
    expect(kept.map((b) => b.path)).toEqual(made.slice(2).reverse())
    expect(countDocs(kept[0].path)).toBe(5)
    store.close()
  })

  it('rolling backups run every N ms of activity and only when something changed', async () => {
    const { store, file } = tempStore()
    store.close()
    const live = openStore(file, { rollingBackups: { intervalMs: 60, keep: 10 } })
    await sleep(250)
    await live.backupsSettled()
    expect(listBackups(file)).toHaveLength(0) // nothing changed yet
    addDoc(live, 'x')
    for (const t0 = Date.now(); listBackups(file).length === 0 && Date.now() - t0 < 10_000; ) await sleep(50)
    await live.backupsSettled()
    const after = listBackups(file)
    expect(after).toHaveLength(1)
    expect(after[0].reason).toBe('auto')
    expect(countDocs(after[0].path)).toBe(1)
    await sleep(250)
    // A tick that began a backup in those 250 ms would not be listed until it is written: settle before counting.
    await live.backupsSettled()
    expect(listBackups(file)).toHaveLength(1) // idle again: no more backups
    live.close()
  })

  it('backs a workspace up before migrating it to a newer schema', () => {
    expect(LATEST_VERSION).toBeGreaterThan(1)
    const file = path.join(tempDir(), 'old.spanwright')
    const old = new Database(file)
    migrate(old, file, migrations.slice(0, -1))
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'before')").run()
    old.close()
    const store = openStore(file)
    const backups = listBackups(file)
    expect(backups).toHaveLength(1)
    expect(backups[0].reason).toBe('before-migration')
    const b = new Database(backups[0].path, { readonly: true })
    expect(b.pragma('user_version', { simple: true })).toBe(LATEST_VERSION - 1)
    b.close()
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    store.close()
    // Opening again (already current) makes no new backup.
    openStore(file).close()
    expect(listBackups(file)).toHaveLength(1)
  })

  it('restore puts a backup back and keeps the replaced file as a before-restore backup', async () => {
    const { store, file } = tempStore()
    addDoc(store, 'kept')
    const b = await store.backup('manual')
    addDoc(store, 'later')
    store.close()
    const r = restoreBackup(file, path.basename(b))
    expect(r.restoredFrom).toBe(b)
    expect(path.basename(r.previous!)).toMatch(/-before-restore\.spanwright$/)
    expect(countDocs(r.previous!)).toBe(2)
    const back = openStore(file)
    expect(back.documents.byExternalId('kept')).not.toBeNull()
    expect(back.documents.byExternalId('later')).toBeNull()
    expect(back.db.pragma('integrity_check', { simple: true })).toBe('ok')
    back.close()
    expect(fs.existsSync(b)).toBe(true) // the source backup is untouched
  })

  it('refuses to restore something that is not a database, and changes nothing', async () => {
    const { store, file, dir } = tempStore()
    addDoc(store, 'a')
    store.close()
    const junk = path.join(dir, 'junk.spanwright')
    fs.writeFileSync(junk, 'not a database at all\n'.repeat(100))
    expect(() => restoreBackup(file, junk)).toThrow(`${junk}: cannot restore this backup`)
    expect(countDocs(file)).toBe(1)
    expect(listBackups(file)).toHaveLength(0)
  })

  it('CLI: backup (with --keep), restore --list, and restore of the latest', async () => {
    const { store, file } = tempStore()
    addDoc(store, 'one')
    store.close()
    const io = captureIo()
    expect(await main(['backup', '--db', file, '--keep', '4'], io)).toBe(0)
    expect(io.lines.join('\n')).toMatch(/backed up .*test\.spanwright\n {2}to .*backups\/test-.*-manual\.spanwright\nrolling backups: every 10 minutes of activity, keeping the last 4/)
    const s2 = openStore(file)
    expect(s2.settings.get(BACKUP_SETTING_KEYS.keep)).toBe('4')
    addDoc(s2, 'two')
    s2.close()
    const list = captureIo()
    expect(await main(['restore', '--db', file, '--list'], list)).toBe(0)
    expect(list.lines[0]).toContain(`backups of ${file}, newest first`)
    expect(list.lines[1]).toMatch(/-manual\.spanwright {2}\d{4}-.*Z {2}manual {2}\d+ KB$/)
    const restore = captureIo()
    expect(await main(['restore', '--db', file], restore)).toBe(0)
    expect(restore.lines.join('\n')).toContain('the workspace it replaced is kept at')
    expect(countDocs(file)).toBe(1)
    const bad = captureIo()
    expect(await main(['restore', '--db', file, '--from', 'nope.spanwright'], bad)).toBe(1)
    expect(bad.errors[0]).toContain('nope.spanwright: no such backup')
  })

  it('API: workspace.backup makes one and workspace.backups.list lists it; bad arguments are refused', async () => {
    const { store, file } = tempStore()
    addDoc(store, 'a')
    const h = createHandlers({ store, version: 'test', transport: 'http' })
    const made = await dispatch(h, 'workspace.backup', {})
    expect(made).toMatchObject({ ok: true, value: { reason: 'manual' } })
    const listed = await dispatch(h, 'workspace.backups.list', {})
    expect(listed).toEqual({ ok: true, value: listBackups(file) })
    expect((listed as { value: unknown[] }).value).toHaveLength(1)
    expect(await dispatch(h, 'workspace.backup', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(listBackups(file)).toHaveLength(1)
    store.close()
  })
})
