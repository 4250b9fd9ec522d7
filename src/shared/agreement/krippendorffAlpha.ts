import { CategoryIndex, MISSING } from './categories'
import { defined, undefinedFigure } from './figure'
import type { Figure } from './figure'

/**
 * Krippendorff's alpha for nominal data with missing values (Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability", 2011; as NLTK's
 * `AnnotationTask.alpha`). Units with fewer than two values are not pairable
 * and contribute nothing. From the coincidence matrix o:
 * α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, n the number of pairable values.
 * Each unit adds its disagreeing ordered value pairs / (m_u − 1).
 */
export class KrippendorffNominalAccumulator {
  private disagreement = 0 // Σ_{c≠k} o_ck
  private readonly valueTotals: number[] = [] // n_c
  private pairable = 0 // n
  private units = 0

  /** One unit (or `weight` identical units): the category code each coder gave, MISSING for a coder with no value. */
  addUnit(codes: ArrayLike<number>, weight = 1): void {
    let m = 0
    for (let i = 0; i < codes.length; i++) if (codes[i] !== MISSING) m++
    if (m < 2) return
    let differ = 0
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]
      if (c === MISSING) continue
      this.valueTotals[c] = (this.valueTotals[c] ?? 0) + weight
      for (let j = 0; j < codes.length; j++) if (codes[j] !== MISSING && codes[j] !== c) differ++
    }
    this.disagreement += (weight * differ) / (m - 1)
    this.pairable += weight * m
    this.units += weight
  }

  get items(): number {
    return this.units
  }

  alpha(): Figure {
    const n = this.pairable
    if (n === 0) return undefinedFigure('no unit has values from two or more annotators')
    let sumSq = 0
    for (const t of this.valueTotals) if (t) sumSq += t * t
    const expected = n * n - sumSq // Σ_{c≠k} n_c·n_k
    if (expected === 0) return undefinedFigure('every value is the same category, so expected disagreement is 0: alpha is undefined')
    return defined(1 - ((n - 1) * this.disagreement) / expected)
  }
}

/**
 * Krippendorff's nominal alpha of a reliability data matrix: one row per coder,
 * one column per unit, `null` where a coder gave no value.
 */
export function krippendorffAlphaNominal(data: readonly (readonly (string | number | null)[])[]): Figure {
  const index = new CategoryIndex()
  const width = Math.max(0, ...data.map((r) => r.length))
  const acc = new KrippendorffNominalAccumulator()
  const unit = new Array<number>(data.length)
  for (let u = 0; u < width; u++) {
    for (let c = 0; c < data.length; c++) {
      const v = data[c][u]
      unit[c] = v === null || v === undefined ? MISSING : index.code(String(v))
    }
    acc.addUnit(unit)
  }
  return acc.alpha()
}
