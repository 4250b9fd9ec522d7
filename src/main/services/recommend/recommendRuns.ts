import { AppError } from '../../../shared/api/errors'
import type { RecommendCancel } from '../../../shared/api/methods/recommend'

/** What a run hands its service: the signal a cancel aborts, and where to report how far it got. */
export interface RunControl {
  readonly signal: AbortSignal
  progress(done: number, total: number): void
}

interface Run {
  controller: AbortController
  done: number
  total: number | null
}

/**
 * Suggestion and evaluation runs of this thread, by the caller's run id. They
 * run on the event loop and yield between documents (and wait on model servers
 * without blocking), so `recommend.cancel` is answered by the same worker while
 * a run goes on: it aborts the run's signal, which aborts a model server's
 * request at once and stops local recommenders before the next document.
 */
const runs = new Map<string, Run>()

/** Runs `body` as the run `runId` (a cancellable one; without an id nobody can name it to stop it). */
export async function inRun<T>(runId: string | undefined, body: (run: RunControl) => Promise<T>): Promise<T> {
  if (runId !== undefined && runs.has(runId)) throw new AppError('conflict', `a suggestion run ${runId} is already running`)
  const run: Run = { controller: new AbortController(), done: 0, total: null }
  if (runId !== undefined) runs.set(runId, run)
  try {
    return await body({
      signal: run.controller.signal,
      progress: (done, total) => {
        run.done = done
        run.total = total
      },
    })
  } finally {
    if (runId !== undefined) runs.delete(runId)
  }
}

/** Asks the run to stop; it answers `cancelled` (with how far it got) at once if it waits on a server, else before its next document. */
export function cancelRun(runId: string): RecommendCancel {
  const run = runs.get(runId)
  if (!run) return { cancelled: false, done: 0, total: null }
  run.controller.abort(new AppError('cancelled', 'cancelled'))
  return { cancelled: true, done: run.done, total: run.total }
}

/** The next turn of the event loop: other calls (a cancel among them) are answered between two documents. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
