// A relation aligns by its ends' extents, so two annotators who draw the same relation but label an end differently
// agree on it. Gold must keep that relation on the end the reviewer chose, not drop it or copy the rejected end back.
import { describe, expect, it } from 'vitest'
import { createRelation, createSpan } from '../../../../../src/main/services/annotate/annotationService'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { reviewData } from '../../../../../src/main/services/review/reviewService'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'Kerry met Michel in Brussels.'

/** alice: Kerry PART_OF Brussels (GPE); bob: the same relation with Brussels as LOC (or no relation). */
function setup(bobRelates: boolean) {
  const t = tempStore()
  const d = t.store.documents.insert({ externalId: 'd1', title: 'd1', text: TEXT, meta: {} })
  const span = (a: string, start: number, end: number, label: string) => createSpan(t.store, { documentId: d, annotator: a, label, start, end })
  const kerry = { alice: span('alice', 0, 5, 'PERSON'), bob: span('bob', 0, 5, 'PERSON') }
  const brussels = { alice: span('alice', 20, 28, 'GPE'), bob: span('bob', 20, 28, 'LOC') }
  const aliceRel = createRelation(t.store, { documentId: d, annotator: 'alice', label: 'PART_OF', headId: kerry.alice.id, tailId: brussels.alice.id })
  if (bobRelates) createRelation(t.store, { documentId: d, annotator: 'bob', label: 'PART_OF', headId: kerry.bob.id, tailId: brussels.bob.id })
  // The reviewer settles Brussels as bob's LOC.
  decide(t.store, { documentId: d, reviewer: 'rita', accept: { item: { kind: 'span', id: brussels.bob.id } }, reject: [{ kind: 'span', id: brussels.alice.id }] })
  return { ...t, d, aliceRel }
}

const goldOf = (data: ReturnType<typeof reviewData>) => ({
  spans: data.gold.spans.map((s) => `${s.start}:${s.end}:${s.label}`).sort(),
  relations: data.gold.relations.map((r) => {
    const at = (id: number) => data.gold.spans.find((s) => s.id === id)!
    return `${at(r.headId).start}:${at(r.headId).end}>${at(r.tailId).start}:${at(r.tailId).end}:${at(r.tailId).label}:${r.label}`
  }),
})

describe('relations whose ends the annotators label differently', () => {
  it('review done keeps the relation both agree on, on the end gold holds (it was dropped, with nothing open)', () => {
    const t = setup(true)
    expect(reviewData(t.store, { documentId: t.d }).open).toBe(0)
    const done = markReviewDone(t.store, { documentId: t.d, reviewer: 'rita', done: true })
    expect(goldOf(done)).toEqual({ spans: ['0:5:PERSON', '20:28:LOC'], relations: ['0:5>20:28:LOC:PART_OF'] })
    t.store.close()
  })

  it("accepting one annotator's relation puts it on gold's end, not a second copy of the rejected end", () => {
    const t = setup(false)
    const r = decide(t.store, { documentId: t.d, reviewer: 'rita', accept: { item: { kind: 'relation', id: t.aliceRel.id } } })
    expect(goldOf(r.review)).toEqual({ spans: ['0:5:PERSON', '20:28:LOC'], relations: ['0:5>20:28:LOC:PART_OF'] })
    // The rejected GPE reading stays rejected (a GPE copy in gold would have made it "accepted").
    expect(r.review.open).toBe(0)
    t.store.close()
  })
})
