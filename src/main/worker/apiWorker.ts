import os from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { Reply } from '../../shared/api/errors'
import { dispatch } from '../api/dispatch'
import { encodeReply, isEncodedReply } from '../api/encodedReply'
import type { ApiContext } from '../api/context'
import { createApiHandlers } from '../api/liveHandlers'
import type { JobStatus } from '../../shared/api/methods/transfer'
import { runInCallScope } from '../services/jobs/callScope'
import type { CallScope } from '../services/jobs/callScope'
import { jobDownload, runningJobIn, watchJobs } from '../services/jobs/jobRegistry'
import { watchTeamMemory } from '../services/team/teamMemory'
import { closeKeptTeamConnections } from '../team/keptTeam'
import { useNativeBinding } from '../store/nativeBinding'
import { openStore } from '../store/store'
import type { FromWorker, ToWorker, WorkerSetup } from './protocol'
import { BusyRetry } from './busyRetry'
import { StopBoard } from './stopBoard'

/** A running job's status goes to the host at most this often (and at every change of phase or state). */
const JOB_REPORT_MS = 100

/** Posts job changes to the host, throttled: a million-record import reports every 1,000 records. */
function jobReporter(post: (m: FromWorker) => void): (status: JobStatus, callId: number | null) => void {
  const last = new Map<string, { at: number; phase: string }>()
  return (status, callId) => {
    const now = performance.now()
    const prev = last.get(status.id)
    if (status.state === 'running' && prev && prev.phase === status.phase && now - prev.at < JOB_REPORT_MS) return
    if (status.state === 'running') last.set(status.id, { at: now, phase: status.phase })
    else last.delete(status.id)
    post({ type: 'job', status, callId })
  }
}

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
  const board = setup.stopBoard ? new StopBoard(setup.stopBoard) : null
  const scopeOf = (callId: number): CallScope => ({
    callId,
    stopRequested: () => board?.stopRequested(callId) ?? false,
    progress: (done, total) => board?.report(callId, done, total),
  })
  watchJobs(jobReporter(post))
  watchTeamMemory((memory) => post({ type: 'team', memory }))
  const busy = new BusyRetry()
  /** Only JSON values cross the boundary (ARCHITECTURE §2): a reply the channel cannot clone becomes an error reply. */
  const postReply = (id: number, reply: Reply<unknown>, encode: boolean) => {
    try {
      const wire = encode ? encodeReply(reply) : reply
      if (isEncodedReply(wire)) port.postMessage({ type: 'reply-encoded', id, encoded: wire.encoded } satisfies FromWorker, [wire.encoded.buffer as ArrayBuffer])
      else post({ type: 'reply', id, reply: wire })
    } catch (e) {
      post({ type: 'reply', id, reply: { ok: false, error: { code: 'internal', message: `internal error: the reply cannot cross to the window (${(e as Error).message})` } } })
    }
  }
  port.on('message', (m: ToWorker) => {
    if (m.type === 'call') {
      // dispatch never throws: every failure is already an error reply (data).
      // The call's scope (a stop from the host, progress for it) reaches the handler and any job it starts.
      // A write that finds the jobs worker writing waits on the event loop, not in SQLite (see BusyRetry).
      const attempt = () => runInCallScope(scopeOf(m.id), () => dispatch(handlers, m.method, m.args, m.requestId))
      void busy.run(attempt).then((reply) => postReply(m.id, reply, m.encode === true))
    } else if (m.type === 'download') {
      const f = jobDownload(m.job, m.n)
      post({ type: 'download', id: m.id, file: f ? { name: f.name, path: f.path } : null })
    } else if (m.type === 'running-job') {
      post({ type: 'running-job', id: m.id, kind: runningJobIn(ctx.store.file)?.kind ?? null })
    } else if (m.type === 'close') {
      // The team server's kept connection first (the app quits, switches workspace or restores a backup): a goodbye, not a dropped socket.
      void closeKeptTeamConnections().finally(() => {
        ctx.store.close()
        post({ type: 'closed', id: m.id })
        port.close()
      })
    }
  })
  post({ type: 'ready' })
}

serve(workerData as WorkerSetup)
