import type { Span } from '../../shared/domain/model'
import { nestingDepths } from './nestingDepth'

/**
 * The layer's spans sorted by start, so the view can find the few spans near
 * the viewport by binary search instead of walking all of them on every
 * scroll frame. `maxLength` bounds how far before a range an overlapping span
 * can start.
 */
export class SpanIndex {
  readonly sorted: readonly Span[]
  private readonly starts: number[]
  private readonly maxLength: number
  private ids: Map<number, Span> | null = null

  constructor(spans: readonly Span[]) {
    // The screens usually keep spans sorted already; checking is O(n), sorting is not.
    let sorted = true
    for (let i = 1; i < spans.length && sorted; i++) if (spans[i - 1].start > spans[i].start) sorted = false
    this.sorted = sorted ? spans : [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id)
    const starts = new Array<number>(this.sorted.length)
    let max = 0
    for (let i = 0; i < this.sorted.length; i++) {
      const s = this.sorted[i]
      starts[i] = s.start
      if (s.end - s.start > max) max = s.end - s.start
    }
    this.starts = starts
    this.maxLength = max
  }

  /**
   * Spans by id, built on first use: a repaint after a hotkey needs only the
   * spans near the viewport, so building a 10k-entry map there is wasted.
   */
  get byId(): ReadonlyMap<number, Span> {
    if (!this.ids) {
      const ids = new Map<number, Span>()
      for (const s of this.sorted) ids.set(s.id, s)
      this.ids = ids
    }
    return this.ids
  }

  private firstStartAtOrAfter(v: number): number {
    let lo = 0
    let hi = this.starts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.starts[mid] < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Spans overlapping [from, to), in start order. */
  overlapping(from: number, to: number): Span[] {
    const out: Span[] = []
    for (let i = this.firstStartAtOrAfter(from - this.maxLength); i < this.sorted.length && this.sorted[i].start < to; i++) {
      const s = this.sorted[i]
      if (s.end > from) out.push(s)
    }
    return out
  }

  /**
   * Underline depths for the spans overlapping [from, to). Depth depends only
   * on overlapping neighbours, so the spans within one longest-span length of
   * the range are enough; this keeps a repaint proportional to the window,
   * not to the layer.
   */
  depthsNear(from: number, to: number): Map<number, number> {
    return nestingDepths(this.overlapping(from - this.maxLength, to + this.maxLength))
  }
}
