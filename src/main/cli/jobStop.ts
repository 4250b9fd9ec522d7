import { AppError } from '../../shared/api/errors'
import { currentCallScope } from '../services/jobs/callScope'
import type { RunHooks } from '../services/runHooks'

/**
 * How a long command hears Ctrl+C (SIGINT) or SIGTERM. The command runs in the job thread (bin/jobThread.mjs starts
 * jobWorker.ts) inside a call scope, as the API worker runs a call, whose stop the main thread sets on shared memory
 * (as the app's cancel reaches a job through the API worker's StopBoard): the job's synchronous
 * stretches (an import's write transaction) cannot take a message, so each progress step reads the board, as the
 * app's jobs do (jobRegistry.ts). A message aborts the same signal between steps that wait on the event loop (an
 * export's writes). Run in-process (tests, no job thread), nothing ever stops.
 */
let controller: AbortController | null = null

function stopController(): AbortController {
  controller ??= new AbortController()
  return controller
}

/** The stop the user asked for, as the services' cancel (a cancelled import writes nothing). */
export function stopNow(): void {
  const c = stopController()
  if (!c.signal.aborted) c.abort(new AppError('cancelled', 'cancelled'))
}

/** True once the user asked the job to stop (reads the shared board; works inside synchronous work). */
export function stopAsked(): boolean {
  if (controller?.signal.aborted) return true
  if (!currentCallScope()?.stopRequested()) return false
  stopNow()
  return true
}

/** A service's hooks for this command: its progress reports, and the stop (checked at each of them). */
export function stoppableHooks<P>(onProgress?: (p: P) => void): RunHooks<P> {
  if (!currentCallScope()) return { onProgress }
  const signal = stopController().signal
  return {
    signal,
    onProgress: (p) => {
      stopAsked()
      onProgress?.(p)
    },
  }
}

/** The error a run ends with when it stopped because the user asked (its own throw, or agreement's `cancelled`). */
export function isStopped(e: unknown): boolean {
  if (!stopAsked()) return false
  return (e instanceof AppError && e.code === 'cancelled') || (e instanceof Error && e.name === 'AbortError')
}
