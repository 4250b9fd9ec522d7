import { CategoryIndex } from './categories'
import { defined, undefinedFigure } from './figure'
import type { Figure } from './figure'
import { countOf } from '../text/plural'

/**
 * Fleiss' kappa (Fleiss 1971) for a fixed number of raters per subject:
 * Pᵢ = (Σⱼ nᵢⱼ² − n) / (n(n − 1)), P̄ the mean of Pᵢ, pⱼ the share of all
 * ratings in category j, P̄ₑ = Σⱼ pⱼ², κ = (P̄ − P̄ₑ) / (1 − P̄ₑ).
 * Every subject must have the same number of ratings n ≥ 2; subjects with a
 * missing rater belong to Krippendorff's alpha instead.
 */
export class FleissAccumulator {
  private raters = 0
  private subjects = 0
  private sumP = 0
  private readonly categoryTotals: number[] = []

  /** One subject (or `weight` identical subjects), as the category code each rater gave (order irrelevant). */
  addRatings(codes: ArrayLike<number>, weight = 1): void {
    const n = codes.length
    this.checkRaters(n)
    let sameOrdered = 0 // Σⱼ nᵢⱼ² counted as ordered pairs (i, j) with equal codes, self-pairs included
    for (let i = 0; i < n; i++) {
      const c = codes[i]
      this.categoryTotals[c] = (this.categoryTotals[c] ?? 0) + weight
      for (let j = 0; j < n; j++) if (codes[j] === c) sameOrdered++
    }
    this.sumP += (weight * (sameOrdered - n)) / (n * (n - 1))
    this.subjects += weight
  }

  /** One subject, as how many raters chose each category (Fleiss' table row). */
  addCounts(counts: ArrayLike<number>): void {
    let n = 0
    let sq = 0
    for (let c = 0; c < counts.length; c++) {
      n += counts[c]
      sq += counts[c] * counts[c]
      this.categoryTotals[c] = (this.categoryTotals[c] ?? 0) + counts[c]
    }
    this.checkRaters(n)
    this.sumP += (sq - n) / (n * (n - 1))
    this.subjects++
  }

  private checkRaters(n: number): void {
    if (n < 2) throw new Error(`Fleiss' kappa: subject ${this.subjects + 1} has ${countOf(n, 'rating')}; each needs at least 2`)
    if (this.raters && n !== this.raters) {
      throw new Error(`Fleiss' kappa: subject ${this.subjects + 1} has ${n} ratings but earlier subjects have ${this.raters}; every subject needs the same number`)
    }
    this.raters = n
  }

  get items(): number {
    return this.subjects
  }

  kappa(): Figure {
    if (this.subjects === 0) return undefinedFigure('no items rated by every annotator')
    const total = this.subjects * this.raters
    const pBar = this.sumP / this.subjects
    let pe = 0
    for (const t of this.categoryTotals) if (t) pe += (t / total) ** 2
    if (pe >= 1 - 1e-12) return undefinedFigure('expected agreement is 1 (a single category everywhere): kappa is undefined')
    return defined((pBar - pe) / (1 - pe))
  }
}

/** Fleiss' kappa of a subjects × categories table of rating counts. */
export function fleissKappa(table: readonly (readonly number[])[]): Figure {
  const acc = new FleissAccumulator()
  for (const row of table) acc.addCounts(row)
  return acc.kappa()
}

/** Fleiss' kappa of subjects × raters labels. */
export function fleissKappaOfRatings(subjects: readonly (readonly string[])[]): Figure {
  const index = new CategoryIndex()
  const acc = new FleissAccumulator()
  for (const s of subjects) acc.addRatings(s.map((x) => index.code(x)))
  return acc.kappa()
}
