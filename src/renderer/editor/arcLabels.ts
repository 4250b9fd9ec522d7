/**
 * Keeps relation label pills from covering each other. Rails that overlap on a line sit a level (8 px) apart, less
 * than a pill's height, so two labels on stacked rails over the same stretch of text (two relations into one span
 * from the margin, say) would be drawn one on the other. Each pill after the first that would touch one already
 * placed slides along its own line, to the nearest free place on its rail, else (a rail shorter than two pills) the
 * nearest free place beside it, inside the text column; one that finds none stays where it was.
 */
export interface PlacedLabel {
  x: number
  y: number
  /** Half the pill's width. */
  half: number
  /** The x extent of the rail the label sits on. */
  lo: number
  hi: number
}

/** A label pill's width as ArcLayer draws it (9 px bold letters). */
export const pillWidth = (label: string): number => label.length * 6.2 + 10

const PILL_HEIGHT = 13
const GAP = 3

const touches = (a: PlacedLabel, x: number, b: PlacedLabel) => Math.abs(a.y - b.y) < PILL_HEIGHT + 1 && x - a.half < b.x + b.half + GAP && b.x - b.half < x + a.half + GAP

/** Moves `labels` (in place, in order: earlier ones keep their place) so no two pills touch, where their rails allow. */
export function separateLabels(labels: PlacedLabel[], columnLeft: number, columnRight: number): void {
  const placed: PlacedLabel[] = []
  for (const l of labels) {
    const min = columnLeft + l.half
    const max = columnRight - l.half
    const free = (x: number) => !placed.some((p) => touches(l, x, p))
    if (!free(l.x) && max >= min) {
      // Candidates: the rail's ends and each placed pill's either side. A place on the rail wins over one off it
      // (a rail shorter than two pills leaves none), then the nearest.
      const options = [Math.min(l.lo + l.half, max), Math.max(l.hi - l.half, min)]
      for (const p of placed) options.push(p.x - p.half - GAP - l.half - 0.5, p.x + p.half + GAP + l.half + 0.5)
      const offRail = (x: number) => Math.max(0, l.lo + l.half - x, x - (l.hi - l.half))
      const best = options
        .filter((x) => x >= min && x <= max && free(x))
        .sort((a, b) => offRail(a) - offRail(b) || Math.abs(a - l.x) - Math.abs(b - l.x))[0]
      if (best !== undefined) l.x = best
    }
    placed.push(l)
  }
}
