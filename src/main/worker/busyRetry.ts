import type { Reply } from '../../shared/api/errors'

/** A write that found another connection writing (SQLite's SQLITE_BUSY, as dispatch reports it): it changed nothing. */
export function isBusyReply(r: Reply<unknown>): boolean {
  if (r.ok || r.error.code !== 'unavailable') return false
  const sqlite = (r.error.details as { sqlite?: unknown } | undefined)?.sqlite
  return typeof sqlite === 'string' && sqlite.startsWith('SQLITE_BUSY')
}

export interface BusyRetryOptions {
  /** How long a call may wait for the other writer in all, before its busy reply is given (default 5 s, SQLite's busy timeout before). */
  deadlineMs?: number
  /** Pauses between attempts; the last one repeats. */
  pausesMs?: number[]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Waits for a busy workspace without blocking the thread. SQLite's own busy
 * timeout sleeps inside the call, so one edit made while an import's write
 * transaction runs in the jobs worker would stall every call of the app's
 * worker for up to its timeout. Here the app's connection gives up at once
 * (a short busy timeout) and the call is tried again after a pause, on the
 * event loop, while other calls (reads never wait in WAL mode) are answered.
 * Calls that found the workspace busy are retried in the order they came.
 * A busy reply changed nothing (the write never began), so trying again is
 * safe, as the request-id guard already assumes for any failed call.
 */
export class BusyRetry {
  private queue: Promise<unknown> = Promise.resolve()
  private readonly deadlineMs: number
  private readonly pausesMs: number[]

  constructor(opts: BusyRetryOptions = {}) {
    this.deadlineMs = opts.deadlineMs ?? 5000
    this.pausesMs = opts.pausesMs ?? [10, 25, 50, 100]
  }

  async run(attempt: () => Promise<Reply<unknown>>): Promise<Reply<unknown>> {
    const first = await attempt()
    if (!isBusyReply(first)) return first
    const until = performance.now() + this.deadlineMs
    const turn = this.queue.then(async () => {
      let reply = first
      for (let i = 0; isBusyReply(reply) && performance.now() < until; i++) {
        await sleep(Math.min(this.pausesMs[Math.min(i, this.pausesMs.length - 1)], Math.max(0, until - performance.now())))
        reply = await attempt()
      }
      return reply
    })
    this.queue = turn.catch(() => undefined)
    return turn
  }
}
