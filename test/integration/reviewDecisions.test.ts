import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlerTable'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import { undo } from '../../src/main/services/annotate/historyService'
import { decide, isReviewDone, markReviewDone } from '../../src/main/services/review/reviewDecisions'
import { acceptItem, rejectItem, reviewData, setReviewStatus } from '../../src/main/services/review/reviewService'
import { openStore } from '../../src/main/store/store'
import { insertSampleDocument } from '../helpers/sampleDocument'
import { tempStore } from '../helpers/tempWorkspace'

const KERRY = '001_5a98d8623b08ebb0'
const OTHER = '002_41e43d58b8396c46'

/** Three annotators on the Kerry sample: a label split (2 vs 1), a boundary split, an item only alice has, and full agreement. */
function setup() {
  const t = tempStore()
  const { doc, at } = insertSampleDocument(t.store, KERRY)
  const span = (annotator: string, needle: string, label: string, trimEnd = 0) => {
    const { start, end } = at(needle)
    return createSpan(t.store, { documentId: doc.id, annotator, label, start, end: end - trimEnd })
  }
  const kerry = ['alice', 'bob', 'carol'].map((a) => span(a, 'John Kerry', 'PERSON'))
  const brussels = { alice: span('alice', 'Brussels', 'GPE'), bob: span('bob', 'Brussels', 'GPE'), carol: span('carol', 'Brussels', 'LOC') }
  const date = { alice: span('alice', 'Friday, March 25, 2016', 'DATE'), bob: span('bob', 'March 25, 2016', 'DATE'), carol: span('carol', 'March 25, 2016', 'DATE') }
  const daesh = span('alice', 'DAESH', 'ORG')
  return { ...t, doc, kerry, brussels, date, daesh }
}

const item = (s: { id: number }) => ({ kind: 'span' as const, id: s.id })

describe('review decisions: every reading decided, stored, and the review marked done', () => {
  it('counts open disagreements by reading, and rejecting the only reading of a missing item resolves it', () => {
    const { store, doc, daesh } = setup()
    expect(reviewData(store, { documentId: doc.id }).open).toBe(3)
    const r = decide(store, { documentId: doc.id, reviewer: 'rita', reject: [item(daesh)] })
    expect(r.review.open).toBe(2)
    expect(r.review.status).toBe('in_review')
    expect(r.created).toEqual({ spans: [], relations: [] })
  })

  it('a boundary group stays open after one accept, and closes once the competing reading is rejected', () => {
    const { store, doc, date } = setup()
    const one = decide(store, { documentId: doc.id, reviewer: 'rita', accept: { item: item(date.bob) } })
    expect(one.created.spans).toHaveLength(1)
    expect(one.review.open).toBe(3)
    expect(decide(store, { documentId: doc.id, reviewer: 'rita', reject: [item(date.alice)] }).review.open).toBe(2)
  })

  it('accepts one reading and rejects the competing ones in one call; the decisions survive a reopen', () => {
    const { store, file, doc, brussels } = setup()
    const r = decide(store, {
      documentId: doc.id,
      reviewer: 'rita',
      accept: { item: item(brussels.alice) },
      reject: [item(brussels.carol)],
    })
    expect(r.review.open).toBe(2)
    expect(r.review.gold.spans).toEqual([expect.objectContaining({ label: 'GPE', provenance: expect.objectContaining({ annotator: 'alice', acceptedBy: 'rita' }) })])
    store.close()
    const again = openStore(file)
    const reopened = reviewData(again, { documentId: doc.id })
    expect(reopened.open).toBe(2)
    expect(reopened.rejected.spans).toEqual([brussels.carol.id])
    // Taking the rejection back opens the disagreement again.
    expect(decide(again, { documentId: doc.id, reviewer: 'rita', unreject: [item(brussels.carol)] }).review.open).toBe(3)
    again.close()
  })

  it('an undo of the accept in gold opens the reading again', () => {
    const { store, doc, brussels } = setup()
    decide(store, { documentId: doc.id, reviewer: 'rita', accept: { item: item(brussels.alice) }, reject: [item(brussels.carol)] })
    expect(reviewData(store, { documentId: doc.id }).open).toBe(2)
    undo(store, { documentId: doc.id, annotator: 'gold' })
    expect(reviewData(store, { documentId: doc.id }).open).toBe(3)
  })

  it('refuses "review done" while anything is open; allows it at zero; the flag is stored and can be reopened', () => {
    const { store, file, doc, kerry, brussels, date, daesh } = setup()
    expect(() => markReviewDone(store, { documentId: doc.id, reviewer: 'rita', done: true })).toThrow(/still has 3 open disagreements/)
    expect(() => setReviewStatus(store, { documentId: doc.id, reviewer: 'rita', status: 'adjudicated' })).toThrow(/open disagreement/)
    expect(isReviewDone(store, doc.id)).toBe(false)
    decide(store, { documentId: doc.id, reviewer: 'rita', accept: { item: item(brussels.alice) }, reject: [item(brussels.carol)] })
    decide(store, { documentId: doc.id, reviewer: 'rita', accept: { item: item(date.bob) }, reject: [item(date.alice)] })
    decide(store, { documentId: doc.id, reviewer: 'rita', reject: [item(daesh)] })
    const done = markReviewDone(store, { documentId: doc.id, reviewer: 'rita', done: true })
    expect(done).toMatchObject({ open: 0, status: 'adjudicated', agreedCopied: 1 })
    // What all three agree on (John Kerry) is copied into gold with the decided readings; rejected ones are not.
    expect(done.gold.spans.map((s) => `${s.label}:${s.start}-${s.end}`).sort()).toEqual(
      [kerry[0], brussels.alice, date.bob].map((s) => `${s.label}:${s.start}-${s.end}`).sort(),
    )
    expect(isReviewDone(store, doc.id)).toBe(true)
    store.close()
    const again = openStore(file)
    expect(isReviewDone(again, doc.id)).toBe(true)
    expect(again.gold.reviewDoneIds()).toEqual(new Set([doc.id]))
    // Done is frozen: no decision, accept, rejection or pre-merge until the review is reopened.
    expect(() => decide(again, { documentId: doc.id, reviewer: 'rita', unreject: [item(daesh)] })).toThrow(/marked done: reopen it/)
    expect(() => rejectItem(again, { reviewer: 'rita', item: item(daesh), rejected: false })).toThrow(/marked done/)
    expect(() => acceptItem(again, { reviewer: 'rita', item: item(daesh) })).toThrow(/marked done/)
    expect(reviewData(again, { documentId: doc.id })).toMatchObject({ open: 0, status: 'adjudicated' })
    // Marking it done again changes nothing.
    expect(markReviewDone(again, { documentId: doc.id, reviewer: 'rita', done: true }).agreedCopied).toBe(0)
    expect(markReviewDone(again, { documentId: doc.id, reviewer: 'rita', done: false }).status).toBe('in_review')
    expect(decide(again, { documentId: doc.id, reviewer: 'rita', unreject: [item(daesh)] }).review.open).toBe(1)
    expect(again.gold.reviewDoneIds()).toEqual(new Set())
    again.close()
  })

  it('a document whose layers agree can be marked done at once; other documents are not', () => {
    const { store, doc } = setup()
    const { doc: other, at } = insertSampleDocument(store, OTHER)
    const first = other.text.match(/[A-Z][a-z]+/)![0]
    for (const a of ['alice', 'bob']) createSpan(store, { documentId: other.id, annotator: a, label: 'PERSON', ...at(first) })
    expect(reviewData(store, { documentId: other.id }).open).toBe(0)
    markReviewDone(store, { documentId: other.id, reviewer: 'rita', done: true })
    expect(store.gold.reviewDoneIds()).toEqual(new Set([other.id]))
    expect(isReviewDone(store, doc.id)).toBe(false)
  })

  it('the API refuses an item of another document, a gold item, an empty decision and unknown fields, and writes nothing', async () => {
    const { store, doc, brussels } = setup()
    const { doc: other } = insertSampleDocument(store, OTHER)
    const h = createHandlers({ store, version: 'test', transport: 'http' })
    const call = (args: unknown) => dispatch(h, 'review.decide', args)
    expect(await call({ documentId: other.id, reviewer: 'rita', reject: [item(brussels.carol)] })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('belongs to another document') },
    })
    expect(await call({ documentId: doc.id, reviewer: 'rita' })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(await call({ documentId: doc.id, reviewer: 'rita', reject: [{ kind: 'span', id: -1 }] })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(await call({ documentId: doc.id, reviewer: 'rita', reject: [item(brussels.carol)], extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    // A failed decision is all or nothing: the valid rejection before the bad accept is not kept.
    expect(await call({ documentId: doc.id, reviewer: 'rita', reject: [item(brussels.carol)], accept: { item: { kind: 'span', id: 999999 } } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(reviewData(store, { documentId: doc.id }).rejected.spans).toEqual([])
    const ok = await call({ documentId: doc.id, reviewer: 'rita', accept: { item: item(brussels.alice) } })
    expect(ok).toMatchObject({ ok: true })
    const goldId = reviewData(store, { documentId: doc.id }).gold.spans[0].id
    expect(await call({ documentId: doc.id, reviewer: 'rita', reject: [{ kind: 'span', id: goldId }] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('gold layer') },
    })
    expect(await dispatch(h, 'review.done', { documentId: doc.id, reviewer: 'rita', done: true })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})
