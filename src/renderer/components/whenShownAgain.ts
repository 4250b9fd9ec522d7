/* A page's data that another window, the CLI or a colleague's sync can change is asked again when it is shown again
 * (the library's badges, the agreement dashboard's list of changed reviews). */

/**
 * Runs `ask` each time the page is shown again after being hidden or left for another window (visibilitychange,
 * focus), one at a time: both events come together when a minimised window is restored. Answers the clean-up.
 */
export function whenShownAgain(ask: () => Promise<void>): () => void {
  let asking = false
  const again = () => {
    if (document.visibilityState !== 'visible' || asking) return
    asking = true
    ask()
      .catch(() => undefined)
      .finally(() => (asking = false))
  }
  document.addEventListener('visibilitychange', again)
  window.addEventListener('focus', again)
  return () => {
    document.removeEventListener('visibilitychange', again)
    window.removeEventListener('focus', again)
  }
}
