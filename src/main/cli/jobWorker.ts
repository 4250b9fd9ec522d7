import { parentPort, workerData } from 'node:worker_threads'
import { runInCallScope } from '../services/jobs/callScope'
import { isStopped, stopNow } from './jobStop'
import { main } from './main'
import { useProgressOutput } from './progress'

/** What bin/jobThread.mjs starts the thread with (structured-cloned). */
export interface JobSetup {
  argv: string[]
  /** One Int32 cell, set to 1 by the main thread when the user asks the job to stop. */
  stop: SharedArrayBuffer
  stderrIsTTY: boolean
}

export type JobToWorker = { type: 'stop' }

export type JobFromWorker =
  | { type: 'log'; line: string }
  | { type: 'error'; line: string }
  | { type: 'progress'; text: string }
  | { type: 'done'; code: number }
  /** The job ended because the user asked it to stop (its transaction rolled back, its temp output removed). */
  | { type: 'stopped' }

/**
 * The job thread of a long command (import, export, agreement), started by bin/jobThread.mjs: runs main() as the
 * process would, with its lines, progress and end posted to the main thread (one port, so they stay in order),
 * which keeps its event loop free for Ctrl+C. Its stop comes on shared memory, read at each progress step even
 * inside a write transaction (and as a message, for the steps that wait on the event loop).
 */
function run(setup: JobSetup): void {
  const port = parentPort
  if (!port) throw new Error('the command line job runs only as a worker thread')
  const post = (m: JobFromWorker) => port.postMessage(m)
  const stop = new Int32Array(setup.stop)
  const stopRequested = () => Atomics.load(stop, 0) !== 0
  port.on('message', (m: JobToWorker) => {
    if (m.type === 'stop') stopNow()
  })
  useProgressOutput({ isTTY: setup.stderrIsTTY, write: (text) => post({ type: 'progress', text }) })
  // The call scope the API worker sets around each call, so the job hears its stop as the app's jobs do.
  const scope = { callId: 1, stopRequested, progress: () => {} }
  // Stopped while this thread was loading: the command never began.
  if (stopRequested()) {
    post({ type: 'stopped' })
    port.close()
    return
  }
  const io = { log: (line: string) => post({ type: 'log', line }), error: (line: string) => post({ type: 'error', line }) }
  // main() answers every failure with a line and a code; it throws only the user's stop, which the main thread words.
  void runInCallScope(scope, () => main(setup.argv, io, { rethrow: isStopped }))
    .then(
      (code) => post({ type: 'done', code }),
      (e: unknown) => {
        if (isStopped(e)) return post({ type: 'stopped' })
        post({ type: 'error', line: `spanwright: ${e instanceof Error ? e.message : String(e)}` })
        post({ type: 'done', code: 1 })
      },
    )
    .finally(() => port.close())
}

run(workerData as JobSetup)
