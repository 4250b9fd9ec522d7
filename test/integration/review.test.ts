import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRelation, createSpan } from '../../src/main/services/annotate/annotationService'
import { listHistory, undo } from '../../src/main/services/annotate/historyService'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { listLibrary } from '../../src/main/services/library/libraryService'
import { markReviewDone } from '../../src/main/services/review/reviewDecisions'
import { acceptItem, premerge, rejectItem, reviewData, setReviewStatus } from '../../src/main/services/review/reviewService'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import { insertSampleDocument } from '../helpers/sampleDocument'
import { tempDir, tempStore } from '../helpers/tempWorkspace'

const KERRY = '001_5a98d8623b08ebb0'

/** The Kerry sample with alice's and bob's layers: agreeing, differing in label, in boundary, and one only alice has. */
function setup() {
  const t = tempStore()
  const { doc, at } = insertSampleDocument(t.store, KERRY)
  const span = (annotator: string, needle: string, label: string) => createSpan(t.store, { documentId: doc.id, annotator, label, ...at(needle) })
  const a = {
    kerry: span('alice', 'John Kerry', 'PERSON'),
    daesh: span('alice', 'DAESH', 'ORG'),
    brussels: span('alice', 'Brussels', 'GPE'),
  }
  const b = {
    kerry: span('bob', 'John Kerry', 'PERSON'),
    daesh: span('bob', 'DAESH', 'ORG'),
    brussels: span('bob', 'Brussels', 'LOC'),
  }
  const aRel = createRelation(t.store, { documentId: doc.id, annotator: 'alice', label: 'AFFILIATED_WITH', headId: a.kerry.id, tailId: a.daesh.id })
  const bRel = createRelation(t.store, { documentId: doc.id, annotator: 'bob', label: 'AFFILIATED_WITH', headId: b.kerry.id, tailId: b.daesh.id })
  return { ...t, doc, at, span, a, b, aRel, bRel }
}

function goldLayer(store: Store, documentId: number) {
  const r = reviewData(store, { documentId })
  return r.gold
}

describe('review: layers, alignment, accept, reject, pre-merge', () => {
  it('answers the layers aligned, and the gold layer empty at first', () => {
    const { store, doc } = setup()
    const r = reviewData(store, { externalId: KERRY })
    expect(r.layers.map((l) => l.annotator)).toEqual(['alice', 'bob'])
    expect(r.status).toBe('unreviewed')
    expect(r.gold.spans).toEqual([])
    const kinds = r.alignment.spanGroups.map((g) => g.difference)
    expect(kinds.filter((k) => k === 'agreed').length).toBeGreaterThanOrEqual(2)
    expect(kinds).toContain('label')
    expect(r.alignment.relationGroups.map((g) => g.difference)).toEqual(['agreed'])
    expect(() => reviewData(store, { documentId: doc.id + 100 })).toThrow(/no document/)
  })

  it('accepts a span into gold with its provenance, once, as one undoable change', () => {
    const { store, doc, a } = setup()
    const before = Date.now()
    const r = acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: a.brussels.id } })
    expect(r.created.spans).toHaveLength(1)
    const g = r.created.spans[0]
    expect(g).toMatchObject({ annotator: 'gold', label: 'GPE', start: a.brussels.start, end: a.brussels.end })
    expect(g.provenance).toMatchObject({ annotator: 'alice', itemId: String(a.brussels.id), acceptedBy: 'rita', edited: false })
    expect(Date.parse(g.provenance!.acceptedAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(r.review.status).toBe('in_review')
    expect(store.annotators.byName('gold')!.kind).toBe('gold')
    // Accepting the same item again changes nothing.
    expect(acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: a.brussels.id } }).created.spans).toEqual([])
    expect(undo(store, { documentId: doc.id, annotator: 'gold' }).entry?.summary).toMatch(/accepted GPE "Brussels" from alice/)
    expect(goldLayer(store, doc.id).spans).toEqual([])
  })

  it('accepts an edited version: another label and boundary, marked edited', () => {
    const { store, b, at } = setup()
    const { start, end } = at('Brussels')
    const r = acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: b.brussels.id }, edit: { label: 'GPE', start, end: end - 1 } })
    expect(r.created.spans[0]).toMatchObject({ label: 'GPE', start, end: end - 1, provenance: { annotator: 'bob', edited: true } })
    expect(() => acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: b.brussels.id }, edit: { label: 'NOPE' } })).toThrow(/not an entity label/)
    expect(() => acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: b.brussels.id }, edit: { end: 10 ** 7 } })).toThrow(/out of bounds/)
  })

  it('accepting a relation brings its head and tail into gold, in one history entry', () => {
    const { store, doc, aRel } = setup()
    const r = acceptItem(store, { reviewer: 'rita', item: { kind: 'relation', id: aRel.id } })
    expect(r.created.spans.map((s) => s.label)).toEqual(['PERSON', 'ORG'])
    expect(r.created.relations[0]).toMatchObject({ label: 'AFFILIATED_WITH', provenance: { annotator: 'alice', itemId: String(aRel.id) } })
    expect(listHistory(store, { documentId: doc.id, annotator: 'gold' })).toHaveLength(1)
    undo(store, { documentId: doc.id, annotator: 'gold' })
    expect(goldLayer(store, doc.id)).toMatchObject({ spans: [], relations: [] })
  })

  it('rejects an item, persisted across a reopen, and the mark can be taken back', () => {
    const { store, file, b } = setup()
    expect(rejectItem(store, { reviewer: 'rita', item: { kind: 'span', id: b.brussels.id } }).rejected.spans).toEqual([b.brussels.id])
    store.close()
    const again = openStore(file)
    const r = reviewData(again, { externalId: KERRY })
    expect(r.rejected.spans).toEqual([b.brussels.id])
    expect(r.status).toBe('in_review')
    expect(rejectItem(again, { reviewer: 'rita', item: { kind: 'span', id: b.brussels.id }, rejected: false }).rejected.spans).toEqual([])
    again.close()
  })

  it('pre-merges every agreed item in one history entry that one undo reverts', () => {
    const { store, doc, a } = setup()
    const m = premerge(store, { documentId: doc.id, reviewer: 'rita' })
    expect(m).toMatchObject({ quorum: 2, spans: 2, relations: 1 })
    const gold = m.review.gold
    expect(gold.spans.map((s) => s.label).sort()).toEqual(['ORG', 'PERSON'])
    expect(gold.spans.every((s) => s.provenance?.acceptedBy === 'rita')).toBe(true)
    expect(gold.relations[0].provenance).toMatchObject({ annotator: 'alice', acceptedBy: 'rita' })
    expect(listHistory(store, { documentId: doc.id, annotator: 'gold' })).toHaveLength(1)
    // Again: nothing new to copy, no history entry.
    expect(premerge(store, { documentId: doc.id, reviewer: 'rita' })).toMatchObject({ spans: 0, relations: 0, historyId: null })
    undo(store, { documentId: doc.id, annotator: 'gold' })
    expect(goldLayer(store, doc.id)).toMatchObject({ spans: [], relations: [] })
    // A quorum of one takes what either has; the label conflict gives both candidates.
    const one = premerge(store, { documentId: doc.id, reviewer: 'rita', quorum: 1 })
    expect(one.spans).toBe(4)
    expect(() => premerge(store, { documentId: doc.id, reviewer: 'rita', quorum: 3 })).toThrow(/more than the 2 annotator/)
    void a
  })

  it('rejected items do not count towards a pre-merge', () => {
    const { store, doc, b } = setup()
    rejectItem(store, { reviewer: 'rita', item: { kind: 'span', id: b.kerry.id } })
    const m = premerge(store, { documentId: doc.id, reviewer: 'rita' })
    expect(m.review.gold.spans.map((s) => s.label)).toEqual(['ORG'])
    expect(m.relations).toBe(0)
  })

  it('the review status shows in the library', () => {
    const { store, doc } = setup()
    expect(listLibrary(store, { annotator: 'alice' })[0].reviewStatus).toBe('unreviewed')
    setReviewStatus(store, { documentId: doc.id, reviewer: 'rita', status: 'in_review' })
    expect(listLibrary(store, { annotator: 'alice' })[0].reviewStatus).toBe('in_review')
    // Done (adjudicated) needs every disagreement decided first (test/integration/reviewDecisions.test.ts).
    expect(() => setReviewStatus(store, { documentId: doc.id, reviewer: 'rita', status: 'adjudicated' })).toThrow(/open disagreement/)
  })
})

describe('gold provenance survives export and import', () => {
  it('exports the gold layer as JSONL and imports it into a fresh workspace with the same provenance', async () => {
    const { store, doc, b, dir } = setup()
    premerge(store, { documentId: doc.id, reviewer: 'rita' })
    acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: b.brussels.id }, edit: { label: 'GPE' } })
    // Every reading is decided (bob's LOC was accepted as GPE); a gold export takes documents whose review is done.
    expect(markReviewDone(store, { documentId: doc.id, reviewer: 'rita', done: true }).status).toBe('adjudicated')
    const out = path.join(dir, 'gold.jsonl')
    await exportDataset(store, out, { format: 'jsonl', gold: true })
    const line = JSON.parse(fs.readFileSync(out, 'utf8').trim().split('\n')[0]) as { annotator: string; spans: { provenance?: unknown }[] }
    expect(line.annotator).toBe('gold')
    expect(line.spans.every((s) => s.provenance)).toBe(true)

    const fresh = tempStore().store
    await importFiles(fresh, [out], { annotator: null })
    const gold = fresh.annotators.byName('gold')!
    expect(gold.kind).toBe('gold')
    const id = fresh.documents.byExternalId(KERRY)!.id
    const strip = (l: { spans: { start: number; end: number; label: string; provenance?: unknown }[]; relations: { label: string; provenance?: unknown }[] }) => ({
      spans: l.spans.map((s) => [s.start, s.end, s.label, s.provenance]),
      relations: l.relations.map((r) => [r.label, r.provenance]),
    })
    const original = goldLayer(store, doc.id)
    const imported = { spans: fresh.spans.layer(id, gold.id), relations: fresh.relations.layer(id, gold.id) }
    expect(strip(imported)).toEqual(strip(original))
    expect(original.spans.some((s) => s.provenance?.edited)).toBe(true)
    fresh.close()
  })

  it('a bad provenance field fails the import naming the file and line, and writes nothing', async () => {
    const dir = tempDir()
    const { store } = tempStore()
    const f = path.join(dir, 'bad.jsonl')
    const ok = { id: 'd1', text: 'Kerry met Michel.', annotator: 'gold', spans: [{ id: 'T1', start: 0, end: 5, label: 'PERSON', provenance: { annotator: 'alice', itemId: 'T9', acceptedBy: 'rita', acceptedAt: '2026-01-01T00:00:00Z' } }] }
    const bad = { ...ok, id: 'd2', spans: [{ ...ok.spans[0], provenance: { annotator: 'alice' } }] }
    fs.writeFileSync(f, `${JSON.stringify(ok)}\n${JSON.stringify(bad)}\n`)
    await expect(importFiles(store, [f], { annotator: null })).rejects.toThrow(/bad\.jsonl:2: .*provenance\.itemId is missing/)
    expect(store.documents.byExternalId('d1')).toBeNull()
  })
})
