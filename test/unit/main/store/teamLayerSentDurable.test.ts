import { describe, expect, test } from 'vitest'
import { forgetLayersSent, noteLayersSent } from '../../../../src/main/store/teamLayerSent'
import { GoldItemStore } from '../../../../src/main/store/goldItemStore'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * The `synchronous` level each write of the lost-answer notes commits at, read by a temporary trigger in the
 * statement itself (pragma_synchronous: 1 NORMAL, 2 FULL), whatever level the connection was left at before.
 */
describe('the notes of a layer push are durable before it is sent', () => {
  test('a note commits at synchronous = FULL even on a connection set to NORMAL or OFF, which is restored after; dropping them does not wait for the disk', () => {
    const { store } = tempStore()
    const db = store.db
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      db.exec(`CREATE TEMP TABLE seen (op TEXT, level INTEGER);
        CREATE TEMP TRIGGER note_level AFTER INSERT ON team_layer_sent BEGIN INSERT INTO seen SELECT 'note', synchronous FROM pragma_synchronous; END;
        CREATE TEMP TRIGGER forget_level AFTER DELETE ON team_layer_sent BEGIN INSERT INTO seen SELECT 'forget', synchronous FROM pragma_synchronous; END;`)
      const note = (changeId: string) => noteLayersSent(db, [{ localDocumentId: 1, localAnnotatorId: 1, changeId }])
      for (const level of [2, 1, 0]) {
        db.pragma(`synchronous = ${level}`)
        note(`c${level}`)
        expect(db.pragma('synchronous', { simple: true })).toBe(level)
      }
      db.pragma('synchronous = FULL')
      forgetLayersSent(db)
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
      const seen = db.prepare('SELECT op, level FROM seen ORDER BY rowid').all() as { op: string; level: number }[]
      expect(seen.filter((s) => s.op === 'note').map((s) => s.level)).toEqual([2, 2, 2])
      expect([...new Set(seen.filter((s) => s.op === 'forget').map((s) => s.level))]).toEqual([1])
      // Inside another transaction the note could not be on disk before the push leaves: refused in words.
      expect(() => db.transaction(() => note('inner'))()).toThrow(/committed before it is sent, never inside another transaction/)
    } finally {
      store.close()
    }
  })

  test('a gold push\'s note commits at synchronous = FULL too, the level restored after it, and never inside another transaction', () => {
    const { store } = tempStore()
    const db = store.db
    try {
      const doc = store.documents.insert({ externalId: 'd1', title: 'D', text: 'Kerry met Michel.', meta: {} })
      db.exec(`CREATE TEMP TABLE seen (level INTEGER);
        CREATE TEMP TRIGGER gold_note_level AFTER INSERT ON team_gold_sent BEGIN INSERT INTO seen SELECT synchronous FROM pragma_synchronous; END;`)
      const gold = new GoldItemStore(db)
      const note = (changeId: string) =>
        gold.noteSent([{ localDocumentId: doc, documentId: 'd1', uid: 'u1', kind: 'span', changeId, baseVersion: null, content: null }])
      for (const level of [2, 1, 0]) {
        db.pragma(`synchronous = ${level}`)
        note(`g${level}`)
        expect(db.pragma('synchronous', { simple: true })).toBe(level)
      }
      expect(db.prepare('SELECT level FROM seen ORDER BY rowid').pluck().all()).toEqual([2, 2, 2])
      expect(() => db.transaction(() => note('inner'))()).toThrow(/gold push are committed before it is sent, never inside another transaction/)
    } finally {
      store.close()
    }
  })
})
