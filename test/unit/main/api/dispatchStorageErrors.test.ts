import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { storageFailureReason } from '../../../../src/main/api/retryableStorageFailures'
import { tempStore } from '../../../helpers/tempWorkspace'
import { snapshotStore } from '../../../helpers/storeSnapshot'

/** A write the store cannot make (read-only, locked) is a retryable `unavailable` reply with a plain reason, never a refusal, and changes nothing. */
describe('dispatch: storage failures', () => {
  const { store, file } = tempStore()
  const h = createHandlers({ store, version: 't', transport: 'http' })
  const docId = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel in Brussels.', meta: {} })
  const create = (start: number, end: number) => dispatch(h, 'spans.create', { documentId: docId, annotator: 'alice', label: 'PERSON', start, end })

  afterEach(() => {
    store.db.pragma('query_only = 0')
  })

  it('a read-only workspace: spans.create, spans.update and spans.delete answer unavailable; nothing changes', async () => {
    const saved = await create(0, 5)
    expect(saved.ok).toBe(true)
    const spanId = saved.ok ? (saved.value as { id: number }).id : 0
    const before = snapshotStore(store)
    store.db.pragma('query_only = 1')
    for (const reply of [await create(10, 16), await dispatch(h, 'spans.update', { id: spanId, note: 'x' }), await dispatch(h, 'spans.delete', { id: spanId })]) {
      expect(reply.ok).toBe(false)
      if (reply.ok) continue
      expect(reply.error.code).toBe('unavailable')
      expect(reply.error.message).toBe('the workspace could not be written: the workspace is read-only')
      expect(reply.error.details).toEqual({ sqlite: 'SQLITE_READONLY' })
    }
    store.db.pragma('query_only = 0')
    expect(snapshotStore(store)).toEqual(before)
    // Once writable again the same edit goes through.
    expect((await create(10, 16)).ok).toBe(true)
  })

  it('a workspace locked by another writer answers unavailable (busy), and the edit succeeds once the lock is gone', async () => {
    const other = new Database(file)
    const timeout = store.db.pragma('busy_timeout', { simple: true }) as number
    store.db.pragma('busy_timeout = 0')
    try {
      const before = snapshotStore(store)
      other.prepare('BEGIN IMMEDIATE').run()
      const reply = await create(20, 28)
      expect(reply.ok).toBe(false)
      if (!reply.ok) {
        expect(reply.error.code).toBe('unavailable')
        expect(reply.error.message).toMatch(/^the workspace could not be written: the workspace is (busy|locked)/)
      }
      other.prepare('ROLLBACK').run()
      expect(snapshotStore(store)).toEqual(before)
      expect((await create(20, 28)).ok).toBe(true)
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run()
      other.close()
      store.db.pragma(`busy_timeout = ${timeout}`)
    }
  })

  it('names each storage failure plainly (extended codes too) and leaves constraint failures alone', () => {
    const err = (code: string) => Object.assign(new Error(code), { code })
    expect(storageFailureReason(err('SQLITE_FULL'))).toBe('the disk is full')
    expect(storageFailureReason(err('SQLITE_IOERR_WRITE'))).toBe('the disk reported a read/write error')
    expect(storageFailureReason(err('SQLITE_READONLY_DBMOVED'))).toBe('the workspace is read-only')
    expect(storageFailureReason(err('SQLITE_BUSY_SNAPSHOT'))).toMatch(/busy/)
    expect(storageFailureReason(err('SQLITE_CANTOPEN'))).toMatch(/cannot be opened/)
    expect(storageFailureReason(err('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull()
    expect(storageFailureReason(err('SQLITE_FULLX'))).toBeNull()
    expect(storageFailureReason(new Error('plain'))).toBeNull()
  })
})
