import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What a long call can hear while it runs, even in the middle of synchronous
 * work (an import's write transaction, agreement over every document): a
 * stop asked for from another thread, and where to report how far it got.
 * The API worker sets one around each call (src/main/worker); elsewhere
 * (the CLI, in-process tests) there is none and nothing stops a call.
 */
export interface CallScope {
  /** The worker's id of the call (a job started by it keeps it). */
  readonly callId: number
  stopRequested(): boolean
  progress(done: number, total: number | null): void
}

const scopes = new AsyncLocalStorage<CallScope>()

/** Runs `fn` (and everything it starts, jobs included) inside `scope`. */
export function runInCallScope<T>(scope: CallScope, fn: () => T): T {
  return scopes.run(scope, fn)
}

/** The scope of the call running now, if any. */
export function currentCallScope(): CallScope | undefined {
  return scopes.getStore()
}
