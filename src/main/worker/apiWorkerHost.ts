import type { Reply } from '../../shared/api/errors'
import { isEncodedReply } from '../api/encodedReply'
import type { WireReply } from '../api/encodedReply'
import type { AgreementCancel } from '../../shared/api/methods/review'
import { parseCall } from '../../shared/api/validate'
import type { TeamSyncState } from '../../shared/api/methods/team'
import { NOTHING_HELD, withMemory } from '../services/team/teamMemory'
import type { TeamMemory } from '../services/team/teamMemory'
import type { DownloadFileInfo, WorkerSetup } from './protocol'
import { isBusyReply } from './busyRetry'
import { JobMirror } from './jobMirror'
import { laneOf } from './lanes'
import { StopBoard } from './stopBoard'
import { WorkerLane } from './workerLane'
import type { ApiCall, LaneName, WireCall, WorkerLaneOptions } from './workerLane'

export type { ApiCall, LaneName, WireCall } from './workerLane'

export interface ApiWorkerHostOptions extends Omit<WorkerLaneOptions, 'onCrash'> {
  onCrash?: (message: string, willRestart: boolean, lane: LaneName) => void
}

/** SQLite's busy timeout on the app's connection: none (SQLite would sleep on the thread); a busy call is retried on the event loop. */
const MAIN_BUSY_TIMEOUT_MS = 0
/** The team worker's: long enough for an edit of the app's to commit, far shorter than an import's write (then sync waits on the event loop). */
const TEAM_BUSY_TIMEOUT_MS = 250

/**
 * The store off the serving thread: two API workers over the same workspace,
 * each running the same handlers and dispatch(). `main` answers the app's
 * calls; `jobs` runs the long ones (imports, exports, agreement), so a big
 * import's write transaction never delays a ping or an edit's read. SQLite
 * keeps them apart: WAL readers see the last commit, and a write waits for
 * the import's transaction on `main`'s event loop (BusyRetry, 5 s), else is
 * answered `unavailable` (retryable).
 * The `jobs` connection takes no lock of its own (the process holds it) and
 * no rolling backups, and its thread runs at a lower priority (Linux). A third
 * worker, `team`, runs team sync and the Team screen's server calls the same
 * way, so they are not queued behind an import's write in `jobs`.
 */
export class ApiWorkerHost {
  private readonly main: WorkerLane
  private jobs: WorkerLane
  /** Team sync and the Team screen's server calls: apart from `jobs`, so they never wait for an import's write. */
  private teamLane: WorkerLane
  private board = new StopBoard()
  private readonly mirror = new JobMirror()
  /** Agreement runs in flight in `jobs`: the caller's run id → the call's id there. */
  private readonly runs = new Map<string, number>()
  /** What team sync (in `team`) holds in memory, as it last reported; `team.state` is answered with it from `main`. */
  private team: TeamMemory = NOTHING_HELD
  /** The last team.connect that succeeded (its password in memory only), replayed when `team` starts again; null after a disconnect. */
  private teamLogin: Record<string, unknown> | null = null

  constructor(
    private readonly setup: WorkerSetup,
    private readonly opts: ApiWorkerHostOptions = {},
  ) {
    // The app's connection does not sleep in SQLite while the jobs worker writes: its calls wait on the event loop (BusyRetry).
    const mainSetup: WorkerSetup = { ...setup, openOptions: { ...setup.openOptions, busyTimeoutMs: setup.openOptions.busyTimeoutMs ?? MAIN_BUSY_TIMEOUT_MS } }
    this.main = new WorkerLane(mainSetup, { ...opts, onCrash: (m, r) => opts.onCrash?.(m, r, 'main') })
    this.jobs = this.jobsLane()
    this.teamLane = this.newTeamLane()
  }

  /**
   * The team worker: SQLite waits at most TEAM_BUSY_TIMEOUT_MS on its thread for another writer (an edit is
   * shorter); a sync that finds an import writing waits on the event loop and says so (TeamSyncService).
   */
  private newTeamLane(): WorkerLane {
    const setup: WorkerSetup = {
      ...this.setup,
      background: true,
      openOptions: { ...this.setup.openOptions, lock: false, rollingBackups: false, busyTimeoutMs: TEAM_BUSY_TIMEOUT_MS },
    }
    return new WorkerLane(setup, {
      ...this.opts,
      onTeam: (memory) => (this.team = memory),
      onCrash: (m, r) => {
        this.team = this.teamLogin ? { ...NOTHING_HELD, lastError: `team sync stopped: ${m}` } : NOTHING_HELD
        // The lane starts its new worker right after telling us; the login waits for it.
        if (r) setImmediate(() => this.teamRelogin())
        this.opts.onCrash?.(m, r, 'team')
      },
    })
  }

  private jobsLane(): WorkerLane {
    this.board = new StopBoard() // call ids start again in a new worker
    const setup: WorkerSetup = {
      ...this.setup,
      background: true,
      stopBoard: this.board.buffer,
      openOptions: { ...this.setup.openOptions, lock: false, rollingBackups: false },
    }
    return new WorkerLane(setup, {
      ...this.opts,
      onJob: (status, callId) => this.mirror.update(status, callId),
      onCrash: (m, r) => {
        this.mirror.workerLost(m)
        this.opts.onCrash?.(m, r, 'jobs')
      },
    })
  }

  /**
   * Opens the workspace in `main` (it migrates and takes the lock); resolves then. `jobs` starts right after, without
   * being waited for (the first import, export or agreement finds it ready; a failure to open is answered to its first
   * call), and `team` only at its first call: each thread loads the API's code and opens the workspace (about
   * 0.35 CPU-s), and most sessions never sync. (Started on demand, `jobs` made the first import of a session wait for
   * it: on a loaded machine past the e2e tests' 10 s.)
   */
  async start(): Promise<void> {
    await this.main.start()
    this.jobs.startIfIdle()
  }

  call: ApiCall = async (method, args, requestId) => {
    const lane = laneOf(method)
    if (method === 'transfer.job' || method === 'transfer.cancel') return this.jobCall(method, args, requestId)
    if (method === 'review.cancelAgreement') return this.cancelAgreement(args)
    if (method === 'review.agreement') return this.agreement(args, requestId)
    if (method === 'team.state') return this.teamState(args, requestId)
    if (method === 'team.connect' || method === 'team.disconnect') return this.teamLoginCall(method, args, requestId)
    if (method === 'team.leave') return this.teamLeave(args, requestId)
    if (lane === 'jobs') return this.jobs.call(method, args, requestId)
    // team.autoSync (a setting) can find an import writing, like main's writes: the same plain answer.
    if (lane === 'team') return this.busyWhy(await this.teamLane.call(method, args, requestId))
    if (lane === 'reopen') return this.reopening(method, args, requestId)
    return this.busyWhy(await this.main.call(method, args, requestId))
  }

  /**
   * The same calls for the HTTP transport: a plain call to `main` is answered, when it succeeds, with the
   * worker's JSON bytes (see encodedReply.ts). Calls the host itself answers or joins (jobs, agreement,
   * team, reopen) stay objects. Electron's IPC uses `call`: its channel clones objects either way.
   */
  wireCall: WireCall = async (method, args, requestId) => {
    if (laneOf(method) !== 'main' || method === 'review.cancelAgreement' || method === 'team.state') return this.call(method, args, requestId)
    return this.busyWhy(await this.main.wireCall(method, args, requestId))
  }

  /**
   * The Team screen's state while `team` may be deep in a pull: the workspace's part (pending changes,
   * conflicts kept, the last sync's time) read by `main`, joined with the sync's memory that `team` reports.
   */
  private async teamState(args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    const reply = await this.main.call('team.state', args, requestId)
    return reply.ok ? { ok: true, value: withMemory(reply.value as TeamSyncState, this.team) } : reply
  }

  /** Connect and disconnect in `team`; a successful connect is kept (in memory) to connect a restarted `team` again. */
  private async teamLoginCall(method: 'team.connect' | 'team.disconnect', args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    const reply = this.busyWhy(await this.teamLane.call(method, args, requestId))
    if (reply.ok) this.teamLogin = method === 'team.connect' && args && typeof args === 'object' ? { ...(args as Record<string, unknown>) } : null
    return reply
  }

  /**
   * Leaving: the team worker's sync loop is stopped and its login forgotten first (else its next tick, or a
   * restarted worker's relogin, would join the team again), then `main` drops the membership.
   */
  private async teamLeave(args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    await this.teamLoginCall('team.disconnect', {}, undefined)
    return this.main.call('team.leave', args, requestId)
  }

  /** A new `team` worker (after a crash or a reopen) holds no password: connect it again as before (sync retries if the server is away). */
  private teamRelogin(): void {
    if (!this.teamLogin) return
    const { autoSyncSeconds: _kept, ...login } = this.teamLogin // the interval is in the workspace already
    void this.teamLane.call('team.connect', { ...login, keepTrying: true })
  }

  /** A write refused because the workspace stayed busy: say so plainly when it is this app's own import. */
  private busyWhy<R extends WireReply>(reply: R): R {
    if (isEncodedReply(reply) || reply.ok || !isBusyReply(reply) || this.mirror.runningKind() !== 'import') return reply
    const message = 'the workspace could not be written: an import is writing to it; nothing was changed, try again when the import has finished'
    return { ok: false, error: { ...reply.error, message } } as R
  }

  /**
   * A job's status, or a cancel, answered here from the mirror: the jobs worker may be busy inside a
   * write for seconds. A cancel also sets the job's stop on the board (heard at its next progress step)
   * and is passed on, for the steps that wait on the event loop. Jobs this host never saw go to the worker.
   */
  private jobCall(method: 'transfer.job' | 'transfer.cancel', args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    const id = (args as { id?: unknown } | null)?.id
    const status = typeof id === 'string' ? this.mirror.status(id) : null
    if (!status) return this.jobs.call(method, args, requestId)
    if (method === 'transfer.cancel' && typeof id === 'string') {
      const callId = this.mirror.runningCall(id)
      if (callId !== null) this.board.requestStop(callId)
      void this.jobs.call(method, args, requestId)
    }
    return Promise.resolve({ ok: true, value: status })
  }

  /** Agreement in `jobs`; one given a run id can be stopped mid-way by `review.cancelAgreement`. */
  private async agreement(args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    const runId = (args as { runId?: unknown } | null)?.runId
    if (typeof runId !== 'string') return this.jobs.call('review.agreement', args, requestId)
    if (this.runs.has(runId)) return { ok: false, error: { code: 'conflict', message: `an agreement run ${runId} is already running` } }
    try {
      return await this.jobs.callTracked('review.agreement', args, requestId, (callId) => this.runs.set(runId, callId))
    } finally {
      this.runs.delete(runId)
    }
  }

  private cancelAgreement(raw: unknown): Promise<Reply<unknown>> {
    let runId: string
    try {
      runId = (parseCall('review.cancelAgreement', raw).args as { runId: string }).runId
    } catch (e) {
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message: (e as Error).message } })
    }
    const callId = this.runs.get(runId)
    if (callId === undefined) return Promise.resolve({ ok: true, value: { cancelled: false, done: 0, total: null } satisfies AgreementCancel })
    this.board.requestStop(callId)
    const p = this.board.progressOf(callId)
    return Promise.resolve({ ok: true, value: { cancelled: true, done: p?.done ?? 0, total: p?.total ?? null } satisfies AgreementCancel })
  }

  /** How far an agreement run has got (documents done of total), or null before it starts or after it ends. */
  agreementProgress(runId: string): { done: number; total: number | null } | null {
    const callId = this.runs.get(runId)
    return callId === undefined ? null : this.board.progressOf(callId)
  }

  download = (job: string, n: number): Promise<DownloadFileInfo | null> => this.jobs.download(job, n)

  /**
   * A restore (or new backup settings) closes and reopens the workspace in
   * `main`: refused while a job runs, and `jobs` is closed around it so no
   * connection holds the file being replaced.
   */
  private async reopening(method: unknown, args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    // Arguments the contract refuses are refused by `main` as any call's are, nothing closed: each refusal cost a
    // reopen (seconds) and a new jobs worker, which forgot the downloads of finished exports.
    try {
      parseCall(String(method), args)
    } catch {
      return this.main.call(method, args, requestId)
    }
    const running = await this.jobs.runningJob()
    if (running) return { ok: false, error: { code: 'conflict', message: `an ${running} is running in this workspace; wait for it to finish (or cancel it), then try again` } }
    // A sync stopped here resumes at the next one, as after a crash (each step is its own transaction).
    await Promise.all([this.jobs.close(), this.teamLane.close()])
    try {
      return await this.main.call(method, args, requestId)
    } finally {
      this.jobs = this.jobsLane()
      this.teamLane = this.newTeamLane()
      this.team = NOTHING_HELD
      // `jobs` starts again now, `team` at its next call or now for a kept login; a failure to open is answered to the next call.
      this.jobs.startIfIdle()
      this.teamRelogin()
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.jobs.close(), this.teamLane.close()])
    await this.main.close()
  }

  /** A test hook: the lanes whose worker thread runs now (`team` starts at its first call). */
  lanesRunning(): LaneName[] {
    return (['main', 'jobs', 'team'] as const).filter((l) => (l === 'main' ? this.main : l === 'jobs' ? this.jobs : this.teamLane).running)
  }

  /** A test hook: ends one worker at once, as a crash would. */
  terminateForTest(lane: LaneName = 'main'): Promise<void> {
    return (lane === 'main' ? this.main : lane === 'jobs' ? this.jobs : this.teamLane).terminateForTest()
  }
}
