import Database from 'better-sqlite3'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { tempDir } from '../../../helpers/tempWorkspace'

const now = '2026-01-01T00:00:00Z'
type Row = Record<string, unknown>

/**
 * A version-10 workspace: d1's gold layer synced and clean (spans inserted out of
 * offset order, one relation), d2's gold never synced, d3's gold synced with
 * unpushed edits, and alice's layer on d1.
 */
export function before11(): { db: Database.Database; file: string } {
  const file = path.join(tempDir(), 'w.spanwright')
  const db = new Database(file)
  migrate(db, file, migrations.filter((m) => m.version < 11))
  db.exec(`INSERT INTO annotators (id, name, kind, created_at) VALUES (1, 'alice', 'human', '${now}'), (2, 'gold', 'gold', '${now}');
           INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000'), (2, 'entity', 'GPE', '#000'), (3, 'relation', 'PART_OF', '#000');
           INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES
             (1, 'd1', 'd1', 'Ada met Bob', 'h', '${now}'), (2, 'd2', 'd2', 'Ada met Bob', 'h', '${now}'), (3, 'd3', 'd3', 'Ada met Bob', 'h', '${now}');
           INSERT INTO spans (id, document_id, annotator_id, label_id, start, "end", created_at) VALUES
             (1, 1, 2, 1, 8, 11, '${now}'), (2, 1, 2, 1, 0, 3, '${now}'), (3, 2, 2, 2, 0, 3, '${now}'), (4, 3, 2, 1, 0, 3, '${now}'), (5, 1, 1, 1, 0, 3, '${now}');
           INSERT INTO relations (id, document_id, annotator_id, label_id, head_id, tail_id, created_at) VALUES (1, 1, 2, 3, 2, 1, '${now}');
           INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (1, 2, 'in_progress', '${now}'), (2, 2, 'done', '${now}');
           INSERT INTO team_layers (document_id, annotator_id, version) VALUES (1, 2, 1), (3, 2, 2);
           DELETE FROM team_outbox WHERE document_id = 1 AND annotator_id = 2;`)
  return { db, file }
}

const rows = (db: Database.Database, sql: string) => db.prepare(sql).all() as Row[]

describe('migration 11 (gold items)', () => {
  it('names the gold items of a layer synced whole by position (as the server upgrade does), marks the rest for the next push, and moves gold out of the layer outbox', () => {
    const { db, file } = before11()
    migrate(db, file)
    expect(rows(db, 'SELECT id, uid FROM spans ORDER BY id')).toEqual([
      { id: 1, uid: 'v1-s1' },
      { id: 2, uid: 'v1-s0' },
      { id: 3, uid: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { id: 4, uid: 'v1-s0' },
      { id: 5, uid: null },
    ])
    expect(rows(db, 'SELECT uid FROM relations')).toEqual([{ uid: 'v1-r0' }])
    expect(rows(db, 'SELECT document_id AS d, uid, version FROM team_gold_versions ORDER BY d, uid')).toEqual([
      { d: 1, uid: 'status', version: 1 },
      { d: 1, uid: 'v1-r0', version: 1 },
      { d: 1, uid: 'v1-s0', version: 1 },
      { d: 1, uid: 'v1-s1', version: 1 },
      { d: 3, uid: 'v1-s0', version: 1 },
    ])
    // d1 was clean: nothing to push; d2 (never synced) and d3 (unpushed edits) are marked.
    expect(rows(db, 'SELECT document_id AS d, kind FROM team_gold_outbox ORDER BY d, kind')).toEqual([
      { d: 2, kind: 'span' },
      { d: 2, kind: 'status' },
      { d: 3, kind: 'span' },
    ])
    expect(rows(db, 'SELECT document_id AS d, annotator_id AS a FROM team_outbox ORDER BY d, a')).toEqual([{ d: 1, a: 1 }])
    expect(rows(db, 'SELECT document_id AS d, annotator_id AS a FROM team_layers')).toEqual([])
  })

  it('gives every new gold item a uid, marks each gold write by item (a deletion stays marked), and leaves other layers to the layer outbox', () => {
    const { db, file } = before11()
    migrate(db, file)
    const goldOutbox = () => new Map(rows(db, 'SELECT uid, change_id FROM team_gold_outbox WHERE document_id = 1').map((r) => [r.uid, r.change_id]))
    const layerId = () => rows(db, 'SELECT change_id FROM team_outbox WHERE document_id = 1 AND annotator_id = 1')[0].change_id
    const aliceBefore = layerId()

    db.prepare(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 2, 2, 4, 7, '${now}')`).run()
    const uid = (rows(db, 'SELECT uid FROM spans WHERE document_id = 1 AND start = 4')[0].uid as string) ?? ''
    expect(uid).toMatch(/^[0-9a-f]{32}$/)
    expect([...goldOutbox().keys()]).toEqual([uid])
    const first = goldOutbox().get(uid)
    db.prepare("UPDATE spans SET note = 'x' WHERE uid = ?").run(uid)
    const second = goldOutbox().get(uid)
    expect(second).not.toBe(first)
    // Deleting a span cascades to its relation: both deletions are marked, by uid.
    db.prepare("DELETE FROM spans WHERE uid = 'v1-s0' AND document_id = 1").run()
    expect([...goldOutbox().keys()].sort()).toEqual([uid, 'v1-r0', 'v1-s0'].sort())
    db.prepare('DELETE FROM spans WHERE uid = ?').run(uid)
    expect(goldOutbox().get(uid)).not.toBe(second)
    // The gold layer's status is an item too: marked when it changes, not when it is written unchanged.
    db.prepare("UPDATE document_status SET updated_at = 'later' WHERE document_id = 1 AND annotator_id = 2").run()
    expect(goldOutbox().has('status')).toBe(false)
    db.prepare("UPDATE document_status SET status = 'done' WHERE document_id = 1 AND annotator_id = 2").run()
    expect(goldOutbox().has('status')).toBe(true)
    // None of that touched the layer outbox; alice's writes still go there, without a uid.
    expect(layerId()).toBe(aliceBefore)
    expect(rows(db, 'SELECT 1 FROM team_outbox WHERE annotator_id = 2')).toEqual([])
    db.prepare(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at) VALUES (1, 1, 2, 4, 7, '${now}')`).run()
    expect(layerId()).not.toBe(aliceBefore)
    expect(rows(db, 'SELECT uid FROM spans WHERE annotator_id = 1')).toEqual([{ uid: null }, { uid: null }])
    // A rejection of alice's span is marked by what the span is; its deletion (a cascade of the span's) too.
    db.prepare(`INSERT INTO review_rejections (document_id, span_id, rejected_by, rejected_at) VALUES (1, 5, 'rita', '${now}')`).run()
    expect(rows(db, 'SELECT item_key FROM review_rejections')).toEqual([{ item_key: 'alice|span|0-3:PERSON' }])
    const marked = goldOutbox().get('rej|alice|span|0-3:PERSON')
    expect(marked).toBeDefined()
    db.prepare('DELETE FROM spans WHERE id = 5').run()
    expect(rows(db, 'SELECT 1 FROM review_rejections')).toEqual([])
    expect(goldOutbox().get('rej|alice|span|0-3:PERSON')).not.toBe(marked)
    // A restored row (undo of a delete writes the row back whole) keeps its uid.
    db.prepare(`INSERT INTO spans (document_id, annotator_id, label_id, start, "end", created_at, uid) VALUES (1, 2, 1, 0, 3, '${now}', 'v1-s0')`).run()
    expect(rows(db, "SELECT uid FROM spans WHERE document_id = 1 AND annotator_id = 2 AND start = 0")).toEqual([{ uid: 'v1-s0' }])
  })
})
