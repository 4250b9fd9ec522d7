/**
 * Runs `fn` once the screen being rendered now has been painted and the page is idle (or after `timeout` ms):
 * for work a document's start does not need before its first frame (issue 12 §2). A frame callback runs just
 * before that frame's paint; a task posted from it runs after the paint; from there, the next idle moment.
 * Returns the cancel (an effect's cleanup).
 */
export function afterFirstPaint(fn: () => void, timeout = 2000): () => void {
  let cancelled = false
  let idle: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = () => !cancelled && fn()
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout })
      else run()
    }, 0)
  })
  return () => {
    cancelled = true
    cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
    if (idle !== undefined) cancelIdleCallback(idle)
  }
}
