/**
 * A long text's lines start with `content-visibility: auto` (app.css): the first layout covers only the lines
 * near the screen, so the document shows without laying out all of it. Left on, a fast scroll lays out lines
 * as they arrive and resizes them from their estimates frame by frame (scroll frames measured about twice as
 * long), so once the first screen is painted and the page is idle, the rest is laid out in one go:
 * `data-laid-out` on the view's root turns content-visibility off. Returns the cancel for a new text or unmount.
 */
export function layOutRestWhenIdle(root: HTMLElement): () => void {
  root.removeAttribute('data-laid-out')
  const done = () => root.setAttribute('data-laid-out', 'true')
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(done, { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  const timer = setTimeout(done, 300)
  return () => clearTimeout(timer)
}
