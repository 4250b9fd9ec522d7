import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { writeRecords } from '../../../../../src/main/services/import/importRecords'
import { readDocumentFiles } from '../../../../../src/main/services/import/readFiles'
import type { Store } from '../../../../../src/main/store/store'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Ada Lovelace met Charles Babbage in London in 1833 and wrote the notes.'
const triggers = (store: Store) => store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string; sql: string }[]
const countsRight = (store: Store) =>
  store.db
    .prepare(
      `SELECT COUNT(*) FROM (SELECT document_id, annotator_id, COUNT(*) AS n FROM spans GROUP BY 1, 2) s
        FULL JOIN layer_span_counts c USING (document_id, annotator_id) WHERE c.spans IS NOT s.n AND NOT (s.n IS NULL AND c.spans = 0)`,
    )
    .pluck()
    .get() === 0
const at = (w: string, from = 0) => [TEXT.indexOf(w, from), TEXT.indexOf(w, from) + w.length] as const

describe('import writes a layer\'s plain spans several to a statement, with the ids SQLite would give', () => {
  it('every field lands, relations point at the right spans, a fragmented span goes alone, ids follow the largest (after deletions too), and a re-import adds nothing', async () => {
    const { store, dir } = tempStore()
    // Spans already held, the last one deleted: SQLite's next id is one above the largest left.
    const doc0 = store.documents.insert({ externalId: 'held', title: 'held', text: TEXT, meta: {} })
    const alice = store.annotators.ensure('alice').id
    const person = store.labels.list().find((l) => l.name === 'PERSON')!.id
    const ids = [0, 1, 2].map((i) => store.spans.insert({ documentId: doc0, annotatorId: alice, labelId: person, start: i, end: i + 1 }))
    store.db.prepare('DELETE FROM spans WHERE id = ?').run(ids[2])

    const words = TEXT.split(' ')
    let from = 0
    // 19 plain spans (chunks 16 + 2 + 1), some with attributes, notes, a suggestion's source.
    const plain = words.map((w, i) => {
      const [start, end] = at(w, from)
      from = end
      return {
        id: `T${i}`, start, end, label: i === 6 ? 'GPE' : i % 2 ? 'ORG' : 'PERSON',
        ...(i % 3 === 0 ? { attributes: { negated: i % 2 === 0 } } : {}),
        ...(i % 4 === 1 ? { note: `note ${i}` } : {}),
        ...(i === 5 ? { suggestedBy: { recommender: 'dict', score: 0.5, version: null } } : {}),
      }
    })
    const lines = [
      { id: 'a', text: TEXT, annotator: 'alice', spans: plain, relations: [{ id: 'R1', head: 'T1', tail: 'T6', label: 'LOCATED_IN' }] },
      // A record with one fragmented span: written a row at a time.
      { id: 'b', text: TEXT, annotator: 'bob', spans: [{ id: 'T1', start: at('Ada')[0], end: at('Lovelace')[1], label: 'PERSON', fragments: [at('Ada'), at('Lovelace')] }, { id: 'T2', start: at('London')[0], end: at('London')[1], label: 'GPE' }] },
      { id: 'c', text: TEXT, annotator: 'carol', spans: [{ id: 'T1', start: at('Babbage')[0], end: at('Babbage')[1], label: 'PERSON' }] },
    ]
    const file = path.join(dir, 'in.jsonl')
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    const r = await importFiles(store, [file], { annotator: null, backup: false, addLabels: true })
    expect(r.spansAdded).toBe(plain.length + 3)
    expect(r.relationsAdded).toBe(1)

    // Ids: one above the largest left (ids[1]), counting up in file order, as single-row inserts would have.
    const all = store.db.prepare('SELECT id FROM spans WHERE document_id <> ? ORDER BY id').pluck().all(doc0) as number[]
    expect(all).toEqual(Array.from({ length: plain.length + 3 }, (_, i) => ids[1] + 1 + i))

    const docA = store.documents.byExternalId('a')!.id
    const layer = store.spans.layer(docA, alice)
    const bySource = new Map(layer.map((s) => [s.sourceId, s]))
    expect(layer).toHaveLength(plain.length)
    for (const p of plain) {
      const s = bySource.get(p.id)!
      expect([s.start, s.end, s.label, s.note, s.attributes, s.kind, s.fragments]).toEqual([p.start, p.end, p.label, p.note ?? '', p.attributes ?? {}, 'entity', null])
      expect(s.suggestedBy ?? null).toEqual(p.suggestedBy ?? null)
    }
    const [rel] = store.relations.layer(docA, alice)
    expect([rel.headId, rel.tailId]).toEqual([bySource.get('T1')!.id, bySource.get('T6')!.id])
    const bob = store.spans.layer(store.documents.byExternalId('b')!.id, store.annotators.byName('bob')!.id)
    expect(bob.map((s) => [s.sourceId, s.fragments])).toEqual([['T1', [at('Ada'), at('Lovelace')]], ['T2', null]])

    // Counts and search for what the import wrote.
    expect(store.db.prepare('SELECT spans FROM layer_span_counts WHERE document_id = ? AND annotator_id = ?').pluck().get(docA, alice)).toBe(plain.length)
    expect(store.db.prepare("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'Babbage'").pluck().get()).toBe(4)

    const again = await importFiles(store, [file], { annotator: null, backup: false })
    expect([again.spansAdded, again.spansSkipped, again.relationsAdded]).toEqual([0, plain.length + 3, 0])
    store.close()
  })

  it('the per-row triggers it leaves out during the write are back as they were after it, and after a write that failed half-way; counts, search and gold uids cover what it wrote', async () => {
    const { store, dir } = tempStore()
    const before = triggers(store)
    expect(before.map((t) => t.name)).toEqual(expect.arrayContaining(['documents_fts_insert', 'layer_span_counts_insert', 'gold_uid_spans', 'gold_uid_relations']))
    const file = (name: string, lines: object[]) => {
      const f = path.join(dir, name)
      fs.writeFileSync(f, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
      return f
    }
    const span = (w: string, label: string) => ({ id: w, start: at(w)[0], end: at(w)[1], label })
    const first = file('first.jsonl', [{ id: 'a', text: TEXT, annotator: 'alice', spans: [span('Ada', 'PERSON'), span('London', 'GPE')] }])
    await importFiles(store, [first], { annotator: null, backup: false })
    // A second import adds layers (gold with a relation, and bob's) to the document it already holds, and a new document.
    const second = file('second.jsonl', [
      { id: 'a', text: TEXT, annotator: 'gold', spans: [span('Ada', 'PERSON'), span('London', 'GPE'), span('Babbage', 'PERSON')], relations: [] },
      { id: 'a', text: TEXT, annotator: 'bob', spans: [span('Charles', 'PERSON')] },
      { id: 'z', text: 'Zeebrugge harbour.', annotator: 'bob', spans: [{ id: 'Z', start: 0, end: 9, label: 'GPE' }] },
    ])
    await importFiles(store, [second], { annotator: null, backup: false })
    expect(triggers(store)).toEqual(before)
    expect(countsRight(store)).toBe(true)
    expect(store.db.prepare("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'Zeebrugge'").pluck().get()).toBe(1)
    const uids = store.db.prepare("SELECT a.name, s.uid FROM spans s JOIN annotators a ON a.id = s.annotator_id ORDER BY s.id").raw().all() as [string, string | null][]
    for (const [who, uid] of uids) expect(uid === null, who).toBe(who !== 'gold')
    expect(new Set(uids.filter(([w]) => w === 'gold').map(([, u]) => u)).size).toBe(3)
    // A span written after the import by hand still meets every trigger (counted, and a gold one gets its uid).
    const gold = store.annotators.byName('gold')!.id
    const docA = store.documents.byExternalId('a')!.id
    const id = store.spans.insert({ documentId: docA, annotatorId: gold, labelId: store.labels.list()[0].id, start: at('notes')[0], end: at('notes')[1] })
    expect(store.db.prepare('SELECT uid FROM spans WHERE id = ?').pluck().get(id)).not.toBeNull()
    expect(countsRight(store)).toBe(true)

    // A write stopped half-way (as a cancel does) leaves neither its rows nor the triggers missing.
    const rows = () => store.db.prepare('SELECT (SELECT COUNT(*) FROM documents) || \'/\' || (SELECT COUNT(*) FROM spans) || \'/\' || (SELECT COUNT(*) FROM documents_fts)').pluck().get()
    const held = rows()
    const third = await readDocumentFiles([file('third.jsonl', [1, 2, 3].map((n) => ({ id: `n${n}`, text: TEXT, annotator: 'carol', spans: [span('Ada', 'PERSON')] })))])
    expect(() =>
      store.transaction(() =>
        writeRecords(store, third, { annotator: null }, (r) => {
          if (r.externalId === 'n3') throw new Error('stopped')
        }),
      ),
    ).toThrow('stopped')
    expect(rows()).toBe(held)
    expect(triggers(store)).toEqual(before)
    expect(store.db.prepare('SELECT COUNT(*) FROM deferred_indexing').pluck().get()).toBe(0)
    store.close()
  })
})
