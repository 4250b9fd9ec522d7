// Review sees a discontinuous span and a contiguous one over the same range as two readings: they label other
// words ("and right" in "[left] and right [ventricles]"). Before, both had the key start:end:label, so the review
// called them agreed, pre-merge counted both annotators for one of them, and span F1 counted an exact match.
import { describe, expect, it } from 'vitest'
import { AgreementBuilder } from '../../../../src/shared/agreement/corpusAgreement'
import { matchExact } from '../../../../src/shared/agreement/spanMatching'
import { alignLayers, spanConsensus, spanKey } from '../../../../src/shared/review/alignment'
import type { AlignLayer, AlignSpan } from '../../../../src/shared/review/alignment'
import { decideReview } from '../../../../src/shared/review/decisions'

const TEXT = 'The left and right ventricles failed.'
const at = (w: string): [number, number] => [TEXT.indexOf(w), TEXT.indexOf(w) + w.length]
const START = at('left')[0]
const END = at('ventricles')[1]
const split = (id: number, fragments = [at('left'), at('ventricles')]): AlignSpan => ({ id, start: START, end: END, label: 'ANAT', fragments })
const whole = (id: number): AlignSpan => ({ id, start: START, end: END, label: 'ANAT' })
const layer = (annotator: string, ...spans: AlignSpan[]): AlignLayer => ({ annotator, spans, relations: [] })

describe('a discontinuous span beside a contiguous one over the same range', () => {
  it('is a boundary disagreement, with no consensus, and no exact span match', () => {
    const al = alignLayers([layer('alice', split(1)), layer('bob', whole(2))])
    expect(al.spanGroups.map((g) => g.difference)).toEqual(['boundary'])
    expect(spanConsensus(al, 2)).toEqual([])
    expect(matchExact([split(1)], [whole(2)]).size).toBe(0)
    const { disagreements } = decideReview({ alignment: al, gold: { spans: [], relations: [] }, rejected: { spans: [], relations: [] } })
    expect(disagreements[0].readings.map((r) => r.annotators)).toEqual([['alice'], ['bob']])
  })

  it("gold holding alice's fragments has not accepted bob's contiguous reading", () => {
    const al = alignLayers([layer('alice', split(1)), layer('bob', whole(2))])
    const gold = { spans: [{ ...split(9), annotator: 'gold' }], relations: [] }
    const { disagreements } = decideReview({ alignment: al, gold, rejected: { spans: [], relations: [] } })
    expect(disagreements[0].readings.map((r) => [r.annotators[0], r.state])).toEqual([
      ['alice', 'accepted'],
      ['bob', 'open'],
    ])
  })

  it('the same fragments, in any order, agree; keys of contiguous spans are unchanged', () => {
    const al = alignLayers([layer('alice', split(1)), layer('bob', split(2, [at('ventricles'), at('left')]))])
    expect(al.spanGroups.map((g) => g.difference)).toEqual(['agreed'])
    expect(spanConsensus(al, 2).map((c) => c.supporters)).toEqual([['alice', 'bob']])
    expect(matchExact([split(1)], [split(2, [at('ventricles'), at('left')])]).size).toBe(1)
    expect(spanKey(whole(1))).toBe(`${START}:${END}:ANAT`)
    expect(spanKey({ ...whole(1), fragments: [[START, END]] })).toBe(`${START}:${END}:ANAT`)
  })

  it('a relation on it and one on the contiguous span are two relations, in review and relation F1', () => {
    const failed: AlignSpan = { id: 5, start: at('failed')[0], end: at('failed')[1], label: 'EVENT' }
    const withRelation = (annotator: string, head: AlignSpan, tailId: number): AlignLayer => ({
      annotator,
      spans: [head, { ...failed, id: tailId }],
      relations: [{ id: 100 + tailId, headId: head.id, tailId, label: 'HAS' }],
    })
    const al = alignLayers([withRelation('alice', split(1), 5), withRelation('bob', whole(2), 6)])
    expect(al.relationGroups.map((g) => [g.difference, g.items.map((i) => i.annotator)])).toEqual([
      ['missing', ['alice']],
      ['missing', ['bob']],
    ])
    const f1 = new AgreementBuilder(['alice', 'bob'])
    f1.addDocument({ id: 1, externalId: 'd', title: '', text: TEXT }, [
      { spans: [split(1), failed], relations: [{ head: 0, tail: 1, label: 'HAS' }] },
      { spans: [whole(2), failed], relations: [{ head: 0, tail: 1, label: 'HAS' }] },
    ])
    expect(f1.report().pairs[0].relationF1).toBe(0)
    // The same fragments: one relation.
    const same = alignLayers([withRelation('alice', split(1), 5), withRelation('bob', split(2), 6)])
    expect(same.relationGroups.map((g) => g.difference)).toEqual(['agreed'])
  })
})
