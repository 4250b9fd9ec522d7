import { describe, expect, it } from 'vitest'
import type { ReviewData, ReviewLayer } from '../../../../../src/shared/api/methods/review'
import type { Relation, Span } from '../../../../../src/shared/domain/model'
import { alignLayers } from '../../../../../src/shared/review/alignment'
import { annotatorMarks } from '../../../../../src/renderer/features/review/annotatorMarks'
import { buildMergedModel, nextOpenDisagreement, nextOpenReading } from '../../../../../src/renderer/features/review/mergedModel'
import { spanFixture } from '../../../../helpers/spanFixture'

const span = (id: number, annotator: string, start: number, end: number, label: string): Span => spanFixture({ id, annotator, start, end, label })
const relation = (id: number, annotator: string, headId: number, tailId: number, label: string): Relation => ({
  id,
  documentId: 1,
  annotator,
  label,
  headId,
  tailId,
  kind: 'binary',
  attributes: {},
  note: '',
  sourceId: null,
  createdAt: '',
})

function data(layers: ReviewLayer[], gold: ReviewLayer = { annotator: 'gold', spans: [], relations: [] }, rejected: number[] = []): ReviewData {
  return {
    document: { id: 1, externalId: 'd', title: 'd', text: 'Kerry met Michel in Brussels on Friday.', textHash: '', meta: {} },
    status: 'unreviewed',
    changedSinceDone: 0,
    layers,
    gold,
    alignment: alignLayers(layers),
    rejected: { spans: rejected, relations: [] },
    open: 0,
  }
}

describe('the merged review model', () => {
  const alice: ReviewLayer = { annotator: 'alice', spans: [span(1, 'alice', 0, 5, 'PERSON'), span(2, 'alice', 10, 16, 'PERSON'), span(3, 'alice', 20, 28, 'GPE')], relations: [relation(1, 'alice', 1, 2, 'PART_OF')] }
  const bob: ReviewLayer = { annotator: 'bob', spans: [span(11, 'bob', 0, 5, 'PERSON'), span(12, 'bob', 10, 16, 'PERSON'), span(13, 'bob', 20, 28, 'LOC')], relations: [relation(2, 'bob', 11, 12, 'PART_OF')] }

  it('draws agreed items once and every differing item, with relations re-pointed at the drawn spans', () => {
    const m = buildMergedModel(data([alice, bob]))
    expect(m.spans.map((s) => s.id)).toEqual([1, 2, 3, 13])
    expect(m.decorate[1].className).toContain('sw-span--agreed')
    expect(m.decorate[13].className).toContain('sw-span--differs')
    expect(m.decorate[13]).toMatchObject({ tag: 'LOC · b', title: expect.stringContaining('LOC by bob') })
    expect(m.relations).toEqual([expect.objectContaining({ id: 1, headId: 1, tailId: 2 })])
    expect(m.agreedSpans).toBe(2)
    expect(m.agreedRelations).toBe(1)
    expect(m.disagreements).toHaveLength(1)
    expect(m.disagreements[0]).toMatchObject({ kind: 'span', difference: 'label', resolved: false })
    expect(m.disagreements[0].readings.map((r) => `${r.annotators}:${r.label}`)).toEqual(['alice:GPE', 'bob:LOC'])
    expect(m.open).toBe(1)
  })

  it('marks rejected and accepted readings; a disagreement is resolved only when every reading is decided', () => {
    const gold: ReviewLayer = { annotator: 'gold', spans: [span(21, 'gold', 20, 28, 'GPE')], relations: [] }
    const acceptedOnly = buildMergedModel(data([alice, bob], gold))
    expect(acceptedOnly.disagreements[0].resolved).toBe(false)
    expect(acceptedOnly.open).toBe(1)
    const m = buildMergedModel(data([alice, bob], gold, [13]))
    const d = m.disagreements[0]
    expect(d.resolved).toBe(true)
    expect(m.open).toBe(0)
    expect(d.readings.map((r) => [r.annotators[0], r.state])).toEqual([
      ['alice', 'accepted'],
      ['bob', 'rejected'],
    ])
    expect(m.decorate[13].className).toContain('sw-span--rejected')
    expect(m.decorate[3].className).toContain('sw-span--accepted')
  })

  it('draws one tag per distinct reading with the annotators who gave it, not one per annotator', () => {
    const carol: ReviewLayer = { annotator: 'carol', spans: [span(31, 'carol', 0, 5, 'PERSON'), span(32, 'carol', 10, 16, 'PERSON'), span(33, 'carol', 20, 28, 'LOC')], relations: [relation(3, 'carol', 31, 32, 'PART_OF')] }
    const m = buildMergedModel(data([alice, bob, carol]))
    // 20-28: GPE (alice) and LOC (bob, carol): two drawn spans, not three.
    const drawn = m.spans.filter((s) => s.start === 20)
    expect(drawn).toHaveLength(2)
    expect(drawn.map((s) => m.decorate[s.id].tag).sort()).toEqual(['GPE · a', 'LOC · b c'])
    // Agreed spans keep the plain label (no names) and are drawn once; the agreed relation once.
    expect(m.spans.filter((s) => s.start === 0)).toHaveLength(1)
    expect(m.decorate[1].tag).toBeUndefined()
    expect(m.relations).toHaveLength(1)
    expect(m.disagreements[0].spanIds).toHaveLength(2)
  })

  it('draws one arc per distinct relation reading', () => {
    const carol: ReviewLayer = { annotator: 'carol', spans: alice.spans.map((s) => ({ ...s, id: s.id + 30, annotator: 'carol' })), relations: [relation(3, 'carol', 31, 32, 'MEMBER_OF')] }
    const dave: ReviewLayer = { annotator: 'dave', spans: alice.spans.map((s) => ({ ...s, id: s.id + 40, annotator: 'dave' })), relations: [relation(4, 'dave', 41, 42, 'MEMBER_OF')] }
    const ann: ReviewLayer = { ...alice, annotator: 'ann', spans: alice.spans.map((s) => ({ ...s, id: s.id + 50, annotator: 'ann' })), relations: [relation(5, 'ann', 51, 52, 'PART_OF')] }
    const m = buildMergedModel(data([alice, ann, carol, dave]))
    expect(m.relations.map((r) => r.label).sort()).toEqual(['MEMBER_OF', 'PART_OF'])
    const d = m.disagreements.find((x) => x.kind === 'relation')!
    expect(d.readings.map((r) => [r.label, r.annotators])).toEqual([
      ['MEMBER_OF', ['carol', 'dave']],
      ['PART_OF', ['alice', 'ann']],
    ])
    expect(m.marks).toEqual(new Map([['alice', 'al'], ['ann', 'an'], ['carol', 'c'], ['dave', 'd']]))
  })

  it('lists relation disagreements in text order with the spans to highlight', () => {
    const carol: ReviewLayer = { annotator: 'carol', spans: [span(31, 'carol', 0, 5, 'PERSON'), span(32, 'carol', 10, 16, 'PERSON'), span(33, 'carol', 20, 28, 'GPE')], relations: [] }
    const m = buildMergedModel(data([alice, carol]))
    expect(m.disagreements).toEqual([expect.objectContaining({ kind: 'relation', difference: 'missing', missing: ['carol'], spanIds: [1, 2] })])
  })
})

describe('annotator marks and stepping to open items', () => {
  it('gives each annotator the shortest prefix no other name shares', () => {
    expect(annotatorMarks(['alice', 'bob', 'carol'])).toEqual(new Map([['alice', 'a'], ['bob', 'b'], ['carol', 'c']]))
    expect(annotatorMarks(['Anna', 'ari', 'ann'])).toEqual(new Map([['Anna', 'anna'], ['ari', 'ar'], ['ann', 'ann']]))
    expect(annotatorMarks(['עדי', 'עמית'])).toEqual(new Map([['עדי', 'עד'], ['עמית', 'עמ']]))
  })

  it('finds the next open reading and the next open disagreement, wrapping, or -1', () => {
    const layers: ReviewLayer[] = [
      { annotator: 'a', spans: [span(1, 'a', 0, 5, 'X'), span(2, 'a', 10, 15, 'X')], relations: [] },
      { annotator: 'b', spans: [span(11, 'b', 0, 5, 'Y'), span(12, 'b', 10, 15, 'Y')], relations: [] },
    ]
    const m = buildMergedModel(data(layers, undefined, [1]))
    expect(m.disagreements[0].readings.map((r) => r.state)).toEqual(['rejected', 'open'])
    expect(nextOpenReading(m.disagreements[0], 0)).toBe(1)
    expect(nextOpenReading(undefined, 0)).toBe(-1)
    expect(nextOpenDisagreement(m.disagreements, 0)).toBe(1)
    expect(nextOpenDisagreement(m.disagreements, 1)).toBe(0)
    const done = buildMergedModel(data(layers, undefined, [1, 11, 2, 12]))
    expect(nextOpenDisagreement(done.disagreements, 0)).toBe(-1)
    expect(nextOpenReading(done.disagreements[0], 0)).toBe(-1)
  })
})
