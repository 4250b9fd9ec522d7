// Gold holding alice's discontinuous span ("left … ventricles") has not taken bob's contiguous span over the same
// range ("left and right ventricles"): accepting bob's adds it, and pre-merge does not count the two as agreeing.
// Before, both had one key (start, end, label): the accept did nothing and pre-merge wrote one for both.
import { expect, it } from 'vitest'
import { acceptItem, premerge, reviewData } from '../../../../../src/main/services/review/reviewService'
import { tempStore } from '../../../../helpers/tempWorkspace'

function setup() {
  const { store } = tempStore()
  const text = 'The left and right ventricles failed.'
  const at = (w: string): [number, number] => [text.indexOf(w), text.indexOf(w) + w.length]
  const doc = store.documents.insert({ externalId: 'heart', title: 'Heart', text, meta: {} })
  const labelId = store.labels.byName('entity', 'PERSON')!.id
  const span = (name: string, fragments: [number, number][] | null) =>
    store.spans.insert({ documentId: doc, annotatorId: store.annotators.ensure(name, 'human').id, labelId, start: at('left')[0], end: at('ventricles')[1], fragments })
  return { store, doc, alice: span('alice', [at('left'), at('ventricles')]), bob: span('bob', null) }
}

it("accepting bob's contiguous span after alice's fragments adds it to gold", () => {
  const { store, doc, alice, bob } = setup()
  try {
    expect(reviewData(store, { documentId: doc }).open).toBe(1)
    expect(acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: alice } }).created.spans).toHaveLength(1)
    const r = acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: bob } })
    expect(r.created.spans.map((s) => s.fragments)).toEqual([null])
    expect(reviewData(store, { documentId: doc }).gold.spans.map((s) => s.fragments?.length ?? 0)).toEqual([2, 0])
    // Accepting alice's again finds her fragments in gold.
    expect(acceptItem(store, { reviewer: 'rita', item: { kind: 'span', id: alice } }).created.spans).toEqual([])
  } finally {
    store.close()
  }
})

it('pre-merge with a quorum of 2 writes neither', () => {
  const { store, doc } = setup()
  try {
    expect(premerge(store, { documentId: doc, reviewer: 'rita', quorum: 2 }).spans).toBe(0)
    expect(reviewData(store, { documentId: doc }).gold.spans).toEqual([])
  } finally {
    store.close()
  }
})
