/**
 * Which rows of a fixed-row-height list to render: those in the scroll box's
 * viewport plus `overscan` rows either side, so a long list (10k spans) costs
 * only the rows on screen to render and to re-render.
 */
export interface ListWindow {
  first: number
  /** Exclusive. */
  end: number
}

export function listWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 8): ListWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, end: 0 }
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const first = Math.min(top, count - 1)
  const end = Math.min(count, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan)
  return { first, end: Math.max(first + 1, end) }
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollTopToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight)
  return null
}
