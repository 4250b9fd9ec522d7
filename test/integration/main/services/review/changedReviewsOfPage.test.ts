import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { createSpan } from '../../../../../src/main/services/annotate/annotationService'
import { markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'

// What the library asks once per page: among the page's done reviews, which annotators changed since, and by how much.
describe('review.changedSinceDone for a page of the library (documentIds)', () => {
  it('answers only for the ids asked, done reviews among them, and refuses a list longer than a page can be', async () => {
    const t = tempStore()
    const h = createHandlers({ store: t.store, version: 't', transport: 'http' })
    const ids = ['d1', 'd2', 'd3'].map((externalId) => t.store.documents.insert({ externalId, title: externalId, text: TEXT, meta: {} }))
    const span = (documentId: number, annotator: string, start: number, end: number) => createSpan(t.store, { documentId, annotator, label: 'PERSON', start, end })
    for (const id of ids) {
      span(id, 'alice', 0, 5)
      span(id, 'bob', 0, 5)
    }
    markReviewDone(t.store, { documentId: ids[0], reviewer: 'rita', done: true })
    markReviewDone(t.store, { documentId: ids[1], reviewer: 'rita', done: true })
    // After the finish alice marks Michel on d1 and d3 (d3's review is not done: nothing to say there).
    span(ids[0], 'alice', 10, 16)
    span(ids[2], 'alice', 10, 16)

    const ask = (args: unknown) => dispatch(h, 'review.changedSinceDone', args)
    expect(await ask({ documentIds: ids, limit: 3 })).toEqual({ ok: true, value: { reviews: [{ documentId: ids[0], externalId: 'd1', title: 'd1', changed: 1 }], changedReviews: 1, doneReviews: 2 } })
    expect(await ask({ documentIds: [ids[1], ids[2]] })).toEqual({ ok: true, value: { reviews: [], changedReviews: 0, doneReviews: 1 } })
    // An id asked twice, or one that no longer exists (a row deleted since its page loaded), is answered once or not at all.
    expect(await ask({ documentIds: [ids[0], ids[0], 999_999] })).toMatchObject({ ok: true, value: { reviews: [{ documentId: ids[0], changed: 1 }], doneReviews: 1 } })
    expect(await ask({ documentIds: Array.from({ length: 1001 }, (_, i) => i + 1) })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    t.store.close()
  })
})
