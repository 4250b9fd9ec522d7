import { describe, expect, it } from 'vitest'
import { alignLayers, relationConsensus, spanConsensus } from '../../../../src/shared/review/alignment'
import type { AlignLayer } from '../../../../src/shared/review/alignment'

const layer = (annotator: string, spans: [number, number, number, string][], relations: [number, number, number, string][] = []): AlignLayer => ({
  annotator,
  spans: spans.map(([id, start, end, label]) => ({ id, start, end, label })),
  relations: relations.map(([id, headId, tailId, label]) => ({ id, headId, tailId, label })),
})

describe('alignLayers', () => {
  it('classifies groups as agreed, label, boundary and missing', () => {
    const a = layer('alice', [
      [1, 0, 5, 'PERSON'],
      [2, 10, 16, 'ORG'],
      [3, 20, 28, 'GPE'],
      [4, 40, 45, 'DATE'],
    ])
    const b = layer('bob', [
      [11, 0, 5, 'PERSON'],
      [12, 10, 16, 'GPE'],
      [13, 20, 25, 'GPE'],
    ])
    const al = alignLayers([a, b])
    expect(al.spanGroups.map((g) => [g.start, g.end, g.difference])).toEqual([
      [0, 5, 'agreed'],
      [10, 16, 'label'],
      [20, 28, 'boundary'],
      [40, 45, 'missing'],
    ])
    expect(al.spanGroups[3].missing).toEqual(['bob'])
    expect(al.spanGroups[1].items.map((i) => `${i.annotator}:${i.label}`).sort()).toEqual(['alice:ORG', 'bob:GPE'])
  })

  it('groups overlap transitively and keeps adjacent spans apart', () => {
    const al = alignLayers([layer('a', [[1, 0, 5, 'X'], [2, 5, 9, 'X']]), layer('b', [[3, 3, 7, 'X']])])
    expect(al.spanGroups).toHaveLength(1)
    expect(al.spanGroups[0]).toMatchObject({ start: 0, end: 9, difference: 'boundary' })
    const apart = alignLayers([layer('a', [[1, 0, 5, 'X'], [2, 5, 9, 'X']]), layer('b', [[3, 0, 5, 'X'], [4, 5, 9, 'X']])])
    expect(apart.spanGroups.map((g) => g.difference)).toEqual(['agreed', 'agreed'])
  })

  it('a group with the same extents in every layer but nested items counted per annotator', () => {
    const al = alignLayers([layer('a', [[1, 0, 10, 'ORG'], [2, 0, 4, 'GPE']]), layer('b', [[3, 0, 10, 'ORG']])])
    expect(al.spanGroups[0].difference).toBe('boundary')
  })

  it('compares relations through the extents of their spans', () => {
    const a = layer('a', [[1, 0, 5, 'PERSON'], [2, 10, 15, 'ORG'], [5, 20, 25, 'GPE']], [[1, 1, 2, 'AFFILIATED_WITH'], [2, 2, 5, 'LOCATED_IN']])
    // b labels the head differently: the relation still matches through the extent.
    const b = layer('b', [[3, 0, 5, 'NORP'], [4, 10, 15, 'ORG'], [6, 20, 25, 'GPE']], [[7, 3, 4, 'AFFILIATED_WITH'], [8, 4, 6, 'PART_OF']])
    const al = alignLayers([a, b])
    expect(al.relationGroups.map((g) => [g.key, g.difference])).toEqual([
      ['r0:5>10:15', 'agreed'],
      ['r10:15>20:25', 'label'],
    ])
    const c = layer('c', [[9, 0, 5, 'PERSON'], [10, 10, 15, 'ORG']])
    const three = alignLayers([a, b, c])
    expect(three.relationGroups[0]).toMatchObject({ difference: 'missing', missing: ['c'] })
  })

  it('no layers or empty layers give no groups', () => {
    expect(alignLayers([]).spanGroups).toEqual([])
    expect(alignLayers([layer('a', []), layer('b', [])]).spanGroups).toEqual([])
  })
})

describe('consensus for pre-merge', () => {
  const a = layer('a', [[1, 0, 5, 'PERSON'], [2, 10, 16, 'ORG']], [[1, 1, 2, 'AFFILIATED_WITH']])
  const b = layer('b', [[3, 0, 5, 'PERSON'], [4, 10, 16, 'GPE']], [[2, 3, 4, 'AFFILIATED_WITH']])
  const c = layer('c', [[5, 0, 5, 'PERSON'], [6, 10, 16, 'ORG']])

  it('takes items all annotators share at quorum N, and those k share at quorum k', () => {
    const al = alignLayers([a, b, c])
    expect(spanConsensus(al, 3).map((x) => [x.item.start, x.item.label, x.supporters])).toEqual([[0, 'PERSON', ['a', 'b', 'c']]])
    expect(spanConsensus(al, 2).map((x) => [x.item.start, x.item.label, x.supporters])).toEqual([
      [0, 'PERSON', ['a', 'b', 'c']],
      [10, 'ORG', ['a', 'c']],
    ])
    expect(relationConsensus(al, 2).map((x) => [x.item.label, x.supporters])).toEqual([['AFFILIATED_WITH', ['a', 'b']]])
    expect(relationConsensus(al, 3)).toEqual([])
  })

  it('rejected items do not count towards the quorum', () => {
    const al = alignLayers([a, b, c])
    expect(spanConsensus(al, 2, new Set(['c#6'])).map((x) => x.item.label)).toEqual(['PERSON'])
  })
})
