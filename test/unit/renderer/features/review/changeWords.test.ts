import { describe, expect, it } from 'vitest'
import { changeWords } from '../../../../../src/renderer/features/review/changeWords'

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
