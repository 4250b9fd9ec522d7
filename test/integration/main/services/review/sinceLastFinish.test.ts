import { describe, expect, it } from 'vitest'
import { createRelation, createSpan, deleteSpan } from '../../../../../src/main/services/annotate/annotationService'
import { undo } from '../../../../../src/main/services/annotate/historyService'
import { changedReviews } from '../../../../../src/main/services/review/changedReviews'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../../src/main/services/review/reviewService'
import { changedAmongDone } from '../../../../../src/main/services/reviewReading'
import { openStore } from '../../../../../src/main/store/store'
import type { Store } from '../../../../../src/main/store/store'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'

/** alice and bob agree on Kerry, Brussels and Kerry PART_OF Brussels; rita marks the review done. */
function doneReview() {
  const t = tempStore()
  const documentId = t.store.documents.insert({ externalId: 'd1', title: 'One', text: TEXT, meta: {} })
  const ids: Record<string, { kerry: number; brussels: number }> = {}
  for (const a of ['alice', 'bob']) {
    const kerry = createSpan(t.store, { documentId, annotator: a, label: 'PERSON', start: 0, end: 5 }).id
    const brussels = createSpan(t.store, { documentId, annotator: a, label: 'GPE', start: 20, end: 28 }).id
    createRelation(t.store, { documentId, annotator: a, label: 'PART_OF', headId: kerry, tailId: brussels })
    ids[a] = { kerry, brussels }
  }
  expect(markReviewDone(t.store, { documentId, reviewer: 'rita', done: true })).toMatchObject({ status: 'adjudicated', changedSinceDone: 0 })
  return { ...t, documentId, ids }
}

const read = (store: Store, documentId: number) => reviewData(store, { documentId })

describe('a reopened review still lists what changed since its last finish', () => {
  it('keeps the list while the reviewer works, across a restart, and clears it when the review is marked done again', () => {
    const t = doneReview()
    const { documentId, ids } = t
    deleteSpan(t.store, ids.alice.kerry) // takes alice's relation with it
    createSpan(t.store, { documentId, annotator: 'bob', label: 'PERSON', start: 10, end: 16 })
    const named = [
      { annotator: 'alice', change: 'deleted', kind: 'span', label: 'PERSON', start: 0, end: 5 },
      { annotator: 'alice', change: 'deleted', kind: 'relation', label: 'PART_OF', start: 0, end: 5, tail: { start: 20, end: 28 } },
      { annotator: 'bob', change: 'added', kind: 'span', label: 'PERSON', start: 10, end: 16 },
    ]
    expect(read(t.store, documentId)).toMatchObject({ changedSinceDone: 3, changesSinceDone: named })
    expect(read(t.store, documentId).sinceLastFinish).toBeUndefined()

    // rita reopens to take the changes in: the same list stays, as "since your last finish"; the review is no longer
    // a done review that changed (the dashboard, the library and the gold export stop naming it).
    const reopened = markReviewDone(t.store, { documentId, reviewer: 'rita', done: false })
    expect(reopened).toMatchObject({ status: 'in_review', changedSinceDone: 0, sinceLastFinish: { changed: 3, changes: named } })
    expect(reopened.changesSinceDone).toBeUndefined()
    expect(changedReviews(t.store).reviews).toEqual([])
    expect(changedAmongDone(t.store, [documentId])).toEqual([])

    // She works through them; the list does not move (her decisions change gold, not the annotators' layers).
    const michel = reopened.alignment.spanGroups.find((g) => g.start === 10)!
    decide(t.store, { documentId, reviewer: 'rita', accept: { item: { kind: 'span', id: michel.items[0].id } } })
    expect(read(t.store, documentId).sinceLastFinish).toEqual({ changed: 3, changes: named })

    // A restart forgets nothing.
    t.store.close()
    const store = openStore(t.file)
    expect(read(store, documentId)).toMatchObject({ status: 'in_review', sinceLastFinish: { changed: 3 } })
    // An annotator's change while it is open joins the list.
    deleteSpan(store, ids.bob.brussels)
    expect(read(store, documentId).sinceLastFinish?.changed).toBe(5)

    // Marked done again (after settling what is open), the list is gone and the next change counts from this finish.
    const data = read(store, documentId)
    for (const g of data.alignment.spanGroups.filter((x) => x.difference !== 'agreed')) {
      decide(store, { documentId, reviewer: 'rita', reject: g.items.map((i) => ({ kind: 'span' as const, id: i.id })) })
    }
    for (const g of read(store, documentId).alignment.relationGroups.filter((x) => x.difference !== 'agreed')) {
      decide(store, { documentId, reviewer: 'rita', reject: g.items.map((i) => ({ kind: 'relation' as const, id: i.id })) })
    }
    const again = markReviewDone(store, { documentId, reviewer: 'rita', done: true })
    expect(again).toMatchObject({ status: 'adjudicated', changedSinceDone: 0 })
    expect(again.sinceLastFinish).toBeUndefined()
    markReviewDone(store, { documentId, reviewer: 'rita', done: false })
    expect(read(store, documentId).sinceLastFinish).toBeUndefined()
    createSpan(store, { documentId, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    expect(read(store, documentId).sinceLastFinish).toMatchObject({ changed: 1, changes: [{ annotator: 'alice', change: 'added', label: 'PERSON' }] })
    store.close()
  })
})

describe('taking an annotator deletion in', () => {
  it('unaccepting a reading gold holds takes it out of gold, with the gold relations on it, as one gold change an undo puts back', () => {
    const t = doneReview()
    const { store, documentId, ids } = t
    const goldOf = () => read(store, documentId).gold
    expect(goldOf().spans.map((s) => `${s.label}:${s.start}`).sort()).toEqual(['GPE:20', 'PERSON:0'])
    expect(goldOf().relations).toHaveLength(1)
    deleteSpan(store, ids.alice.kerry) // alice drops Kerry (and her relation on it)
    markReviewDone(store, { documentId, reviewer: 'rita', done: false })
    // rita agrees with alice: she rejects bob's Kerry, which gold holds (it was accepted, so nothing was open there).
    expect(read(store, documentId).open).toBe(0)
    // A plain rejection leaves gold as it is (as it always has); unaccept takes it out.
    decide(store, { documentId, reviewer: 'rita', reject: [{ kind: 'span', id: ids.bob.kerry }] })
    expect(goldOf().spans).toHaveLength(2)
    decide(store, { documentId, reviewer: 'rita', unaccept: [{ kind: 'span', id: ids.bob.kerry }], reject: [{ kind: 'span', id: ids.bob.kerry }] })
    expect(goldOf().spans.map((s) => `${s.label}:${s.start}`)).toEqual(['GPE:20'])
    expect(goldOf().relations).toEqual([])
    // bob's relation on Kerry is no longer in gold: it is open until decided; rejected, the review can be finished.
    const data = read(store, documentId)
    expect(data.open).toBe(1)
    const bobRelation = data.layers.find((l) => l.annotator === 'bob')!.relations[0]
    decide(store, { documentId, reviewer: 'rita', reject: [{ kind: 'relation', id: bobRelation.id }] })
    expect(markReviewDone(store, { documentId, reviewer: 'rita', done: true })).toMatchObject({ status: 'adjudicated', open: 0 })
    expect(goldOf().spans.map((s) => s.label)).toEqual(['GPE'])
    // Reopened, one undo of gold puts Kerry and the relation back together.
    markReviewDone(store, { documentId, reviewer: 'rita', done: false })
    undo(store, { documentId, annotator: 'gold' })
    expect(goldOf().spans.map((s) => `${s.label}:${s.start}`).sort()).toEqual(['GPE:20', 'PERSON:0'])
    expect(goldOf().relations).toHaveLength(1)
    store.close()
  })
})

describe('what else an annotator changes after a finish', () => {
  it('an empty layer joining the review counts (it disagrees with every item); a status change or a source id does not', () => {
    const t = doneReview()
    const { store, documentId } = t
    // alice marks her document done, then in progress again: her items are what gold reflects, and they did not move.
    const alice = store.annotators.byName('alice')!.id
    store.documents.setStatus(documentId, alice, 'done')
    store.documents.setStatus(documentId, alice, 'in_progress')
    expect(read(store, documentId)).toMatchObject({ changedSinceDone: 0 })
    // The id the item had in its source file is not a decision.
    store.db.prepare('UPDATE spans SET source_id = ? WHERE id = ?').run('T7', t.ids.bob.kerry)
    expect(read(store, documentId)).toMatchObject({ changedSinceDone: 0 })
    // carl marks the document done without a single span: a reading of "no annotation", so no item is agreed any more.
    store.documents.setStatus(documentId, store.annotators.ensure('carl').id, 'done')
    const data = read(store, documentId)
    expect(data.alignment.spanGroups.map((g) => [g.difference, g.missing])).toEqual([
      ['missing', ['carl']],
      ['missing', ['carl']],
    ])
    expect(data).toMatchObject({ changedSinceDone: 1, changesSinceDone: [{ annotator: 'carl', change: 'added', kind: 'layer' }] })
    expect(changedReviews(store).reviews.map((r) => `${r.externalId}:${r.changed}`)).toEqual(['d1:1'])
    // His first span is counted by itself; his layer is no longer empty, so it is not counted twice.
    createSpan(store, { documentId, annotator: 'carl', label: 'PERSON', start: 0, end: 5 })
    expect(read(store, documentId).changedSinceDone).toBe(1)
    store.close()
  })

  it("an event moved to another trigger (brat's E line naming another T) counts", () => {
    const t = tempStore()
    const { store } = t
    const documentId = store.documents.insert({ externalId: 'e1', title: 'E', text: TEXT, meta: {} })
    const alice = store.annotators.ensure('alice').id
    const person = store.labels.byName('entity', 'PERSON')!.id
    const org = store.labels.byName('entity', 'ORG')!.id
    const t1 = store.spans.insert({ documentId, annotatorId: alice, labelId: person, start: 0, end: 5, kind: 'trigger' })
    const t2 = store.spans.insert({ documentId, annotatorId: alice, labelId: org, start: 0, end: 5, kind: 'trigger' })
    const event = store.spans.insert({ documentId, annotatorId: alice, labelId: person, start: 0, end: 5, kind: 'trigger', triggerId: t1 })
    store.documents.setStatus(documentId, alice, 'done')
    markReviewDone(store, { documentId, reviewer: 'rita', done: true })
    expect(read(store, documentId).changedSinceDone).toBe(0)
    // The event now belongs to T2 (written again, as an import or a pull writes it): same extent and label, another trigger.
    store.spans.delete(event)
    store.spans.insert({ documentId, annotatorId: alice, labelId: person, start: 0, end: 5, kind: 'trigger', triggerId: t2 })
    expect(read(store, documentId).changedSinceDone).toBe(2)
    store.close()
  })
})
