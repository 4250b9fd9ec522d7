import { describe, expect, it } from 'vitest'
import type { ReviewData, ReviewLayer } from '../../../../../src/shared/api/methods/review'
import type { Relation, Span } from '../../../../../src/shared/domain/model'
import { alignLayers } from '../../../../../src/shared/review/alignment'
import { buildMergedModel } from '../../../../../src/renderer/features/review/mergedModel'
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
    layers,
    gold,
    alignment: alignLayers(layers),
    rejected: { spans: rejected, relations: [] },
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
    expect(m.decorate[13].title).toContain('bob labelled LOC')
    expect(m.relations).toEqual([expect.objectContaining({ id: 1, headId: 1, tailId: 2 })])
    expect(m.agreedSpans).toBe(2)
    expect(m.agreedRelations).toBe(1)
    expect(m.disagreements).toHaveLength(1)
    expect(m.disagreements[0]).toMatchObject({ kind: 'span', difference: 'label', resolved: false })
    expect(m.disagreements[0].candidates.map((c) => `${c.annotator}:${c.label}`)).toEqual(['alice:GPE', 'bob:LOC'])
  })

  it('marks rejected items and what gold already covers', () => {
    const gold: ReviewLayer = { annotator: 'gold', spans: [span(21, 'gold', 20, 28, 'GPE')], relations: [] }
    const m = buildMergedModel(data([alice, bob], gold, [13]))
    const d = m.disagreements[0]
    expect(d.resolved).toBe(true)
    expect(d.candidates.find((c) => c.annotator === 'bob')).toMatchObject({ rejected: true, inGold: false })
    expect(d.candidates.find((c) => c.annotator === 'alice')).toMatchObject({ rejected: false, inGold: true })
    expect(m.decorate[13].className).toContain('sw-span--rejected')
  })

  it('lists relation disagreements in text order with the spans to highlight', () => {
    const carol: ReviewLayer = { annotator: 'carol', spans: [span(31, 'carol', 0, 5, 'PERSON'), span(32, 'carol', 10, 16, 'PERSON'), span(33, 'carol', 20, 28, 'GPE')], relations: [] }
    const m = buildMergedModel(data([alice, carol]))
    expect(m.disagreements).toEqual([expect.objectContaining({ kind: 'relation', difference: 'missing', missing: ['carol'], spanIds: [1, 2] })])
  })
})
