import { describe, expect, it } from 'vitest'
import { alignLayers } from '../../../../src/shared/review/alignment'
import type { AlignLayer } from '../../../../src/shared/review/alignment'
import { decideReview } from '../../../../src/shared/review/decisions'
import type { DecisionInput } from '../../../../src/shared/review/decisions'

const layer = (annotator: string, spans: [number, number, number, string][], relations: [number, number, number, string][] = []): AlignLayer => ({
  annotator,
  spans: spans.map(([id, start, end, label]) => ({ id, start, end, label })),
  relations: relations.map(([id, headId, tailId, label]) => ({ id, headId, tailId, label })),
})

type Gold = DecisionInput['gold']
const noGold: Gold = { spans: [], relations: [] }
const decide = (layers: AlignLayer[], gold: Gold = noGold, rejectedSpans: number[] = [], rejectedRelations: number[] = []) =>
  decideReview({ alignment: alignLayers(layers), gold, rejected: { spans: rejectedSpans, relations: rejectedRelations } })

// Three annotators: all agree on 0-5; a label split 10-16 (two say ORG, one GPE); a boundary split 20-28 / 20-25; 40-45 only alice.
const alice = layer('alice', [
  [1, 0, 5, 'PERSON'],
  [2, 10, 16, 'ORG'],
  [3, 20, 28, 'DATE'],
  [4, 40, 45, 'GPE'],
])
const bob = layer('bob', [
  [11, 0, 5, 'PERSON'],
  [12, 10, 16, 'ORG'],
  [13, 20, 25, 'DATE'],
])
const carol = layer('carol', [
  [21, 0, 5, 'PERSON'],
  [22, 10, 16, 'GPE'],
  [23, 20, 25, 'DATE'],
])

describe('decideReview', () => {
  it('makes identical readings one reading with every name, most supported first', () => {
    const d = decide([alice, bob, carol])
    expect(d.disagreements.map((x) => x.difference)).toEqual(['label', 'boundary', 'missing'])
    const label = d.disagreements[0]
    expect(label.readings.map((r) => [r.label, r.annotators, r.itemIds])).toEqual([
      ['ORG', ['alice', 'bob'], [2, 12]],
      ['GPE', ['carol'], [22]],
    ])
    const boundary = d.disagreements[1]
    expect(boundary.readings.map((r) => [r.start, r.end, r.annotators])).toEqual([
      [20, 25, ['bob', 'carol']],
      [20, 28, ['alice']],
    ])
    expect(d.disagreements[2]).toMatchObject({ missing: ['bob', 'carol'], readings: [{ label: 'GPE', annotators: ['alice'] }] })
    expect(d.open).toBe(3)
    expect(d.disagreements.every((x) => !x.resolved && x.readings.every((r) => r.state === 'open'))).toBe(true)
  })

  it('resolves a "missing" item as no annotation when its only reading is rejected', () => {
    const d = decide([alice, bob, carol], noGold, [4])
    expect(d.disagreements[2]).toMatchObject({ resolved: true, readings: [{ state: 'rejected' }] })
    expect(d.open).toBe(2)
  })

  it('ticks a boundary group only when each of its readings is accepted or rejected', () => {
    const accepted: Gold = { spans: [{ id: 90, start: 20, end: 25, label: 'DATE' }], relations: [] }
    const one = decide([alice, bob, carol], accepted)
    expect(one.disagreements[1].readings.map((r) => r.state)).toEqual(['accepted', 'open'])
    expect(one.disagreements[1].resolved).toBe(false)
    expect(one.open).toBe(3)
    const both = decide([alice, bob, carol], accepted, [3])
    expect(both.disagreements[1].readings.map((r) => r.state)).toEqual(['accepted', 'rejected'])
    expect(both.disagreements[1].resolved).toBe(true)
    expect(both.open).toBe(2)
  })

  it('a reading is rejected only when every annotator item of it is rejected', () => {
    const d = decide([alice, bob, carol], noGold, [2])
    expect(d.disagreements[0].readings[0]).toMatchObject({ label: 'ORG', state: 'open' })
    expect(decide([alice, bob, carol], noGold, [2, 12]).disagreements[0].readings[0].state).toBe('rejected')
  })

  it('counts an edited accept as deciding the reading it came from (by provenance)', () => {
    // carol's GPE accepted as LOC: gold has no GPE at 10-16, but its provenance names carol's item 22.
    const gold: Gold = { spans: [{ id: 90, start: 10, end: 16, label: 'LOC', provenance: { annotator: 'carol', itemId: '22' } }], relations: [] }
    const d = decide([alice, bob, carol], gold, [2, 12])
    expect(d.disagreements[0].readings.map((r) => [r.label, r.state])).toEqual([
      ['ORG', 'rejected'],
      ['GPE', 'accepted'],
    ])
    expect(d.disagreements[0].resolved).toBe(true)
    // A provenance naming another annotator's item with the same id does not count.
    const wrong: Gold = { spans: [{ ...gold.spans[0], provenance: { annotator: 'alice', itemId: '22' } }], relations: [] }
    expect(decide([alice, bob, carol], wrong, [2, 12]).disagreements[0].resolved).toBe(false)
  })

  it('an accepted reading that is also rejected counts as accepted (gold wins)', () => {
    const gold: Gold = { spans: [{ id: 90, start: 40, end: 45, label: 'GPE' }], relations: [] }
    expect(decide([alice, bob, carol], gold, [4]).disagreements[2].readings[0].state).toBe('accepted')
  })

  it('decides relation readings by their ends and label, and reaches zero open', () => {
    const a = layer('alice', [[1, 0, 5, 'PERSON'], [2, 10, 16, 'ORG']], [[5, 1, 2, 'WORKS_FOR']])
    const b = layer('bob', [[11, 0, 5, 'PERSON'], [12, 10, 16, 'ORG']], [[15, 11, 12, 'MEMBER_OF']])
    const c = layer('carol', [[21, 0, 5, 'PERSON'], [22, 10, 16, 'ORG']], [[25, 21, 22, 'WORKS_FOR']])
    const d = decide([a, b, c])
    expect(d.disagreements).toHaveLength(1)
    expect(d.disagreements[0]).toMatchObject({ kind: 'relation', difference: 'label', start: 0, end: 16 })
    expect(d.disagreements[0].readings.map((r) => [r.label, r.annotators])).toEqual([
      ['WORKS_FOR', ['alice', 'carol']],
      ['MEMBER_OF', ['bob']],
    ])
    const gold: Gold = {
      spans: [
        { id: 91, start: 0, end: 5, label: 'PERSON' },
        { id: 92, start: 10, end: 16, label: 'ORG' },
      ],
      relations: [{ headId: 91, tailId: 92, label: 'WORKS_FOR' }],
    }
    expect(decide([a, b, c], gold).open).toBe(1)
    expect(decide([a, b, c], gold, [], [15])).toMatchObject({ open: 0, disagreements: [{ resolved: true }] })
    // The same label the other way round is another reading, not this one.
    const reversed: Gold = { ...gold, relations: [{ headId: 92, tailId: 91, label: 'WORKS_FOR' }] }
    expect(decide([a, b, c], reversed, [], [15]).open).toBe(1)
  })

  it('agreeing layers have nothing to decide', () => {
    expect(decide([layer('a', [[1, 0, 5, 'X']]), layer('b', [[2, 0, 5, 'X']])])).toEqual({ disagreements: [], open: 0 })
    expect(decide([])).toEqual({ disagreements: [], open: 0 })
  })
})
