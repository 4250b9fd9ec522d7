/** Where progress goes: stderr, or (in the job thread) the main thread's stderr through a message. */
interface ProgressOutput {
  isTTY: boolean
  write(text: string): void
}

let output: ProgressOutput | null = null

/** The job thread draws its progress on the process's stderr through the main thread (jobWorker.ts). */
export function useProgressOutput(o: ProgressOutput): void {
  output = o
}

/**
 * A one-line progress indicator on stderr, only when stderr is a terminal
 * (so logs and pipes get clean output). Redraws at most every 100 ms.
 */
export function stderrProgress(): { update(text: string): void; done(): void } {
  const to = output ?? { isTTY: process.stderr.isTTY === true, write: (text: string) => process.stderr.write(text) }
  if (!to.isTTY) return { update() {}, done() {} }
  let last = 0
  let shown = false
  return {
    update(text) {
      const now = Date.now()
      if (now - last < 100) return
      last = now
      shown = true
      to.write(`\r\x1b[K${text}`)
    },
    done() {
      if (shown) to.write('\r\x1b[K')
    },
  }
}
