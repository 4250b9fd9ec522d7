/** The nearest ancestor that scrolls vertically, or null for the page itself. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const oy = getComputedStyle(p).overflowY
    if ((oy === 'auto' || oy === 'scroll') && p.scrollHeight > p.clientHeight) return p
  }
  return null
}

/**
 * Centres a DOM point vertically in its scroll container. Paragraphs far from
 * the viewport are not laid out (content-visibility), so the paragraph is
 * first brought near, which lays it out, and then the point itself is centred.
 */
export function scrollPointIntoView(paragraph: HTMLElement, node: Node, offset: number): void {
  paragraph.scrollIntoView({ block: 'center' })
  const range = document.createRange()
  range.setStart(node, offset)
  range.collapse(true)
  const r = range.getBoundingClientRect()
  if (r.top === 0 && r.bottom === 0) return
  const parent = scrollParent(paragraph)
  const viewTop = parent ? parent.getBoundingClientRect().top : 0
  const viewHeight = parent ? parent.clientHeight : window.innerHeight
  const delta = (r.top + r.bottom) / 2 - (viewTop + viewHeight / 2)
  if (parent) parent.scrollTop += delta
  else window.scrollBy(0, delta)
}
