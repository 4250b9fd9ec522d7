import { Worker } from 'node:worker_threads'
import type { Reply } from '../../shared/api/errors'
import type { WireReply } from '../api/encodedReply'
import type { JobStatus } from '../../shared/api/methods/transfer'
import type { DownloadFileInfo, FromWorker, ToWorker, WorkerSetup } from './protocol'
import { apiWorkerEntry } from './workerEntry'
import type { WorkerEntry } from './workerEntry'
import { RestartBudget } from './restartBudget'
import type { TeamMemory } from '../services/team/teamMemory'

/** The call every transport makes: the same shape as dispatch(), answered by the worker. */
export type ApiCall = (method: unknown, args: unknown, requestId?: unknown) => Promise<Reply<unknown>>

/** The same, for a transport that writes JSON: a success may come as the worker's JSON bytes (see encodedReply.ts). */
export type WireCall = (method: unknown, args: unknown, requestId?: unknown) => Promise<WireReply>

export interface WorkerLaneOptions {
  entry?: WorkerEntry
  /** Restarts allowed within `restartWindowMs` before the host gives up and answers every call plainly (default 3 in 60 s). */
  maxRestarts?: number
  restartWindowMs?: number
  /** Told of each crash (the app logs it; a test records it). */
  onCrash?: (message: string, willRestart: boolean) => void
  /** Told of each job status the worker reports. */
  onJob?: (status: JobStatus, callId: number | null) => void
  /** Told of each change of what team sync holds in memory. */
  onTeam?: (memory: TeamMemory) => void
}

/** Which worker a crash came from: `main` answers the app, `jobs` runs imports, exports and agreement. */
export type LaneName = 'main' | 'jobs' | 'team'

type Pending = { resolve: (m: FromWorker) => void; method: string }

/**
 * One API worker thread (the store, the services, dispatch) and the calls
 * forwarded to it. Each call is answered exactly once: by the worker, or, when the
 * worker dies, by an `unavailable` error reply naming what happened. A crash
 * restarts the worker (the workspace reopens; an import it was running wrote
 * nothing, since its transaction never committed) until the restart budget
 * is spent; after that every call is answered with the plain reason.
 */
export class WorkerLane {
  private worker: Worker | null = null
  private ready: Promise<void> | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private failed: string | null = null
  private closing = false
  private readonly budget: RestartBudget
  private readonly entry: WorkerEntry

  constructor(
    private readonly setup: WorkerSetup,
    private readonly opts: WorkerLaneOptions = {},
  ) {
    this.entry = opts.entry ?? apiWorkerEntry()
    this.budget = new RestartBudget(opts.maxRestarts ?? 3, opts.restartWindowMs ?? 60_000)
  }

  /**
   * Never started: a lane the host starts on demand (`team`) has no thread until its first call, so a serve or a
   * window that never syncs does not load the API's code in a third thread (h96).
   */
  private get idle(): boolean {
    return this.worker === null && this.ready === null
  }

  /** Whether a worker thread runs now (started and not yet ended). */
  get running(): boolean {
    return this.worker !== null
  }

  /** Starts a lane not started yet, without waiting for it (the host's `jobs`). Answers why it could not, or null. */
  startIfIdle(): string | null {
    if (!this.idle || this.failed || this.closing) return null
    try {
      this.start().catch(() => undefined) // a failure to open is answered to the next call
      return null
    } catch (e) {
      return (e as Error).message
    }
  }

  /** Starts the worker; resolves once the workspace is open there (rejects with the reason it could not be). */
  start(): Promise<void> {
    const worker = new Worker(this.entry.code, { eval: this.entry.eval, workerData: this.setup })
    this.worker = worker
    let opened = false
    this.ready = new Promise<void>((resolve, reject) => {
      const early = (m: FromWorker) => {
        if (m.type === 'ready') {
          opened = true
          resolve()
        }
        else if (m.type === 'open-failed') reject(new Error(m.message))
      }
      worker.on('message', early)
      worker.once('error', (e) => reject(e))
      worker.once('exit', (code) => reject(new Error(`the workspace worker stopped before it was ready (exit code ${code})`)))
    })
    worker.on('message', (m: FromWorker) => this.settle(m))
    // A worker that never opened the workspace is not restarted: start() reports why it could not.
    worker.on('error', (e) => this.lost(worker, `the workspace worker failed: ${e.message}`, opened))
    worker.on('exit', (code) => this.lost(worker, `the workspace worker stopped (exit code ${code})`, opened))
    return this.ready
  }

  /** Forwards one API call; never rejects. */
  call: ApiCall = (method, args, requestId) => this.callTracked(method, args, requestId)

  /** Forwards one API call whose success the worker answers as JSON bytes; never rejects. */
  wireCall: WireCall = async (method, args, requestId) => {
    const m = await this.send((id) => ({ type: 'call', id, method, args, encode: true, ...(requestId === undefined ? {} : { requestId }) }), String(method))
    if (m.type === 'reply-encoded') return { encoded: m.encoded }
    if (m.type === 'reply') return m.reply
    return { ok: false, error: { code: 'internal', message: 'internal error: the worker answered a call with something else' } }
  }

  /** The same, telling `sent` the call's id in the worker (its slot on the stop board) once it is on its way. */
  async callTracked(method: unknown, args: unknown, requestId?: unknown, sent?: (id: number) => void): Promise<Reply<unknown>> {
    const m = await this.send(
      (id) => {
        sent?.(id)
        return { type: 'call', id, method, args, ...(requestId === undefined ? {} : { requestId }) }
      },
      String(method),
    )
    if (m.type === 'reply') return m.reply
    return { ok: false, error: { code: 'internal', message: 'internal error: the worker answered a call with something else' } }
  }

  /** The kind of job running in this worker's workspace ('import', 'export'), or null. */
  runningJob = async (): Promise<string | null> => {
    if (this.idle) return null // no worker yet: no job
    const m = await this.send((id) => ({ type: 'running-job', id }), 'running-job')
    return m.type === 'running-job' ? m.kind : null
  }

  /** The n-th file a finished export job offers, or null. */
  download = async (job: string, n: number): Promise<DownloadFileInfo | null> => {
    if (this.idle) return null
    const m = await this.send((id) => ({ type: 'download', id, job, n }), 'download')
    return m.type === 'download' ? m.file : null
  }

  /** Closes the workspace in the worker, then ends the worker. */
  async close(): Promise<void> {
    this.closing = true
    await this.ready?.catch(() => undefined)
    const worker = this.worker
    if (!worker) return
    // The give-up timer is cleared once closed: left running, it held the process open 5 s after every close.
    let giveUp: NodeJS.Timeout | undefined
    try {
      await Promise.race([this.send((id) => ({ type: 'close', id }), 'close'), new Promise((r) => (giveUp = setTimeout(r, 5000)))])
    } finally {
      clearTimeout(giveUp)
      await worker.terminate()
      this.worker = null
    }
  }

  /** A test hook and a last resort: ends the worker thread at once, as a crash would (a lane not started yet is started first). */
  async terminateForTest(): Promise<void> {
    if (this.idle) await this.start()
    await this.worker?.terminate()
  }

  private async send(make: (id: number) => ToWorker, method: string): Promise<FromWorker> {
    if (this.failed) return failure(this.failed)
    if (this.closing && method !== 'close') return failure('the workspace is closing')
    // The first call to a lane started on demand starts it; a failure to open is answered below, as any lane's.
    const cannot = this.startIfIdle()
    if (cannot) return failure(`the workspace worker could not start: ${cannot}`)
    try {
      await this.ready
    } catch (e) {
      return failure(this.failed ?? `the workspace could not be opened: ${(e as Error).message}`)
    }
    const worker = this.worker
    if (!worker) return failure('the workspace worker is not running')
    const id = this.nextId++
    return new Promise<FromWorker>((resolve) => {
      this.pending.set(id, { resolve, method })
      worker.postMessage(make(id))
    })
  }

  private settle(m: FromWorker): void {
    if (m.type === 'job') return this.opts.onJob?.(m.status, m.callId)
    if (m.type === 'team') return this.opts.onTeam?.(m.memory)
    if (!('id' in m)) return
    const p = this.pending.get(m.id)
    if (!p) return
    this.pending.delete(m.id)
    p.resolve(m)
  }

  /** The worker is gone: answer everything it held, then restart it or give up plainly. */
  private lost(worker: Worker, why: string, wasOpen: boolean): void {
    if (worker !== this.worker) return // already handled (an 'error' is followed by its 'exit')
    this.worker = null
    for (const [id, p] of this.pending) {
      this.pending.delete(id)
      p.resolve(failure(`${why} while answering ${p.method}; nothing it was doing was saved unless it had finished. Try again.`))
    }
    if (this.closing) return
    if (!wasOpen) {
      this.failed = `the workspace could not be opened: ${why}`
      return
    }
    const restart = this.budget.allow(Date.now())
    this.opts.onCrash?.(why, restart)
    if (!restart) {
      this.failed = `${why}, and it failed too often to restart; close and reopen Spanwright`
      return
    }
    this.start().catch((e: unknown) => {
      this.failed = `${why}, and it could not restart: ${(e as Error).message}`
    })
  }
}

function failure(message: string): FromWorker {
  return { type: 'reply', id: 0, reply: { ok: false, error: { code: 'unavailable', message } } }
}
