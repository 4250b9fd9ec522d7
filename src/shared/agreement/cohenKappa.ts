import { CategoryIndex } from './categories'
import { defined, undefinedFigure } from './figure'
import type { Figure } from './figure'

/**
 * Cohen's kappa for two raters, from their contingency table:
 * κ = (pₒ − pₑ) / (1 − pₑ), with pₒ the observed agreement and pₑ the agreement
 * expected from each rater's own marginals (Cohen 1960; as scikit-learn's
 * `cohen_kappa_score`). Items are added one pair of category codes at a time.
 */
export class CohenAccumulator {
  // Dense k×k table of counts, grown as new category codes appear (codes are small: the tags of a schema).
  private k = 8
  private cells = new Float64Array(8 * 8)
  private readonly rowTotals: number[] = []
  private readonly colTotals: number[] = []
  private agreed = 0
  private total = 0

  add(a: number, b: number, weight = 1): void {
    if (a >= this.k || b >= this.k) this.grow(Math.max(a, b) + 1)
    this.cells[a * this.k + b] += weight
    this.rowTotals[a] = (this.rowTotals[a] ?? 0) + weight
    this.colTotals[b] = (this.colTotals[b] ?? 0) + weight
    if (a === b) this.agreed += weight
    this.total += weight
  }

  private grow(min: number): void {
    let k = this.k
    while (k < min) k *= 2
    const cells = new Float64Array(k * k)
    for (let a = 0; a < this.k; a++) for (let b = 0; b < this.k; b++) cells[a * k + b] = this.cells[a * this.k + b]
    this.k = k
    this.cells = cells
  }

  get items(): number {
    return this.total
  }

  /** Every non-empty cell as [a, b, count]. */
  *entries(): Generator<[number, number, number]> {
    for (let a = 0; a < this.k; a++) for (let b = 0; b < this.k; b++) if (this.cells[a * this.k + b]) yield [a, b, this.cells[a * this.k + b]]
  }

  kappa(): Figure {
    const n = this.total
    if (n === 0) return undefinedFigure('no items rated by both annotators')
    const po = this.agreed / n
    let pe = 0
    const k = Math.max(this.rowTotals.length, this.colTotals.length)
    for (let c = 0; c < k; c++) pe += ((this.rowTotals[c] ?? 0) / n) * ((this.colTotals[c] ?? 0) / n)
    if (pe >= 1 - 1e-12) return undefinedFigure('expected agreement is 1 (both annotators used a single category everywhere): kappa is undefined')
    return defined((po - pe) / (1 - pe))
  }
}

/** Cohen's kappa of two equally long rating lists. */
export function cohenKappa(a: readonly string[], b: readonly string[]): Figure {
  if (a.length !== b.length) throw new Error(`cohenKappa: the two raters rated ${a.length} and ${b.length} items; they must rate the same items`)
  const index = new CategoryIndex()
  const acc = new CohenAccumulator()
  for (let i = 0; i < a.length; i++) acc.add(index.code(a[i]), index.code(b[i]))
  return acc.kappa()
}
