/**
 * Runs `fn` once the frame being prepared now has been painted: a frame callback runs just before that frame's
 * paint, and a task posted from it after the paint. Returns the cancel (an effect's cleanup).
 */
export function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
  }
}

/**
 * Runs `fn` once the screen being rendered now has been painted and the page is idle (or after `timeout` ms):
 * for work a document's start does not need before its first frame (issue 12 §2). Returns the cancel.
 */
export function afterFirstPaint(fn: () => void, timeout = 2000): () => void {
  let idle: number | undefined
  const cancelPaint = afterNextPaint(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fn, { timeout })
    else fn()
  })
  return () => {
    cancelPaint()
    if (idle !== undefined) cancelIdleCallback(idle)
  }
}
