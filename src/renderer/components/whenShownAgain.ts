/* A page's data that another window, the CLI or a colleague's sync can change is asked again when it is shown again
 * (the library's badges, the agreement dashboard's list of changed reviews). */

/** Where the page hears it is shown again (the page's own document and window; a test passes its own). */
export interface ShownAgainTargets {
  doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>
  win: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

/**
 * Runs `ask` each time the page is shown again after being hidden or left for another window (visibilitychange,
 * focus), one at a time: both events come together when a minimised window is restored. Shown again while an ask is
 * out, it asks once more when that one ends: the answer on its way may predate what changed meanwhile.
 * Answers the clean-up.
 */
export function whenShownAgain(ask: () => Promise<void>, targets: ShownAgainTargets = { doc: document, win: window }): () => void {
  const { doc, win } = targets
  let asking = false
  let askAgain = false
  const run = () => {
    asking = true
    ask()
      .catch(() => undefined)
      .finally(() => {
        if (!askAgain) return void (asking = false)
        askAgain = false
        run()
      })
  }
  const again = () => {
    if (doc.visibilityState !== 'visible') return
    if (asking) askAgain = true
    else run()
  }
  doc.addEventListener('visibilitychange', again)
  win.addEventListener('focus', again)
  return () => {
    doc.removeEventListener('visibilitychange', again)
    win.removeEventListener('focus', again)
  }
}
