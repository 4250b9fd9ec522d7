/**
 * Which lines (paragraphs) are near the viewport. The article renders one
 * paragraph per line, so the view's children are the lines in order and a
 * binary search over their boxes finds the visible ones; `margin` extends the
 * range by that many pixels above and below the window so a short scroll
 * finds the text already decorated. A chunked text (chunking.ts) is searched
 * over its chunks first and then inside the two chunks at the window's edges,
 * so only boxes near the screen are read (a far chunk's box is its placeholder).
 */
export interface LineRange {
  first: number
  /** Inclusive. */
  last: number
}

/** First of `els` (in document order, in [lo, hi]) whose bottom is below `top`; hi when none. */
function firstBelow(els: HTMLCollection, lo: number, hi: number, top: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (els[mid].getBoundingClientRect().bottom < top) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Last of `els` (in [lo, hi]) whose top is above `bottom`; lo when none. */
function lastAbove(els: HTMLCollection, lo: number, hi: number, bottom: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (els[mid].getBoundingClientRect().top > bottom) hi = mid - 1
    else lo = mid
  }
  return lo
}

export function visibleLineRange(dom: HTMLElement, margin: number, chunkLines = 0): LineRange {
  const top = -margin
  const bottom = window.innerHeight + margin
  const blocks = dom.children
  const n = blocks.length
  if (n === 0) return { first: 0, last: -1 }
  if (!chunkLines) {
    const first = firstBelow(blocks, 0, n - 1, top)
    return { first, last: lastAbove(blocks, first, n - 1, bottom) }
  }
  const c0 = firstBelow(blocks, 0, n - 1, top)
  const c1 = lastAbove(blocks, c0, n - 1, bottom)
  const a = blocks[c0].children
  const b = blocks[c1].children
  if (a.length === 0 || b.length === 0) return { first: 0, last: -1 }
  const first = c0 * chunkLines + firstBelow(a, 0, a.length - 1, top)
  const lastIn = lastAbove(b, c0 === c1 ? first - c0 * chunkLines : 0, b.length - 1, bottom)
  return { first, last: c1 * chunkLines + lastIn }
}

/** Whether `inner` lies inside `outer`. */
export function rangeCovers(outer: LineRange | null, inner: LineRange): boolean {
  return !!outer && outer.first <= inner.first && inner.last <= outer.last
}
