import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cohenKappa } from '../../../../src/shared/agreement/cohenKappa'
import { fleissKappaOfRatings } from '../../../../src/shared/agreement/fleissKappa'
import { krippendorffAlphaNominal } from '../../../../src/shared/agreement/krippendorffAlpha'

const label = fc.constantFrom('O', 'B-PER', 'I-PER', 'B-ORG')
const close = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-9)

describe('agreement coefficients (properties)', () => {
  it("Cohen's kappa is symmetric, at most 1, and never NaN", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(label, label), { minLength: 1, maxLength: 40 }), (items) => {
        const a = items.map((x) => x[0])
        const b = items.map((x) => x[1])
        const k = cohenKappa(a, b)
        expect(close(k.value, cohenKappa(b, a).value)).toBe(true)
        if (k.value === null) expect(k.reason).toBeTruthy()
        else expect(k.value).toBeLessThanOrEqual(1 + 1e-12)
        expect(Number.isNaN(k.value)).toBe(false)
      }),
    )
  })

  it("Fleiss' kappa and Krippendorff's alpha do not depend on the raters' order", () => {
    fc.assert(
      fc.property(fc.array(fc.array(label, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }), (units) => {
        const reversed = units.map((u) => [...u].reverse())
        expect(close(fleissKappaOfRatings(units).value, fleissKappaOfRatings(reversed).value)).toBe(true)
        const coders = (us: string[][]) => [0, 1, 2].map((c) => us.map((u) => u[c]))
        expect(close(krippendorffAlphaNominal(coders(units)).value, krippendorffAlphaNominal(coders(reversed)).value)).toBe(true)
      }),
    )
  })

  it("two coders without missing values: α = 1 − (1 − Scott's π)·(n − 1)/n", () => {
    // Krippendorff (2011): for two coders without missing data, α = 1 − (1 − π)·n/(n − 1) where n counts values (2 × units).
    fc.assert(
      fc.property(fc.array(fc.tuple(label, label), { minLength: 2, maxLength: 40 }), (items) => {
        const a = items.map((x) => x[0])
        const b = items.map((x) => x[1])
        const alpha = krippendorffAlphaNominal([a, b]).value
        const pi = fleissKappaOfRatings(items.map(([x, y]) => [x, y])).value // Fleiss with 2 raters is Scott's π
        if (alpha === null || pi === null) {
          expect(alpha === null && pi === null).toBe(true)
          return
        }
        const n = 2 * items.length
        expect(alpha).toBeCloseTo(1 - ((1 - pi) * (n - 1)) / n, 9)
      }),
    )
  })
})
