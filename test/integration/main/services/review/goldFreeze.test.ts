import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { createRelation, createSpan, deleteSpan, updateSpan } from '../../../../../src/main/services/annotate/annotationService'
import { redo, undo } from '../../../../../src/main/services/annotate/historyService'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { reviewData, setReviewStatus } from '../../../../../src/main/services/review/reviewService'
import { GOLD_ANNOTATOR } from '../../../../../src/shared/domain/model'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'

/** alice and bob agree on Kerry and Michel, and differ on Brussels (GPE vs LOC). */
function setup() {
  const t = tempStore()
  const doc = { id: t.store.documents.insert({ externalId: 'd1', title: 'One', text: TEXT, meta: {} }) }
  const span = (annotator: string, start: number, end: number, label: string) => createSpan(t.store, { documentId: doc.id, annotator, label, start, end })
  const agreed = ['alice', 'bob'].flatMap((a) => [span(a, 0, 5, 'PERSON'), span(a, 10, 16, 'PERSON')])
  const brussels = { alice: span('alice', 20, 28, 'GPE'), bob: span('bob', 20, 28, 'LOC') }
  return { ...t, doc, agreed, brussels }
}

const goldSpans = (store: ReturnType<typeof tempStore>['store'], documentId: number) =>
  store.spans.layer(documentId, store.annotators.byName(GOLD_ANNOTATOR)!.id).map((s) => `${s.start}:${s.end}:${s.label}`).sort()

async function goldExport(t: ReturnType<typeof setup>): Promise<string[]> {
  const out = join(t.dir, 'gold.jsonl')
  await exportDataset(t.store, out, { format: 'jsonl', gold: true })
  return readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .flatMap((l) => (JSON.parse(l) as { spans: { start: number; end: number; label: string }[] }).spans.map((s) => `${s.start}:${s.end}:${s.label}`))
    .sort()
}

describe('a review marked done freezes its gold layer, whatever writes to it', () => {
  it('review.setStatus "adjudicated" copies the agreed items into gold, as review.done does', async () => {
    const t = setup()
    decide(t.store, { documentId: t.doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: t.brussels.alice.id } }, reject: [{ kind: 'span', id: t.brussels.bob.id }] })
    setReviewStatus(t.store, { documentId: t.doc.id, reviewer: 'rita', status: 'adjudicated' })
    // Training code reads the gold export: the agreed PERSON spans must be there, not "outside".
    expect(await goldExport(t)).toEqual(['0:5:PERSON', '10:16:PERSON', '20:28:GPE'])
    t.store.close()
  })

  it('undo and redo of the gold layer are refused while its review is done, and nothing changes', async () => {
    const t = setup()
    decide(t.store, { documentId: t.doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: t.brussels.alice.id } }, reject: [{ kind: 'span', id: t.brussels.bob.id }] })
    undo(t.store, { documentId: t.doc.id, annotator: GOLD_ANNOTATOR })
    markReviewDone(t.store, { documentId: t.doc.id, reviewer: 'rita', done: false })
    decide(t.store, { documentId: t.doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: t.brussels.alice.id } } })
    markReviewDone(t.store, { documentId: t.doc.id, reviewer: 'rita', done: true })
    const before = goldSpans(t.store, t.doc.id)
    expect(before).toEqual(['0:5:PERSON', '10:16:PERSON', '20:28:GPE'])
    expect(() => undo(t.store, { documentId: t.doc.id, annotator: GOLD_ANNOTATOR })).toThrow(/review of document d1 is marked done: reopen it/)
    expect(() => redo(t.store, { documentId: t.doc.id, annotator: GOLD_ANNOTATOR })).toThrow(/marked done/)
    expect(goldSpans(t.store, t.doc.id)).toEqual(before)
    expect(await goldExport(t)).toEqual(before)
    expect(reviewData(t.store, { documentId: t.doc.id }).open).toBe(0)
    // Reopened, the undo works again; an annotator's own undo never depended on the review.
    markReviewDone(t.store, { documentId: t.doc.id, reviewer: 'rita', done: false })
    expect(undo(t.store, { documentId: t.doc.id, annotator: GOLD_ANNOTATOR }).entry).not.toBeNull()
    expect(undo(t.store, { documentId: t.doc.id, annotator: 'alice' }).entry).not.toBeNull()
    t.store.close()
  })

  it('annotations.* on the gold layer of a done review are refused; an annotator layer is still editable', () => {
    const t = setup()
    decide(t.store, { documentId: t.doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: t.brussels.alice.id } }, reject: [{ kind: 'span', id: t.brussels.bob.id }] })
    markReviewDone(t.store, { documentId: t.doc.id, reviewer: 'rita', done: true })
    const before = goldSpans(t.store, t.doc.id)
    const gold = t.store.spans.layer(t.doc.id, t.store.annotators.byName(GOLD_ANNOTATOR)!.id)
    const frozen = /review of document d1 is marked done/
    expect(() => createSpan(t.store, { documentId: t.doc.id, annotator: GOLD_ANNOTATOR, label: 'ORG', start: 10, end: 16 })).toThrow(frozen)
    expect(() => deleteSpan(t.store, gold[0].id)).toThrow(frozen)
    expect(() => updateSpan(t.store, { id: gold[0].id, label: 'ORG' })).toThrow(frozen)
    expect(() => createRelation(t.store, { documentId: t.doc.id, annotator: GOLD_ANNOTATOR, label: 'PART_OF', headId: gold[0].id, tailId: gold[1].id })).toThrow(frozen)
    expect(goldSpans(t.store, t.doc.id)).toEqual(before)
    expect(createSpan(t.store, { documentId: t.doc.id, annotator: 'alice', label: 'ORG', start: 10, end: 16 }).label).toBe('ORG')
    t.store.close()
  })

  it('an import into the gold layer of a done review is refused with its line, and nothing is written; its own gold export re-imports as a no-op', async () => {
    const t = setup()
    decide(t.store, { documentId: t.doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: t.brussels.alice.id } }, reject: [{ kind: 'span', id: t.brussels.bob.id }] })
    markReviewDone(t.store, { documentId: t.doc.id, reviewer: 'rita', done: true })
    const before = goldSpans(t.store, t.doc.id)
    // The layer's own export, read back: nothing new, so nothing to refuse.
    const out = join(t.dir, 'gold.jsonl')
    await exportDataset(t.store, out, { format: 'jsonl', gold: true })
    expect((await importFiles(t.store, [out], { annotator: null })).spansAdded).toBe(0)
    // A file that adds to that gold layer (a native line naming it, or --annotator gold).
    const extra = join(t.dir, 'extra.jsonl')
    const line = (annotator?: string) => JSON.stringify({ id: 'x', text: 'Angela.', ...(annotator ? { annotator } : {}) }) + '\n' +
      JSON.stringify({ id: 'd1', text: TEXT, ...(annotator ? { annotator } : {}), spans: [{ start: 20, end: 28, label: 'LOC' }] }) + '\n'
    writeFileSync(extra, line('gold'))
    await expect(importFiles(t.store, [extra], { annotator: null })).rejects.toThrow(/extra\.jsonl:2: document "d1": its review is marked done, so its gold layer cannot change; reopen the review/)
    writeFileSync(extra, line())
    await expect(importFiles(t.store, [extra], { annotator: GOLD_ANNOTATOR })).rejects.toThrow(/nothing was imported/)
    expect(goldSpans(t.store, t.doc.id)).toEqual(before)
    expect(t.store.documents.byExternalId('x')).toBeNull()
    // Reopened, the same import lands.
    markReviewDone(t.store, { documentId: t.doc.id, reviewer: 'rita', done: false })
    expect((await importFiles(t.store, [extra], { annotator: GOLD_ANNOTATOR })).spansAdded).toBe(1)
    t.store.close()
  })
})

describe('review.reject names an annotator item, as review.decide does', () => {
  it('refuses an item of the gold layer, through the API, and stores no rejection', async () => {
    const t = setup()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    const accepted = decide(t.store, { documentId: t.doc.id, reviewer: 'rita', accept: { item: { kind: 'span', id: t.brussels.alice.id } } })
    const goldSpan = accepted.created.spans[0]
    const r = await dispatch(h, 'review.reject', { reviewer: 'rita', item: { kind: 'span', id: goldSpan.id } })
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', message: `span ${goldSpan.id} is in the gold layer: only annotators' items are decided` } })
    expect(reviewData(t.store, { documentId: t.doc.id }).rejected.spans).toEqual([])
    t.store.close()
  })
})
