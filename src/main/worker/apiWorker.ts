import os from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { Reply } from '../../shared/api/errors'
import { dispatch } from '../api/dispatch'
import type { ApiContext } from '../api/context'
import { createApiHandlers } from '../api/liveHandlers'
import { jobDownload, runningJobIn } from '../services/jobs/jobRegistry'
import { useNativeBinding } from '../store/nativeBinding'
import { openStore } from '../store/store'
import type { FromWorker, ToWorker, WorkerSetup } from './protocol'

/**
 * The worker thread that owns the workspace: it opens the store, builds the
 * handler table, and answers the host's messages with the same dispatch()
 * the transports called in-process before. SQL never runs on the thread that
 * serves the window (Electron) or the HTTP sockets (browser mode).
 */
function serve(setup: WorkerSetup): void {
  const port = parentPort
  if (!port) throw new Error('apiWorker runs only as a worker thread')
  const post = (m: FromWorker) => port.postMessage(m)
  // Linux's nice value is per thread, so this lowers only this worker; elsewhere it would lower the whole app.
  if (setup.background && process.platform === 'linux') {
    try {
      os.setPriority(10)
    } catch {
      // not permitted: the job simply runs at normal priority
    }
  }
  let ctx: ApiContext
  try {
    useNativeBinding(setup.nativeBinding)
    ctx = { store: openStore(setup.file, setup.openOptions), version: setup.version, transport: setup.transport, openOptions: setup.openOptions }
  } catch (e) {
    post({ type: 'open-failed', message: e instanceof Error ? e.message : String(e) })
    return
  }
  const handlers = createApiHandlers(ctx)
  /** Only JSON values cross the boundary (ARCHITECTURE §2): a reply the channel cannot clone becomes an error reply. */
  const postReply = (id: number, reply: Reply<unknown>) => {
    try {
      post({ type: 'reply', id, reply })
    } catch (e) {
      post({ type: 'reply', id, reply: { ok: false, error: { code: 'internal', message: `internal error: the reply cannot cross to the window (${(e as Error).message})` } } })
    }
  }
  port.on('message', (m: ToWorker) => {
    if (m.type === 'call') {
      // dispatch never throws: every failure is already an error reply (data).
      void dispatch(handlers, m.method, m.args, m.requestId).then((reply) => postReply(m.id, reply))
    } else if (m.type === 'download') {
      const f = jobDownload(m.job, m.n)
      post({ type: 'download', id: m.id, file: f ? { name: f.name, path: f.path } : null })
    } else if (m.type === 'running-job') {
      post({ type: 'running-job', id: m.id, kind: runningJobIn(ctx.store.file)?.kind ?? null })
    } else if (m.type === 'close') {
      ctx.store.close()
      post({ type: 'closed', id: m.id })
      port.close()
    }
  })
  post({ type: 'ready' })
}

serve(workerData as WorkerSetup)
