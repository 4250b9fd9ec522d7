/**
 * Page-side (pass it to page.evaluate): watches the article for the first span painted after the next key press
 * and stores when (window.__paintedAt; window.__keyAt is the press). A span is painted when an element showing it
 * is added, or when an element already there becomes one: ProseMirror keeps the element of a decoration whose
 * text stays the same and changes its attributes, so a hotkey over a word the string matcher suggests turns the
 * suggestion's element into the span's without adding a node (editor.bench counted such presses as lost while
 * they had painted). Returns false when there is no article.
 */
export function watchSpanPaint(): boolean {
  const w = window as unknown as { __keyAt?: number; __paintedAt?: number; __watch?: MutationObserver }
  w.__keyAt = undefined
  w.__paintedAt = undefined
  // Watch the article as it is now (a re-created editor would leave an older observer deaf).
  w.__watch?.disconnect()
  const article = document.querySelector('.article')
  if (!article) return false
  const painted = () => {
    if (w.__keyAt !== undefined) w.__paintedAt ??= performance.now()
  }
  w.__watch = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.oldValue === null && r.target instanceof HTMLElement && r.target.hasAttribute('data-span-id')) painted()
      } else for (const n of r.addedNodes) if (n instanceof HTMLElement && (n.matches('[data-span-id]') || n.querySelector('[data-span-id]'))) painted()
    }
  })
  w.__watch.observe(article, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-span-id'], attributeOldValue: true })
  window.addEventListener('keydown', () => (w.__keyAt ??= performance.now()), { capture: true, once: true })
  return true
}
