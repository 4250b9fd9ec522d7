/**
 * A one-line progress indicator on stderr, only when stderr is a terminal
 * (so logs and pipes get clean output). Redraws at most every 100 ms.
 */
export function stderrProgress(): { update(text: string): void; done(): void } {
  if (!process.stderr.isTTY) return { update() {}, done() {} }
  let last = 0
  let shown = false
  return {
    update(text) {
      const now = Date.now()
      if (now - last < 100) return
      last = now
      shown = true
      process.stderr.write(`\r\x1b[K${text}`)
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K')
    },
  }
}
