import { ratio } from './figure'
import type { Figure } from './figure'

/**
 * Matched items and the two sides' totals, per label. Pairwise F1 is
 * symmetric: with tp matches, F1 = 2·tp / (|A| + |B|), the harmonic mean of
 * precision tp/|B| and recall tp/|A| whichever side is taken as reference.
 */
export class F1Counts {
  matched = 0
  a = 0
  b = 0
  readonly perLabel = new Map<string, { matched: number; a: number; b: number }>()

  /** `what` names the items in the reason for an undefined F1 ("spans", "relations"). */
  constructor(private readonly what = 'items') {}

  private entry(label: string) {
    let e = this.perLabel.get(label)
    if (!e) {
      e = { matched: 0, a: 0, b: 0 }
      this.perLabel.set(label, e)
    }
    return e
  }
  addA(label: string, n = 1): void {
    this.a += n
    this.entry(label).a += n
  }
  addB(label: string, n = 1): void {
    this.b += n
    this.entry(label).b += n
  }
  addMatch(label: string, n = 1): void {
    this.matched += n
    this.entry(label).matched += n
  }

  f1(): Figure {
    return f1Of(this.matched, this.a, this.b, this.what)
  }
  labelF1(label: string): Figure {
    const e = this.perLabel.get(label)
    return f1Of(e?.matched ?? 0, e?.a ?? 0, e?.b ?? 0, `${this.what} labelled ${label}`)
  }
}

export function f1Of(matched: number, a: number, b: number, what = 'items'): Figure {
  return ratio(2 * matched, a + b, `neither annotator has any ${what} in the documents compared: F1 is undefined`)
}
