import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { backupsDirOf, listBackups } from '../../src/main/store/backups'
import { restoreBackup } from '../../src/main/store/restoreBackup'
import { openStore } from '../../src/main/store/store'
import { tempStore } from '../helpers/tempWorkspace'
import { countDocs } from '../helpers/documentCount'

const addDoc = (store: ReturnType<typeof openStore>, id: string) => store.documents.insert({ externalId: id, title: id, text: `text of ${id}`, meta: {} })

afterEach(() => vi.useRealTimers())

describe('backups taken in one millisecond, and a backup that is not ours', () => {
  it('keeps and restores the newest when several backups (of any reason) share a time stamp', async () => {
    const { store, file } = tempStore()
    store.settings.set('backup.keep', '3')
    // The clock stands still (a fast machine, a coarse clock, or one set back): four backups in one millisecond.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-07T01:00:00.000Z'))
    for (const [i, reason] of (['manual', 'before-import', 'manual', 'auto'] as const).entries()) {
      addDoc(store, `d${i}`)
      await store.backup(reason)
    }
    // The clock stepped back two seconds (as NTP does): the next one still sorts after them.
    vi.setSystemTime(new Date('2026-12-07T00:59:58.000Z'))
    addDoc(store, 'd4')
    await store.backup('manual')
    store.close()
    const kept = listBackups(file)
    expect(kept.map((b) => countDocs(b.path))).toEqual([5, 4, 3])
    expect(new Set(kept.map((b) => b.createdAt)).size).toBe(3)
    vi.useRealTimers()
    const restored = restoreBackup(file)
    expect(countDocs(restored.restoredFrom)).toBe(5)
    expect(countDocs(file)).toBe(5)
  })

  it('does not follow a stray name dated far ahead: the next backup keeps its own time', async () => {
    const { store, file } = tempStore()
    fs.mkdirSync(backupsDirOf(file))
    fs.writeFileSync(path.join(backupsDirOf(file), 'test-2099-01-01T00-00-00-000Z-manual.spanwright'), 'not ours')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-07T01:00:00.000Z'))
    expect(path.basename(await store.backup('manual'))).toBe('test-2026-12-07T01-00-00-000Z-manual.spanwright')
    store.close()
  })

  it('refuses to restore another program\'s SQLite database, and leaves the workspace as it was', () => {
    const { store, file, dir } = tempStore()
    addDoc(store, 'a')
    store.close()
    const foreign = path.join(dir, 'places.sqlite')
    const db = new Database(foreign)
    db.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); PRAGMA user_version = 3')
    db.close()
    const before = fs.readFileSync(file)
    expect(() => restoreBackup(file, foreign)).toThrow(/places\.sqlite: cannot restore this backup: it is not a Spanwright workspace .*The workspace was not changed\./)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    expect(fs.existsSync(`${file}.restoring`)).toBe(false)
    expect(fs.existsSync(backupsDirOf(file)) ? fs.readdirSync(backupsDirOf(file)) : []).toEqual([])
    expect(countDocs(file)).toBe(1)
  })
})
