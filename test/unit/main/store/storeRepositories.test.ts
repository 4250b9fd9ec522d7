import { afterEach, describe, expect, it } from 'vitest'
import { LATEST_VERSION } from '../../../../src/main/store/migrations'
import { openStore } from '../../../../src/main/store/store'
import type { Store } from '../../../../src/main/store/store'
import { tempStore } from '../../../helpers/tempWorkspace'

const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})
const fresh = () => {
  const t = tempStore()
  open.push(t.store)
  return t
}

describe('Store: one object per open workspace carries every repository', () => {
  it('history, gold and recommend are fields of the store: the same object on every read, a new one for a reopened store', () => {
    const { store, file } = fresh()
    expect(store.history).toBe(store.history)
    expect(store.gold).toBe(store.gold)
    expect(store.recommend).toBe(store.recommend)
    store.close()
    const again = openStore(file, { rollingBackups: false })
    open.push(again)
    expect(again.history).not.toBe(store.history)
    expect(again.gold).not.toBe(store.gold)
    expect(again.recommend).not.toBe(store.recommend)
  })

  it('what one store field writes, the reopened store reads (gold review status through store.gold)', () => {
    const { store, file } = fresh()
    const id = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel.', meta: {} })
    store.transaction(() => store.gold.setStatus(id, 'adjudicated', 'rita'))
    store.close()
    const again = openStore(file, { rollingBackups: false })
    open.push(again)
    expect(again.gold.reviewDoneIds()).toEqual(new Set([id]))
    expect(again.gold.isReviewDone(id)).toBe(true)
  })

  it('reading() runs in one read transaction, ends it on success and on a throw, and inside a write transaction simply runs', () => {
    const { store } = fresh()
    expect(store.reading(() => store.db.inTransaction)).toBe(true)
    expect(store.db.inTransaction).toBe(false)
    expect(() =>
      store.reading(() => {
        throw new Error('the reader failed')
      }),
    ).toThrow('the reader failed')
    expect(store.db.inTransaction).toBe(false)
    // Nested in a write: no second BEGIN (which SQLite would refuse), and the write still commits.
    const id = store.transaction(() => {
      const n = store.documents.insert({ externalId: 'd2', title: 'D', text: 'x', meta: {} })
      expect(store.reading(() => store.documents.byId(n)?.externalId)).toBe('d2')
      return n
    })
    expect(store.documents.byId(id)?.externalId).toBe('d2')
  })

  it('formatVersion and hasTable answer from the file itself', () => {
    const { store } = fresh()
    expect(store.formatVersion()).toBe(LATEST_VERSION)
    expect(store.hasTable('documents')).toBe(true)
    expect(store.hasTable('no_such_table')).toBe(false)
    // A table name is a bound value, never pasted into SQL.
    expect(store.hasTable("documents' OR '1'='1")).toBe(false)
  })

  it('idsInIdOrder and idsInExternalIdOrder list every document in their orders', () => {
    const { store } = fresh()
    const b = store.documents.insert({ externalId: 'b', title: 'B', text: 'x', meta: {} })
    const a = store.documents.insert({ externalId: 'a', title: 'A', text: 'y', meta: {} })
    expect(store.documents.idsInIdOrder()).toEqual([b, a])
    expect(store.documents.idsInExternalIdOrder()).toEqual([
      { id: a, externalId: 'a' },
      { id: b, externalId: 'b' },
    ])
  })
})

describe('openDatabase queryOnly (a reader\'s migrated private copy)', () => {
  it('opens and migrates, then refuses every write on that connection; the file keeps what it had', async () => {
    const { openDatabase } = await import('../../../../src/main/store/database')
    const { store, file } = fresh()
    store.documents.insert({ externalId: 'd1', title: 'D', text: 'x', meta: {} })
    store.close()
    const db = openDatabase(file, { queryOnly: true, backupBeforeMigration: false })
    try {
      expect(db.prepare('SELECT external_id FROM documents').pluck().all()).toEqual(['d1'])
      expect(() => db.prepare("DELETE FROM documents WHERE external_id = 'd1'").run()).toThrow(/readonly/)
      expect(db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(1)
    } finally {
      db.close()
    }
  })
})
