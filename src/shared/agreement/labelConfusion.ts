import { OUTSIDE } from '../text/bioTags'

/** A confusion matrix as JSON: `counts[i][j]` tokens labelled `labels[i]` by A and `labels[j]` by B. */
export interface ConfusionMatrix {
  labels: string[]
  counts: number[][]
}

/** The entity label of a BIO tag (`B-PERSON` → `PERSON`; `O` stays `O`). */
export function labelOfTag(tag: string): string {
  return tag === OUTSIDE ? OUTSIDE : tag.slice(2)
}

/**
 * Token-level confusion between entity labels (BIO prefixes dropped, so a
 * boundary-only difference counts as agreement here; kappa sees it).
 */
export class LabelConfusion {
  private readonly cells = new Map<string, Map<string, number>>()

  add(a: string, b: string, n = 1): void {
    let row = this.cells.get(a)
    if (!row) {
      row = new Map()
      this.cells.set(a, row)
    }
    row.set(b, (row.get(b) ?? 0) + n)
  }

  merge(other: LabelConfusion): void {
    for (const [a, row] of other.cells) for (const [b, n] of row) this.add(a, b, n)
  }

  /** Labels sorted with `O` last; every label that occurs on either side is a row and a column. */
  toMatrix(): ConfusionMatrix {
    const seen = new Set<string>()
    for (const [a, row] of this.cells) {
      seen.add(a)
      for (const b of row.keys()) seen.add(b)
    }
    const labels = [...seen].sort((x, y) => (x === OUTSIDE ? 1 : y === OUTSIDE ? -1 : x < y ? -1 : x > y ? 1 : 0))
    const counts = labels.map((a) => labels.map((b) => this.cells.get(a)?.get(b) ?? 0))
    return { labels, counts }
  }
}
