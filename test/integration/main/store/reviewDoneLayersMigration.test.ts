import { describe, expect, it } from 'vitest'
import { createRelation, createSpan, deleteSpan } from '../../../../src/main/services/annotate/annotationService'
import { markReviewDone } from '../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../src/main/services/review/reviewService'
import { openStore } from '../../../../src/main/store/store'
import { tempStore } from '../../../helpers/tempWorkspace'

describe('migration 19 (the layers a done review saw)', () => {
  it('keeps the layers of reviews done before it, still counts what differed from gold at the upgrade, and counts deletions after it', () => {
    const t = tempStore()
    const documentId = t.store.documents.insert({ externalId: 'd1', title: 'One', text: 'Kerry met Michel in Brussels.', meta: {} })
    for (const a of ['alice', 'bob']) {
      const kerry = createSpan(t.store, { documentId, annotator: a, label: 'PERSON', start: 0, end: 5 })
      const brussels = createSpan(t.store, { documentId, annotator: a, label: 'GPE', start: 20, end: 28 })
      createRelation(t.store, { documentId, annotator: a, label: 'PART_OF', headId: kerry.id, tailId: brussels.id })
    }
    markReviewDone(t.store, { documentId, reviewer: 'rita', done: true })
    // The workspace as version 18 left it: no kept layers, and alice marked Michel after the finish.
    t.store.db.exec(`DROP TRIGGER review_done_layers_on_insert; DROP TRIGGER review_done_layers_on_done; DROP TRIGGER review_done_layers_on_reopen;
      DROP TRIGGER review_done_layers_on_delete; DROP TABLE review_done_items; DROP TABLE review_done_layers; PRAGMA user_version = 18;`)
    createSpan(t.store, { documentId, annotator: 'alice', label: 'PERSON', start: 10, end: 16 })
    t.store.close()

    const store = openStore(t.file)
    expect(store.formatVersion()).toBe(19)
    expect(store.db.prepare('SELECT document_id, taken FROM review_done_layers').all()).toEqual([{ document_id: documentId, taken: 'upgrade' }])
    expect(store.db.prepare('SELECT COUNT(*) FROM review_done_items').pluck().get()).toBe(7)
    // Michel, added before the upgrade, is still seen (an open place), though the kept layers already hold it.
    expect(reviewData(store, { documentId })).toMatchObject({ status: 'adjudicated', open: 1, changedSinceDone: 1 })
    // bob deletes Kerry (gold has it) and with it his relation: two items since the upgrade.
    deleteSpan(store, store.spans.layer(documentId, store.annotators.byName('bob')!.id)[0].id)
    expect(reviewData(store, { documentId })).toMatchObject({ changedSinceDone: 2 })
    // Reopened and finished again, the layers are kept at the finish.
    markReviewDone(store, { documentId, reviewer: 'rita', done: false })
    expect(store.db.prepare('SELECT COUNT(*) FROM review_done_layers').pluck().get()).toBe(0)
    expect(() => markReviewDone(store, { documentId, reviewer: 'rita', done: true })).toThrow(/open disagreement/)
    store.close()
  })
})
