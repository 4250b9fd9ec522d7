import type { Reply } from '../../shared/api/errors'

/** A request id: what the renderer's crypto.randomUUID() makes, and room for other clients. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/

export function isRequestId(v: unknown): v is string {
  return typeof v === 'string' && REQUEST_ID_PATTERN.test(v)
}

export interface ReplayGuardOptions {
  /** How many answered ids to remember (oldest forgotten first). */
  maxEntries?: number
  /** How long an answered id is remembered. */
  maxAgeMs?: number
  now?: () => number
}

interface Answered {
  method: string
  reply: Reply<unknown>
  at: number
}

/**
 * Makes a retried call safe: a call that carries a request id runs once, and
 * a repeat of that id (the client never saw the first answer: a dropped
 * connection, a reload mid-call) gets the recorded answer instead of applying
 * the change again. A repeat that arrives while the first is still running
 * waits for it. Only successful answers are recorded: a failed call changed
 * nothing, so its retry must run. Memory only: a restart forgets the ids.
 */
export class ReplayGuard {
  private readonly answered = new Map<string, Answered>()
  private readonly running = new Map<string, { method: string; done: Promise<Reply<unknown>> }>()
  private readonly maxEntries: number
  private readonly maxAgeMs: number
  private readonly now: () => number

  constructor(opts: ReplayGuardOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 10_000
    this.maxAgeMs = opts.maxAgeMs ?? 10 * 60_000
    this.now = opts.now ?? Date.now
  }

  /** How many answers are remembered now (for tests and diagnostics). */
  get size(): number {
    this.prune()
    return this.answered.size
  }

  async run(id: string, method: string, exec: () => Promise<Reply<unknown>>): Promise<Reply<unknown>> {
    this.prune()
    const seen = this.answered.get(id)
    if (seen) return seen.method === method ? seen.reply : reused(id, seen.method)
    const inFlight = this.running.get(id)
    if (inFlight) {
      if (inFlight.method !== method) return reused(id, inFlight.method)
      const first = await inFlight.done
      // The first attempt failed and changed nothing: this retry runs for real.
      if (first.ok) return first
      return this.run(id, method, exec)
    }
    const done = exec()
    this.running.set(id, { method, done })
    try {
      const reply = await done
      if (reply.ok) this.remember(id, { method, reply, at: this.now() })
      return reply
    } finally {
      this.running.delete(id)
    }
  }

  private remember(id: string, entry: Answered): void {
    this.answered.set(id, entry)
    this.prune()
  }

  /** Drops answers past their age, then the oldest beyond the count (a Map iterates in insertion order). */
  private prune(): void {
    const oldest = this.now() - this.maxAgeMs
    for (const [id, entry] of this.answered) {
      if (entry.at >= oldest && this.answered.size <= this.maxEntries) break
      this.answered.delete(id)
    }
  }
}

function reused(id: string, method: string): Reply<unknown> {
  return { ok: false, error: { code: 'conflict', message: `request id ${id} was already used for ${method}` } }
}
