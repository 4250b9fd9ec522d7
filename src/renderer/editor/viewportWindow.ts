/**
 * Which lines (paragraphs) are near the viewport. The article renders one
 * paragraph per line, so the view's children are the lines in order and a
 * binary search over their boxes finds the visible ones; `margin` extends the
 * range by that many pixels above and below the window so a short scroll
 * finds the text already decorated.
 */
export interface LineRange {
  first: number
  /** Inclusive. */
  last: number
}

export function visibleLineRange(dom: HTMLElement, margin: number): LineRange {
  const lines = dom.children
  const n = lines.length
  if (n === 0) return { first: 0, last: -1 }
  const top = -margin
  const bottom = window.innerHeight + margin
  // First line whose bottom is below the window's top (minus margin).
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (lines[mid].getBoundingClientRect().bottom < top) lo = mid + 1
    else hi = mid
  }
  const first = lo
  // Last line whose top is above the window's bottom (plus margin).
  lo = first
  hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (lines[mid].getBoundingClientRect().top > bottom) hi = mid - 1
    else lo = mid
  }
  return { first, last: lo }
}

/** Whether `inner` lies inside `outer`. */
export function rangeCovers(outer: LineRange | null, inner: LineRange): boolean {
  return !!outer && outer.first <= inner.first && inner.last <= outer.last
}
