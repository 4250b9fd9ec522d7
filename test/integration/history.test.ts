import { describe, expect, it } from 'vitest'
import { createRelation, createSpan, deleteRelation, deleteSpan, updateSpan } from '../../src/main/services/annotate/annotationService'
import { listHistory, redo, undo } from '../../src/main/services/annotate/historyService'
import Database from 'better-sqlite3'
import path from 'node:path'
import { migrate } from '../../src/main/store/migrate'
import { migrations } from '../../src/main/store/migrations'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import { insertSampleDocument } from '../helpers/sampleDocument'
import { snapshotStore } from '../helpers/storeSnapshot'
import { tempDir, tempStore } from '../helpers/tempWorkspace'

const KERRY = '001_5a98d8623b08ebb0'

function setup() {
  const t = tempStore()
  const { doc, at } = insertSampleDocument(t.store, KERRY)
  const span = (store: Store, needle: string, label: string, annotator = 'alice') =>
    createSpan(store, { documentId: doc.id, annotator, label, ...at(needle) })
  return { ...t, doc, at, span }
}

/** The layer as plain rows, to compare states exactly (ids, labels, attributes, notes, relations). */
function layer(store: Store, documentId: number, annotator = 'alice') {
  const a = store.annotators.byName(annotator)!
  return { spans: store.spans.layer(documentId, a.id), relations: store.relations.layer(documentId, a.id) }
}

describe('history: undo and redo of every kind of action, persisted', () => {
  it('undoes and redoes a span creation, restoring the same id', () => {
    const { store, doc, span } = setup()
    const s = span(store, 'John Kerry', 'PERSON')
    const ref = { documentId: doc.id, annotator: 'alice' }
    const u = undo(store, ref)
    expect(u.entry).toMatchObject({ action: 'span.create', annotator: 'alice', state: 'undone' })
    expect(u.changes).toEqual({ spans: [], relations: [], removedSpanIds: [s.id], removedRelationIds: [] })
    expect(layer(store, doc.id).spans).toEqual([])
    const r = redo(store, ref)
    expect(r.entry).toMatchObject({ action: 'span.create', state: 'done' })
    expect(r.changes).toEqual({ spans: [s], relations: [], removedSpanIds: [], removedRelationIds: [] })
    expect(store.spans.byId(s.id)).toEqual(s)
  })

  it('brings back a deleted span together with its cascaded relations, same ids', () => {
    const { store, doc, span } = setup()
    const kerry = span(store, 'John Kerry', 'PERSON')
    const belgium = span(store, 'Belgium', 'GPE')
    const other = span(store, 'Kerry', 'PERSON')
    const rel1 = createRelation(store, { documentId: doc.id, annotator: 'alice', label: 'PART_OF', headId: kerry.id, tailId: belgium.id })
    const rel2 = createRelation(store, { documentId: doc.id, annotator: 'alice', label: 'PART_OF', headId: other.id, tailId: kerry.id })
    const full = layer(store, doc.id)
    expect(deleteSpan(store, kerry.id)).toEqual({ deleted: 1, relationsDeleted: 2 })
    const afterDelete = layer(store, doc.id)
    expect(afterDelete.relations).toEqual([])

    const ref = { documentId: doc.id, annotator: 'alice' }
    const u = undo(store, ref)
    expect(u.entry?.action).toBe('span.delete')
    expect(u.changes).toEqual({ spans: [kerry], relations: [rel1, rel2], removedSpanIds: [], removedRelationIds: [] })
    expect(layer(store, doc.id)).toEqual(full)
    expect(store.relations.byId(rel1.id)).toEqual(rel1)
    expect(store.relations.byId(rel2.id)).toEqual(rel2)
    redo(store, ref)
    expect(layer(store, doc.id)).toEqual(afterDelete)
    undo(store, ref)
    expect(layer(store, doc.id)).toEqual(full)
  })

  it('undoes relabel, note, attribute and norm changes one at a time', () => {
    const { store, doc, span } = setup()
    const s = span(store, 'John Kerry', 'PERSON')
    const v1 = updateSpan(store, { id: s.id, note: 'the Secretary of State' })
    const v2 = updateSpan(store, { id: s.id, attributes: { negated: false, certainty: 'high' } })
    const v3 = updateSpan(store, { id: s.id, norm: 'Q22316' })
    const v4 = updateSpan(store, { id: s.id, label: 'ORG' })
    expect(v4).toMatchObject({ label: 'ORG', note: 'the Secretary of State', norm: 'Q22316', attributes: {} })
    const ref = { documentId: doc.id, annotator: 'alice' }
    for (const expected of [v3, v2, v1, s]) {
      const u = undo(store, ref)
      expect(u.entry?.action).toBe('span.update')
      expect(store.spans.byId(s.id)).toEqual(expected)
    }
    for (const expected of [v1, v2, v3, v4]) {
      redo(store, ref)
      expect(store.spans.byId(s.id)).toEqual(expected)
    }
  })

  it('undoes and redoes relation creation and deletion', () => {
    const { store, doc, span } = setup()
    const kerry = span(store, 'John Kerry', 'PERSON')
    const daesh = span(store, 'DAESH', 'ORG')
    const rel = createRelation(store, { documentId: doc.id, annotator: 'alice', label: 'AFFILIATED_WITH', headId: kerry.id, tailId: daesh.id })
    deleteRelation(store, rel.id)
    const ref = { documentId: doc.id, annotator: 'alice' }
    expect(undo(store, ref).entry?.action).toBe('relation.delete')
    expect(store.relations.byId(rel.id)).toEqual(rel)
    expect(undo(store, ref).entry?.action).toBe('relation.create')
    expect(store.relations.byId(rel.id)).toBeNull()
    redo(store, ref)
    expect(store.relations.byId(rel.id)).toEqual(rel)
  })

  it('keeps undo and redo working across a reopen of the store file', () => {
    const { store, file, doc, span } = setup()
    const s = span(store, 'John Kerry', 'PERSON')
    span(store, 'Belgium', 'GPE')
    const ref = { documentId: doc.id, annotator: 'alice' }
    undo(store, ref)
    store.close()

    const reopened = openStore(file)
    try {
      expect(layer(reopened, doc.id).spans).toEqual([s])
      const r = redo(reopened, ref)
      expect(r.entry?.action).toBe('span.create')
      expect(r.changes.spans.map((x) => x.label)).toEqual(['GPE'])
      expect(layer(reopened, doc.id).spans.map((x) => x.label).sort()).toEqual(['GPE', 'PERSON'])
      undo(reopened, ref)
      undo(reopened, ref)
      expect(layer(reopened, doc.id).spans).toEqual([])
      expect(undo(reopened, ref).entry).toBeNull()
    } finally {
      reopened.close()
    }
  })

  it('clears the redo tail when a new edit is made, keeping it in the audit trail', () => {
    const { store, doc, span } = setup()
    span(store, 'John Kerry', 'PERSON')
    span(store, 'Belgium', 'GPE')
    const ref = { documentId: doc.id, annotator: 'alice' }
    undo(store, ref)
    span(store, 'DAESH', 'ORG')
    expect(redo(store, ref).entry).toBeNull()
    expect(layer(store, doc.id).spans.map((s) => s.label).sort()).toEqual(['ORG', 'PERSON'])
    const list = listHistory(store, { documentId: doc.id, annotator: 'alice' })
    expect(list.map((e) => [e.action, e.state, e.summary])).toEqual([
      ['span.create', 'done', 'ORG "DAESH"'],
      ['span.create', 'discarded', 'GPE "Belgium"'],
      ['span.create', 'done', 'PERSON "John Kerry"'],
    ])
    expect(list[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('keeps each annotator a separate history', () => {
    const { store, doc, span } = setup()
    span(store, 'John Kerry', 'PERSON', 'alice')
    const bobs = span(store, 'Belgium', 'GPE', 'bob')
    undo(store, { documentId: doc.id, annotator: 'alice' })
    expect(layer(store, doc.id, 'alice').spans).toEqual([])
    expect(layer(store, doc.id, 'bob').spans).toEqual([bobs])
    expect(listHistory(store, { documentId: doc.id }).map((e) => e.annotator)).toEqual(['bob', 'alice'])
  })

  it('gives a restored span a fresh id when its old id was taken meanwhile, and keeps later history valid', () => {
    const { store, doc, span } = setup()
    const kerry = span(store, 'John Kerry', 'PERSON')
    const belgium = span(store, 'Belgium', 'GPE') // the highest id: SQLite reuses it after a delete
    createRelation(store, { documentId: doc.id, annotator: 'alice', label: 'PART_OF', headId: kerry.id, tailId: belgium.id })
    deleteSpan(store, belgium.id)
    const bobs = span(store, 'DAESH', 'ORG', 'bob')
    expect(bobs.id).toBe(belgium.id)
    const ref = { documentId: doc.id, annotator: 'alice' }
    const step = undo(store, ref)
    const restored = layer(store, doc.id)
    const gpe = restored.spans.find((s) => s.label === 'GPE')!
    expect(gpe.id).not.toBe(belgium.id)
    expect(step.changes.spans).toEqual([gpe])
    expect(step.changes.relations).toEqual(restored.relations)
    expect(restored.relations).toHaveLength(1)
    expect(restored.relations[0]).toMatchObject({ headId: kerry.id, tailId: gpe.id })
    expect(store.spans.byId(bobs.id)).toEqual(bobs)
    // The earlier entries now name the new id: undoing the relation and the span works.
    undo(store, ref)
    expect(layer(store, doc.id).relations).toEqual([])
    undo(store, ref)
    expect(layer(store, doc.id).spans.map((s) => s.label)).toEqual(['PERSON'])
    expect(store.spans.byId(bobs.id)).toEqual(bobs)
  })
})

describe('history: an action that can no longer be replayed', () => {
  it('is refused with a clear message, changes nothing, and leaves the chain so the next undo goes on', () => {
    const { store, doc, span } = setup()
    span(store, 'John Kerry', 'PERSON')
    const nopeLabel = store.labels.insert({ kind: 'entity', name: 'TEMP', color: '#123456', hotkey: null, description: '', headTypes: [], tailTypes: [], attributes: [] })
    const temp = span(store, 'Belgium', 'TEMP')
    deleteSpan(store, temp.id)
    // The label goes from the schema (as the schema editor's delete does, spans first).
    store.db.prepare('DELETE FROM label_types WHERE id = ?').run(nopeLabel.id)
    const before = snapshotStore(store)
    const ref = { documentId: doc.id, annotator: 'alice' }
    expect(() => undo(store, ref)).toThrow(/cannot undo TEMP "Belgium": something it needs \(a label, a span\) no longer exists\. Nothing was changed/)
    const after = snapshotStore(store)
    expect(after.spans).toEqual(before.spans)
    expect(listHistory(store, ref)[0].state).toBe('discarded')
    // Undoing the TEMP creation has nothing left to remove; the undo after it reaches PERSON.
    undo(store, ref)
    expect(undo(store, ref).entry?.summary).toBe('PERSON "John Kerry"')
    expect(layer(store, doc.id).spans).toEqual([])
  })
})

describe('migration 0002 (history)', () => {
  it('adds the history table to a version-1 workspace, keeping its spans, and starts an empty history', () => {
    const file = path.join(tempDir(), 'v1.spanwright')
    const raw = new Database(file)
    migrate(raw, file, migrations.filter((m) => m.version <= 1))
    raw.exec(`INSERT INTO annotators (id, name, created_at) VALUES (1, 'alice', 'now');
              INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#e4572e');
              INSERT INTO documents (id, external_id, title, text, text_hash, created_at) VALUES (1, 'd', 'D', 'Kerry met Michel', 'h', 'now');
              INSERT INTO spans (id, document_id, annotator_id, label_id, start, end, created_at) VALUES (7, 1, 1, 1, 0, 5, 'now');`)
    expect(migrate(raw, file, migrations.filter((m) => m.version <= 2))).toBe(2)
    expect(raw.prepare('SELECT id FROM spans').pluck().all()).toEqual([7])
    expect(raw.prepare('SELECT COUNT(*) FROM history').pluck().get()).toBe(0)
    // The action and state columns refuse what undo/redo would not understand.
    expect(() =>
      raw.prepare(`INSERT INTO history (document_id, annotator_id, action, summary, before, after, created_at, changed_at) VALUES (1, 1, 'span.explode', '', '{}', '{}', 'now', 'now')`).run(),
    ).toThrow(/CHECK/)
    raw.close()
  })
})
