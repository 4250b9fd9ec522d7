import { parentPort, workerData } from 'node:worker_threads'
import { runInCallScope } from '../services/jobs/callScope'
import { StopBoard } from '../worker/stopBoard'
import { isStopped, stopNow } from './jobStop'
import type { JobFromWorker, JobSetup, JobToWorker } from './jobThread'
import { main } from './main'
import { useProgressOutput } from './progress'

/**
 * The job thread of a long command (import, export, agreement): runs main() as the process would, with its lines,
 * progress and end posted to the main thread (one port, so they stay in order), which keeps its event loop free for
 * Ctrl+C. Its stop comes on the shared board (and as a message, for the steps that wait on the event loop).
 */
function run(setup: JobSetup): void {
  const port = parentPort
  if (!port) throw new Error('the command line job runs only as a worker thread')
  const post = (m: JobFromWorker) => port.postMessage(m)
  const board = new StopBoard(setup.stopBoard)
  port.on('message', (m: JobToWorker) => {
    if (m.type === 'stop') stopNow()
  })
  useProgressOutput({ isTTY: setup.stderrIsTTY, write: (text) => post({ type: 'progress', text }) })
  const scope = { callId: setup.callId, stopRequested: () => board.stopRequested(setup.callId), progress: () => {} }
  // Stopped while this thread was loading: the command never began.
  if (board.stopRequested(setup.callId)) {
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
