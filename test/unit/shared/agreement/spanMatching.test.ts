import { describe, expect, it } from 'vitest'
import { F1Counts } from '../../../../src/shared/agreement/f1Counts'
import { addRelationComparison } from '../../../../src/shared/agreement/relationF1'
import { spanF1 } from '../../../../src/shared/agreement/spanF1'
import { matchExact, matchOverlap } from '../../../../src/shared/agreement/spanMatching'

const s = (start: number, end: number, label = 'PERSON') => ({ start, end, label })

describe('span matching', () => {
  it('exact: same start, end and label, one-to-one even with duplicates', () => {
    const a = [s(0, 5), s(0, 5), s(10, 16), s(20, 28, 'GPE')]
    const b = [s(0, 5), s(10, 16, 'ORG'), s(20, 28, 'GPE')]
    const m = matchExact(a, b)
    expect([...m.entries()].sort()).toEqual([
      [0, 0],
      [3, 2],
    ])
    const f = spanF1('exact', a, b)
    // tp = 2, |A| = 4, |B| = 3 → F1 = 4/7
    expect(f.f1().value).toBeCloseTo(4 / 7, 12)
    expect(f.labelF1('GPE').value).toBe(1)
    expect(f.labelF1('ORG').value).toBe(0)
  })

  it('overlap: same label and shared characters; exact matches first, then largest overlap, one-to-one', () => {
    // b[0] overlaps a[0] by 3 and a[1] by 4: it goes to a[1]; a[0] stays unmatched.
    const a = [s(0, 5), s(4, 12), s(20, 25, 'GPE'), s(30, 35)]
    const b = [s(2, 8), s(20, 25, 'GPE'), s(33, 40, 'ORG')]
    const m = matchOverlap(a, b)
    expect(m.get(1)).toBe(0)
    expect(m.get(0)).toBeUndefined()
    expect(m.get(2)).toBe(1)
    expect(m.has(3)).toBe(false) // label differs
    // Touching ranges (end == start) do not overlap.
    expect(matchOverlap([s(0, 5)], [s(5, 9)]).size).toBe(0)
  })

  it('overlap finds candidates that start long before (a long span covering a short one)', () => {
    const a = [s(0, 100), s(200, 201)]
    const b = [s(150, 160), s(90, 95), s(199, 205)]
    const m = matchOverlap(a, b)
    expect(m.get(0)).toBe(1)
    expect(m.get(1)).toBe(2)
  })

  it('F1 is null with a reason when neither side has spans', () => {
    const f = spanF1('overlap', [], [])
    expect(f.f1()).toEqual({ value: null, reason: expect.stringMatching(/neither annotator/) })
  })
})

describe('relation F1: same label between ends of the same extents (relationIdentity.ts)', () => {
  it('matches a relation whose ends have the same extents and whose label agrees, whatever the ends are labelled; overlapping ends are other relations', () => {
    const a = [s(0, 5), s(10, 16, 'ORG'), s(20, 28, 'GPE')]
    const b = [s(20, 28, 'LOC'), s(0, 4), s(10, 16, 'ORG'), s(0, 5, 'NORP')]
    const counts = new F1Counts('relations')
    const matched = addRelationComparison(
      counts,
      {
        spans: a,
        relations: [
          { head: 0, tail: 1, label: 'AFFILIATED_WITH' },
          { head: 1, tail: 2, label: 'LOCATED_IN' },
          { head: 2, tail: 1, label: 'PART_OF' },
          { head: 0, tail: 2, label: 'LOCATED_IN' },
        ],
      },
      {
        spans: b,
        relations: [
          { head: 1, tail: 2, label: 'AFFILIATED_WITH' }, // head 0-4 only overlaps a's 0-5: another relation
          { head: 2, tail: 0, label: 'PART_OF' }, // same ends as the second, other label
          { head: 2, tail: 0, label: 'PART_OF' }, // the third's ends, reversed: no match
          { head: 3, tail: 0, label: 'LOCATED_IN' }, // the fourth: ends labelled NORP/LOC, not PERSON/GPE: still agreed
        ],
      },
    )
    expect(matched).toBe(1)
    expect(counts.f1().value).toBeCloseTo(2 / 8, 12)
    expect(counts.labelF1('LOCATED_IN').value).toBeCloseTo(2 / 3, 12)
    expect(counts.labelF1('AFFILIATED_WITH').value).toBe(0)
  })
})
