import { describe, expect, it } from 'vitest'
import { cohenKappa } from '../../../../src/shared/agreement/cohenKappa'
import { fleissKappa, fleissKappaOfRatings } from '../../../../src/shared/agreement/fleissKappa'
import { krippendorffAlphaNominal } from '../../../../src/shared/agreement/krippendorffAlpha'

const rep = (x: string, n: number) => new Array<string>(n).fill(x)

describe("Cohen's kappa", () => {
  it("matches Wikipedia's 50 grant proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no gives κ = 0.4", () => {
    // pₒ = 35/50 = 0.7; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
    const a = [...rep('yes', 20), ...rep('yes', 5), ...rep('no', 10), ...rep('no', 15)]
    const b = [...rep('yes', 20), ...rep('no', 5), ...rep('yes', 10), ...rep('no', 15)]
    const k = cohenKappa(a, b)
    expect(k.reason).toBeNull()
    expect(k.value).toBeCloseTo(0.4, 12)
  })

  it('is 1 for perfect agreement and negative for total disagreement', () => {
    expect(cohenKappa(['x', 'y', 'x', 'z'], ['x', 'y', 'x', 'z']).value).toBeCloseTo(1, 12)
    // pₒ = 0, pₑ = 0.5·0.5·2 = 0.5 → κ = −1
    expect(cohenKappa(['x', 'y', 'x', 'y'], ['y', 'x', 'y', 'x']).value).toBeCloseTo(-1, 12)
  })

  it('is null with a reason when both raters use a single label everywhere (never NaN)', () => {
    const k = cohenKappa(rep('O', 10), rep('O', 10))
    expect(k.value).toBeNull()
    expect(k.reason).toMatch(/expected agreement is 1/)
    expect(cohenKappa([], []).reason).toMatch(/no items/)
  })

  it('refuses rating lists of different lengths', () => {
    expect(() => cohenKappa(['a'], ['a', 'b'])).toThrow(/same items/)
  })
})

describe("Fleiss' kappa", () => {
  it("reproduces Fleiss' (1971) 10 subjects × 14 raters example (Wikipedia): P̄ = 0.378, P̄ₑ = 0.213, κ ≈ 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ]
    const k = fleissKappa(table)
    expect(k.value).toBeCloseTo(0.20993, 4)
    // The same data as rater-by-rater labels gives the same kappa.
    const ratings = table.map((row) => row.flatMap((n, c) => rep(`c${c}`, n)))
    expect(fleissKappaOfRatings(ratings).value).toBeCloseTo(k.value!, 12)
  })

  it('is 1 for perfect agreement, null with a reason for a single label everywhere', () => {
    expect(fleissKappaOfRatings([['a', 'a', 'a'], ['b', 'b', 'b']]).value).toBeCloseTo(1, 12)
    const single = fleissKappaOfRatings([['O', 'O', 'O'], ['O', 'O', 'O']])
    expect(single.value).toBeNull()
    expect(single.reason).toMatch(/single category/)
  })

  it('is negative for total disagreement between two raters', () => {
    // P̄ = 0; pⱼ = 0.5 each → P̄ₑ = 0.5; κ = −1
    expect(fleissKappaOfRatings([['a', 'b'], ['b', 'a']]).value).toBeCloseTo(-1, 12)
  })

  it('refuses subjects with different numbers of raters, naming the subject', () => {
    expect(() => fleissKappaOfRatings([['a', 'b', 'a'], ['a', 'b']])).toThrow(/subject 2 has 2 ratings but earlier subjects have 3/)
  })
})

describe("Krippendorff's alpha (nominal)", () => {
  it("reproduces Krippendorff (2011)'s 4 coders × 12 units example with missing values: α = 0.743", () => {
    const _ = null
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]
    const a = krippendorffAlphaNominal(data)
    expect(a.value).toBeCloseTo(0.743, 3)
    // Unit 12 has a single value: not pairable, so dropping it changes nothing.
    expect(krippendorffAlphaNominal(data.map((r) => r.slice(0, 11))).value).toBeCloseTo(a.value!, 12)
  })

  it('equals 1 for perfect agreement and is null with a reason for a single value everywhere', () => {
    expect(krippendorffAlphaNominal([['a', 'b', 'c'], ['a', 'b', 'c']]).value).toBeCloseTo(1, 12)
    const single = krippendorffAlphaNominal([['O', 'O'], ['O', 'O']])
    expect(single.value).toBeNull()
    expect(single.reason).toMatch(/same category/)
    expect(krippendorffAlphaNominal([['a', null], [null, 'b']]).reason).toMatch(/two or more/)
  })

  it('is below 0 for total disagreement (two coders, two values, swapped)', () => {
    // n = 4, o_ab = o_ba = 2 → α = 1 − 3·4 / (16 − 8) = −0.5
    expect(krippendorffAlphaNominal([['a', 'b'], ['b', 'a']]).value).toBeCloseTo(-0.5, 12)
  })

  it('ignores a coder who never saw a unit (missing values) instead of counting a disagreement', () => {
    const full = krippendorffAlphaNominal([['a', 'b', 'a', 'b'], ['a', 'b', 'a', 'a']])
    const withAbsent = krippendorffAlphaNominal([['a', 'b', 'a', 'b'], ['a', 'b', 'a', 'a'], [null, null, null, null]])
    expect(withAbsent.value).toBeCloseTo(full.value!, 12)
  })
})
