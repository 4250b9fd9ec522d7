import { describe, expect, it } from 'vitest'
import { changeWords, placeOfChange } from '../../../../../src/renderer/features/review/changeWords'

const TEXT = 'Kerry met Michel in Brussels.'

describe('changeWords: a change since a review was done, as the review view names it', () => {
  it('names who, what, its label and its text; a relation by its ends', () => {
    expect(changeWords({ annotator: 'alice', change: 'deleted', kind: 'span', label: 'PERSON', start: 0, end: 5 }, TEXT)).toBe('alice deleted PERSON “Kerry”')
    expect(changeWords({ annotator: 'bob', change: 'added', kind: 'relation', label: 'PART_OF', start: 0, end: 5, tail: { start: 20, end: 28 } }, TEXT)).toBe(
      'bob added PART_OF “Kerry” → “Brussels”',
    )
    expect(changeWords({ annotator: 'bob', change: 'changed', kind: 'span', label: 'ORG', start: 0, end: 5 }, TEXT)).toBe('bob changed ORG “Kerry” (as it is now)')
    expect(changeWords({ annotator: 'carl', change: 'added', kind: 'layer' }, TEXT)).toBe('carl added a layer with no annotation')
    expect(changeWords({ annotator: 'carl', change: 'added', kind: 'span', label: 'MISC', start: 0, end: 40 }, 'x'.repeat(40))).toBe(`carl added MISC “${'x'.repeat(29)}…”`)
  })
})

describe('placeOfChange: the disagreement a change since the last finish is about', () => {
  const list = [
    { kind: 'span' as const, start: 0, end: 5 },
    { kind: 'relation' as const, start: 0, end: 28 },
    { kind: 'span' as const, start: 10, end: 28 },
    { kind: 'span' as const, start: 20, end: 28 },
  ]
  it('finds it by kind and extent, its exact extent first; a layer, or a place where the layers agree now, has none', () => {
    expect(placeOfChange(list, { annotator: 'bob', change: 'deleted', kind: 'span', label: 'PERSON', start: 0, end: 5 })).toBe(0)
    expect(placeOfChange(list, { annotator: 'bob', change: 'added', kind: 'span', label: 'GPE', start: 20, end: 28 })).toBe(3)
    expect(placeOfChange(list, { annotator: 'bob', change: 'changed', kind: 'span', label: 'GPE', start: 12, end: 14 })).toBe(2)
    expect(placeOfChange(list, { annotator: 'bob', change: 'deleted', kind: 'relation', label: 'PART_OF', start: 0, end: 5, tail: { start: 20, end: 28 } })).toBe(1)
    expect(placeOfChange(list, { annotator: 'bob', change: 'deleted', kind: 'span', label: 'PERSON', start: 30, end: 34 })).toBe(-1)
    expect(placeOfChange(list, { annotator: 'carl', change: 'added', kind: 'layer' })).toBe(-1)
  })
})
