import { describe, expect, it } from 'vitest'
import { createRelation, createSpan, deleteSpan } from '../../../../src/main/services/annotate/annotationService'
import { markReviewDone } from '../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../src/main/services/review/reviewService'
import { migration0019 } from '../../../../src/main/store/migrations/0019-review-done-layers'
import { migration0020 } from '../../../../src/main/store/migrations/0020-review-last-finish'
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
    // The workspace as version 18 left it: no kept layers, and alice marked Michel after the finish. Then migrations 19
    // and 20 run on it (by hand: setting user_version back would run every later migration again too).
    t.store.db.exec(`DROP TRIGGER review_done_layers_on_insert; DROP TRIGGER review_done_layers_on_done;
      DROP TRIGGER review_done_layers_on_delete; DROP TABLE review_done_items; DROP TABLE review_done_layers;`)
    createSpan(t.store, { documentId, annotator: 'alice', label: 'PERSON', start: 10, end: 16 })
    t.store.transaction(() => t.store.db.exec(migration0019.up + migration0020.up))
    t.store.close()

    const store = openStore(t.file)
    expect(store.db.prepare('SELECT document_id, taken FROM review_done_layers').all()).toEqual([{ document_id: documentId, taken: 'upgrade' }])
    // 7 items (migration 19), and alice's and bob's layers (migration 20).
    expect(store.db.prepare('SELECT kind, COUNT(*) AS n FROM review_done_items GROUP BY kind ORDER BY kind').all()).toEqual([
      { kind: 'l', n: 2 },
      { kind: 'r', n: 2 },
      { kind: 's', n: 5 },
    ])
    // Michel, added before the upgrade, is still seen (an open place), though the kept layers already hold it.
    expect(reviewData(store, { documentId })).toMatchObject({ status: 'adjudicated', open: 1, changedSinceDone: 1 })
    // bob deletes Kerry (gold has it) and with it his relation: two items since the upgrade.
    deleteSpan(store, store.spans.layer(documentId, store.annotators.byName('bob')!.id)[0].id)
    expect(reviewData(store, { documentId })).toMatchObject({ changedSinceDone: 2 })
    // Reopened, the copy stays (migration 20: the reviewer sees what changed since the last finish while working).
    markReviewDone(store, { documentId, reviewer: 'rita', done: false })
    expect(store.db.prepare('SELECT taken FROM review_done_layers').pluck().all()).toEqual(['upgrade'])
    expect(reviewData(store, { documentId })).toMatchObject({ status: 'in_review', changedSinceDone: 0, sinceLastFinish: { changed: 2 } })
    expect(() => markReviewDone(store, { documentId, reviewer: 'rita', done: true })).toThrow(/open disagreement/)
    store.close()
  })
})
