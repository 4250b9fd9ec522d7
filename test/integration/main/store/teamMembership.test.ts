import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRelation, createSpan, deleteSpan, updateSpan } from '../../../../src/main/services/annotate/annotationService'
import { undo } from '../../../../src/main/services/annotate/historyService'
import { rejectItem, setReviewStatus } from '../../../../src/main/services/review/reviewService'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import type { Store } from '../../../../src/main/store/store'
import { inTeam, joinTeam } from '../../../../src/main/store/teamMembership'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

const TEXT = 'The United Nations met in Geneva on Monday.'
const layerRows = (s: Store) => s.db.prepare('SELECT document_id || \'/\' || annotator_id AS k, change_id AS c FROM team_outbox ORDER BY k').all() as { k: string; c: string }[]
const goldRows = (s: Store) => s.db.prepare("SELECT document_id || '/' || uid AS k, change_id AS c FROM team_gold_outbox ORDER BY k").all() as { k: string; c: string }[]
const marks = (s: Store) => [...layerRows(s), ...goldRows(s)]

function span(store: Store, annotator: string, words: string, label: string, documentId: number): number {
  const start = TEXT.indexOf(words)
  return createSpan(store, { documentId, annotator, label, start, end: start + words.length }).id
}

/** Every kind of write that marks the outbox once the workspace is in a team, on document `doc`. */
function writeEverything(store: Store, doc: number): void {
  const un = span(store, 'alice', 'United Nations', 'ORG', doc)
  const geneva = span(store, 'alice', 'Geneva', 'GPE', doc)
  createRelation(store, { documentId: doc, annotator: 'alice', label: 'LOCATED_IN', headId: un, tailId: geneva })
  updateSpan(store, { id: geneva, note: 'the city' })
  store.db.prepare("UPDATE document_status SET status = 'done' WHERE document_id = ?").run(doc)
  const g1 = span(store, 'gold', 'United Nations', 'ORG', doc)
  const g2 = span(store, 'gold', 'Geneva', 'GPE', doc)
  createRelation(store, { documentId: doc, annotator: 'gold', label: 'LOCATED_IN', headId: g1, tailId: g2 })
  deleteSpan(store, span(store, 'bob', 'United', 'ORG', doc))
  undo(store, { documentId: doc, annotator: 'bob' })
  rejectItem(store, { reviewer: 'rita', item: { kind: 'span', id: un } })
  setReviewStatus(store, { documentId: doc, reviewer: 'rita', status: 'in_review' })
}

/** What the triggers of a member workspace mark for those writes, read by keys (not change ids). */
function expectedKeys(store: Store): string[] {
  const q = (sql: string) => store.db.prepare(sql).pluck().all() as string[]
  return [
    ...q(`SELECT DISTINCT document_id || '/' || annotator_id FROM (SELECT document_id, annotator_id FROM spans UNION SELECT document_id, annotator_id FROM relations
            UNION SELECT document_id, annotator_id FROM document_status) WHERE annotator_id NOT IN (SELECT id FROM annotators WHERE name = 'gold')`),
    ...q("SELECT document_id || '/' || uid FROM spans WHERE uid IS NOT NULL UNION ALL SELECT document_id || '/' || uid FROM relations WHERE uid IS NOT NULL"),
    ...q("SELECT document_id || '/status' FROM document_status WHERE annotator_id IN (SELECT id FROM annotators WHERE name = 'gold')"),
    ...q("SELECT document_id || '/review' FROM review_status"),
    ...q("SELECT document_id || '/rej|' || item_key FROM review_rejections"),
  ].sort()
}

describe('team membership (migration 14): the outbox is kept only for a workspace in a team', () => {
  it('a workspace that never joined a team writes no outbox rows, whatever it writes', () => {
    const { store } = tempStore()
    const doc = store.documents.insert({ externalId: 'd1', title: 'd1', text: TEXT, meta: {} })
    writeEverything(store, doc)
    expect(inTeam(store.db)).toBe(false)
    expect(marks(store)).toEqual([])
    expect(store.team.pendingCount()).toBe(0)
    // Gold rows still get their identity (uid) as they are written, outside a team too; other layers' rows none.
    const uids = store.db.prepare("SELECT a.name = 'gold' AS gold, s.uid IS NOT NULL AS has FROM spans s JOIN annotators a ON a.id = s.annotator_id UNION ALL SELECT a.name = 'gold', r.uid IS NOT NULL FROM relations r JOIN annotators a ON a.id = r.annotator_id").all() as { gold: number; has: number }[]
    expect(uids.filter((u) => u.gold).length).toBe(3)
    for (const u of uids) expect(u.has).toBe(u.gold)
    store.close()
  })

  it('joining marks every layer and gold item already held, once; every later write of each kind marks its own under a fresh change id', () => {
    const { store } = tempStore()
    const [d1, d2] = ['d1', 'd2'].map((id) => store.documents.insert({ externalId: id, title: id, text: TEXT, meta: {} }))
    writeEverything(store, d1)
    const before = expectedKeys(store)
    expect(before.length).toBeGreaterThan(6) // alice, bob, 2 gold spans, a gold relation, gold status, review, a rejection
    for (const kind of [/\/status$/, /\/review$/, /\/rej\|/]) expect(before.some((k) => kind.test(k)), String(kind)).toBe(true)
    expect(joinTeam(store.db)).toBe(true)
    expect(inTeam(store.db)).toBe(true)
    expect(marks(store).map((r) => r.k).sort()).toEqual(before)
    const ids = new Set(marks(store).map((r) => r.c))
    expect(ids.size).toBe(before.length)
    // A second join changes nothing (a restarted sync does not mark everything again).
    expect(joinTeam(store.db)).toBe(false)
    expect(new Set(marks(store).map((r) => r.c))).toEqual(ids)

    // After joining, the same writes on another document: every kind marks, with change ids never seen before.
    writeEverything(store, d2)
    expect(marks(store).map((r) => r.k).sort()).toEqual(expectedKeys(store))
    for (const r of marks(store).filter((m) => m.k.startsWith(`${d2}/`))) expect(ids.has(r.c)).toBe(false)
    const aliceOnD1 = () => layerRows(store).find((r) => r.k === `${d1}/${store.annotators.byName('alice')!.id}`)!.c
    const was = aliceOnD1()
    updateSpan(store, { id: store.spans.layer(d1, store.annotators.byName('alice')!.id)[0].id, note: 'again' })
    expect(aliceOnD1()).not.toBe(was)
    store.close()
  })

  it('an upgraded workspace keeps its outbox when it has anything pending or any sync state, and starts outside a team when it has none', () => {
    const open13 = (layers: boolean) => {
      const file = path.join(tempDir(), 'w.spanwright')
      const db = new Database(file)
      migrate(db, file, migrations.filter((m) => m.version < 14))
      db.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', 'x');
               INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000');
               INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd1', 'd1', '${TEXT}', 'h', 'x');`)
      if (layers) db.exec(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 0, 3, 'x')`)
      migrate(db, file)
      return db
    }
    const pending = open13(true)
    expect(inTeam(pending)).toBe(true)
    expect(pending.prepare('SELECT COUNT(*) FROM team_outbox').pluck().get()).toBe(1)
    pending.exec(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 4, 12, 'x')`)
    expect(pending.prepare('SELECT COUNT(*) FROM team_outbox').pluck().get()).toBe(1)
    pending.close()

    const empty = open13(false)
    expect(inTeam(empty)).toBe(false)
    empty.exec(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 1, 0, 3, 'x')`)
    expect(empty.prepare('SELECT COUNT(*) FROM team_outbox').pluck().get()).toBe(0)
    joinTeam(empty)
    expect(empty.prepare('SELECT document_id, annotator_id FROM team_outbox').raw().all()).toEqual([[1, 1]])
    empty.close()
  })
})
