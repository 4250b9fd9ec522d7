/** Rows drawn beyond the visible ones on each side, so a quick scroll does not show blanks. */
export const OVERSCAN = 12
/** Browsers cap an element's height (Chrome near 33.5M px): beyond this, scroll positions are scaled to rows. */
export const MAX_SCROLL_PX = 16_000_000

export interface VirtualWindow {
  /** First and last row to mount (last < first when there are none). */
  first: number
  last: number
  /** Heights of the spacers above and below the mounted rows. */
  topSpace: number
  bottomSpace: number
}

/**
 * Which of `n` fixed-height rows to mount for a viewport `height` px tall scrolled to `scrollTop`. Up to
 * MAX_SCROLL_PX the list is laid out 1:1; past it the scroll range is squeezed and scaled back to rows, so a
 * million rows still reach the end, and the mounted rows are placed where the view is.
 */
export function virtualWindow(n: number, rowHeight: number, height: number, scrollTop: number): VirtualWindow {
  const fullHeight = n * rowHeight
  const totalHeight = Math.min(fullHeight, MAX_SCROLL_PX)
  // Where the view's top falls in the unscaled list (equal to scrollTop below the cap).
  const ratio = totalHeight > height ? Math.max(1, (fullHeight - height) / (totalHeight - height)) : 1
  const virtualTop = Math.min(Math.max(0, scrollTop) * ratio, Math.max(0, fullHeight - height))
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - OVERSCAN)
  const last = Math.min(n - 1, Math.ceil((virtualTop + height) / rowHeight) + OVERSCAN)
  const topSpace = Math.max(0, Math.max(0, scrollTop) - (virtualTop - first * rowHeight))
  const bottomSpace = Math.max(0, totalHeight - topSpace - Math.max(0, last - first + 1) * rowHeight)
  return { first, last, topSpace, bottomSpace }
}
