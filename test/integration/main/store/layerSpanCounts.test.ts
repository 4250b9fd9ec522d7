import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSpan, createSpans, deleteSpan, updateSpan } from '../../../../src/main/services/annotate/annotationService'
import { redo, undo } from '../../../../src/main/services/annotate/historyService'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { listLibrary } from '../../../../src/main/services/library/libraryService'
import { deleteLabel } from '../../../../src/main/services/schema/schemaService'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { restoreBackup } from '../../../../src/main/store/restoreBackup'
import { openStore } from '../../../../src/main/store/store'
import type { Store } from '../../../../src/main/store/store'
import { SAMPLES_DIR, tempDir, tempStore } from '../../../helpers/tempWorkspace'

/** The counts the store keeps, and the counts of the spans themselves: they must be equal. */
function kept(store: Store) {
  return store.db.prepare('SELECT document_id AS d, annotator_id AS a, spans AS n FROM layer_span_counts WHERE spans <> 0 ORDER BY d, a').all()
}
function counted(store: Store) {
  return store.db.prepare('SELECT document_id AS d, annotator_id AS a, COUNT(*) AS n FROM spans GROUP BY d, a ORDER BY d, a').all()
}
function expectInStep(store: Store): void {
  expect(kept(store)).toEqual(counted(store))
  expect(store.db.prepare('SELECT COUNT(*) FROM layer_span_counts WHERE spans < 0').pluck().get()).toBe(0)
  expect(store.db.prepare('SELECT COUNT(*) FROM deferred_indexing').pluck().get()).toBe(0)
}

function jsonl(dir: string, name: string, lines: object[]): string {
  const f = path.join(dir, name)
  fs.writeFileSync(f, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return f
}

/** Every page of the library sorted by spans, as ids. */
function allBySpans(store: Store, annotator: string, dir: 'asc' | 'desc', limit = 7): number[] {
  const ids: number[] = []
  for (let offset = 0; ; offset += limit) {
    const page = listLibrary(store, { annotator, sort: 'spans', dir, offset, limit })
    ids.push(...page.map((e) => e.id))
    if (page.length < limit) return ids
  }
}

/** The same order computed from the spans themselves: count, then id, both in the direction asked. */
function expectedBySpans(store: Store, annotator: string, dir: 'asc' | 'desc'): number[] {
  const a = store.annotators.byName(annotator)?.id ?? -1
  const d = dir === 'desc' ? 'DESC' : 'ASC'
  return store.db
    .prepare(`SELECT d.id FROM documents d ORDER BY (SELECT COUNT(*) FROM spans s WHERE s.document_id = d.id AND s.annotator_id = ?) ${d}, d.id ${d}`)
    .pluck()
    .all(a) as number[]
}

describe("each layer's span count, kept by the store", () => {
  it('stays equal to the spans through create, delete, update, undo, redo, label deletion, imports, a failed import and a restore', async () => {
    const { store, file, dir } = tempStore()
    await importFiles(store, [SAMPLES_DIR], { annotator: null })
    expectInStep(store)
    const [d1, d2] = store.db.prepare('SELECT id FROM documents ORDER BY id LIMIT 2').pluck().all() as number[]
    const ref = { documentId: d1, annotator: 'alice' }

    const a = createSpan(store, { documentId: d1, annotator: 'alice', label: 'PERSON', start: 0, end: 4 })
    createSpan(store, { documentId: d1, annotator: 'alice', label: 'ORG', start: 5, end: 9 })
    createSpans(store, { documentId: d2, annotator: 'bob', label: 'PERSON', ranges: [{ start: 0, end: 3 }, { start: 4, end: 8 }] } as Parameters<typeof createSpans>[1])
    expectInStep(store)
    expect(store.db.prepare('SELECT spans FROM layer_span_counts WHERE document_id = ? AND annotator_id = ?').pluck().get(d1, store.annotators.byName('alice')!.id)).toBe(2)

    updateSpan(store, { id: a.id, label: 'ORG' } as Parameters<typeof updateSpan>[1])
    deleteSpan(store, a.id)
    expectInStep(store)
    undo(store, ref) // the deletion: the span comes back with its id
    expectInStep(store)
    undo(store, ref) // the relabel
    undo(store, ref) // the second creation
    expectInStep(store)
    redo(store, ref)
    expectInStep(store)

    // A second layer imported onto existing documents (counted by the triggers), and new documents (counted at the end).
    const backup = await store.backup('manual')
    const layerFile = jsonl(dir, 'layer.jsonl', [
      { id: store.documents.byId(d2)!.externalId, text: store.documents.byId(d2)!.text, annotator: 'carol', spans: [{ start: 0, end: 3, label: 'PERSON' }] },
      { id: 'new-1', text: 'Anna met Ben in Oslo.', annotator: 'carol', spans: [{ start: 0, end: 4, label: 'PERSON' }, { start: 9, end: 12, label: 'PERSON' }, { start: 16, end: 20, label: 'LOC' }] },
      { id: 'new-2', text: 'No entities here.', annotator: 'carol', spans: [] },
    ])
    const r = await importFiles(store, [layerFile], { annotator: null })
    expect(r.documentsAdded).toBe(2)
    expectInStep(store)
    // Importing the same file again adds nothing and counts nothing twice.
    await importFiles(store, [layerFile], { annotator: null })
    expectInStep(store)

    // A failed import (a bad line after good ones) changes no count.
    const before = kept(store)
    const bad = jsonl(dir, 'bad.jsonl', [
      { id: 'new-3', text: 'Carl in Rome.', annotator: 'carol', spans: [{ start: 0, end: 4, label: 'PERSON' }] },
      { id: 'new-4', text: 'short', annotator: 'carol', spans: [{ start: 0, end: 99, label: 'PERSON' }] },
    ])
    await expect(importFiles(store, [bad], { annotator: null })).rejects.toThrow(/bad\.jsonl:2/)
    expect(kept(store)).toEqual(before)
    expectInStep(store)

    // Deleting a label deletes its spans: their counts go with them.
    const person = store.labels.list().find((l) => l.name === 'PERSON')!
    deleteLabel(store, person.id, true)
    expectInStep(store)
    store.close()

    // A restore brings back the file as it was at the backup, counts included.
    restoreBackup(file, backup)
    const restored = openStore(file, { rollingBackups: false })
    expectInStep(restored)
    expect(restored.db.prepare("SELECT COUNT(*) FROM documents WHERE external_id LIKE 'new-%'").pluck().get()).toBe(0)
    restored.close()
  })

  it('a cancelled import leaves neither rows, index entries nor counts, and every imported document is found by search', async () => {
    const { store, dir } = tempStore()
    const lines = Array.from({ length: 3000 }, (_, i) => {
      const text = `Report ${i}: the word uniqueword${i} appears once, with Anna.`
      return { id: `doc-${i}`, text, annotator: 'alice', spans: [{ start: text.indexOf('Anna'), end: text.indexOf('Anna') + 4, label: 'PERSON' }] }
    })
    const f = jsonl(dir, 'many.jsonl', lines)
    const ac = new AbortController()
    let seen = 0
    await expect(
      importFiles(store, [f], { annotator: null }, { signal: ac.signal, onProgress: (p) => p.phase === 'write' && ++seen >= 2 && ac.abort() }),
    ).rejects.toThrow(/abort/i)
    expect(seen).toBe(2) // cancelled in the write pass, after 2,000 of 3,000 documents were written
    expect(store.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0)
    expect(store.db.prepare('SELECT COUNT(*) FROM documents_fts').pluck().get()).toBe(0)
    expect(store.db.prepare("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'report'").pluck().get()).toBe(0)
    expectInStep(store)

    await importFiles(store, [f], { annotator: null })
    expectInStep(store)
    // Every document by its own word, and the index whole against the documents (FTS5's own check).
    const find = store.db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck()
    for (let i = 0; i < lines.length; i++) expect(find.all(`uniqueword${i}`), `uniqueword${i}`).toHaveLength(1)
    expect(listLibrary(store, { annotator: 'alice', query: 'uniqueword2999' }).map((e) => e.externalId)).toEqual(['doc-2999'])
    store.db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
    expect(store.db.prepare('SELECT COUNT(*) FROM documents_fts').pluck().get()).toBe(3000)
    store.close()
  })

  it('the library sorted by spans, unfiltered (from the count index) and filtered, equals a sort by counting the spans, both ways, across pages', async () => {
    const { store, dir } = tempStore()
    // Ties, zero-span documents, documents with only another annotator's spans.
    const lines = Array.from({ length: 40 }, (_, i) => ({
      id: `d${i}`,
      text: 'Anna met Ben in Oslo and Carl in Rome.',
      annotator: i % 5 === 0 ? 'bob' : 'alice',
      spans: [{ start: 0, end: 4, label: 'PERSON' }, { start: 9, end: 12, label: 'PERSON' }, { start: 16, end: 20, label: 'LOC' }].slice(0, i % 4),
    }))
    await importFiles(store, [jsonl(dir, 'sort.jsonl', lines)], { annotator: null })
    const d3 = store.documents.byExternalId('d3')!.id
    createSpan(store, { documentId: d3, annotator: 'alice', label: 'PERSON', start: 25, end: 29 })
    const alice = store.annotators.byName('alice')!.id
    for (const [i, id] of (store.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[]).entries()) {
      if (i % 3 === 1) store.documents.setStatus(id, alice, 'done')
      if (i % 7 === 2) store.documents.setStatus(id, alice, 'in_progress')
    }
    for (const dir of ['asc', 'desc'] as const) {
      expect(allBySpans(store, 'alice', dir)).toEqual(expectedBySpans(store, 'alice', dir))
      expect(allBySpans(store, 'bob', dir, 3)).toEqual(expectedBySpans(store, 'bob', dir))
      expect(allBySpans(store, 'nobody', dir)).toEqual(expectedBySpans(store, 'nobody', dir))
      // Filtered: the count index walked with each filter checked per row, page by page; the matching set comes from
      // the corpus-order listing (another path), the order from counting the spans.
      const filters = [{ label: 'PERSON' }, { status: 'done' }, { status: 'todo' }, { status: 'in_progress' }, { layerOf: 'bob' }, { reviewable: true }] as const
      for (const filter of filters) {
        const matching = new Set(listLibrary(store, { annotator: 'alice', ...filter, limit: 500 }).map((e) => e.id))
        const expected = expectedBySpans(store, 'alice', dir).filter((id) => matching.has(id))
        const paged: number[] = []
        for (let offset = 0; ; offset += 3) {
          const page = listLibrary(store, { annotator: 'alice', sort: 'spans', dir, ...filter, offset, limit: 3 }).map((e) => e.id)
          paged.push(...page)
          if (page.length < 3) break
        }
        expect(paged, `${dir} ${JSON.stringify(filter)}`).toEqual(expected)
        expect(listLibrary(store, { annotator: 'alice', sort: 'spans', dir, ...filter, offset: 5, limit: 4 }).map((e) => e.id)).toEqual(expected.slice(5, 9))
      }
    }
    // Team assignments (a filter driven from their own table) take the general path: same order.
    const assignedIds = store.db.prepare('SELECT id FROM documents WHERE id % 3 = 0').pluck().all() as number[]
    for (const id of assignedIds) store.db.prepare('INSERT INTO team_assignments (annotator_id, document_id) VALUES (?, ?)').run(alice, id)
    for (const dir of ['asc', 'desc'] as const) {
      const expected = expectedBySpans(store, 'alice', dir).filter((id) => assignedIds.includes(id))
      expect(listLibrary(store, { annotator: 'alice', sort: 'spans', dir, assigned: 'only', limit: 500 }).map((e) => e.id)).toEqual(expected)
    }
    // The page at an offset past the counted run starts in the zero run at the right place.
    const desc = expectedBySpans(store, 'alice', 'desc')
    expect(listLibrary(store, { annotator: 'alice', sort: 'spans', dir: 'desc', offset: 33, limit: 5 }).map((e) => e.id)).toEqual(desc.slice(33, 38))
    store.close()
  })

  it('migration 13 counts the spans an older workspace already has', () => {
    const file = path.join(tempDir(), 'v12.spanwright')
    const raw = new Database(file)
    migrate(raw, file, migrations.filter((m) => m.version <= 12))
    raw.exec(`INSERT INTO annotators (id, name, kind, created_at) VALUES (1, 'alice', 'human', 'now'), (2, 'bob', 'human', 'now');
      INSERT INTO label_types (id, kind, name, color) VALUES (1, 'entity', 'PERSON', '#000');`)
    const doc = raw.prepare("INSERT INTO documents (external_id, title, text, text_hash, created_at) VALUES (?, 't', 'Anna and Ben', 'h', 'now')")
    const span = raw.prepare("INSERT INTO spans (document_id, annotator_id, label_id, start, end, created_at) VALUES (?, ?, 1, ?, ?, 'now')")
    for (let i = 0; i < 50; i++) {
      const id = Number(doc.run(`d${i}`).lastInsertRowid)
      for (let k = 0; k < i % 6; k++) span.run(id, 1 + (k % 2), k, k + 1)
    }
    raw.close()
    const store = openStore(file, { rollingBackups: false })
    expect(store.formatVersion()).toBeGreaterThanOrEqual(13)
    expectInStep(store)
    expect(kept(store).length).toBeGreaterThan(50)
    store.close()
  })
})
