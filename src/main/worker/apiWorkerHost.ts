import type { Reply } from '../../shared/api/errors'
import type { DownloadFileInfo, WorkerSetup } from './protocol'
import { laneOf } from './lanes'
import { WorkerLane } from './workerLane'
import type { ApiCall, LaneName, WorkerLaneOptions } from './workerLane'

export type { ApiCall, LaneName } from './workerLane'

export interface ApiWorkerHostOptions extends Omit<WorkerLaneOptions, 'onCrash'> {
  onCrash?: (message: string, willRestart: boolean, lane: LaneName) => void
}

/**
 * The store off the serving thread: two API workers over the same workspace,
 * each running the same handlers and dispatch(). `main` answers the app's
 * calls; `jobs` runs the long ones (imports, exports, agreement), so a big
 * import's write transaction never delays a ping or an edit's read. SQLite
 * keeps them apart: WAL readers see the last commit, and a write waits for
 * the import's transaction (busy timeout), else is answered `unavailable`.
 * The `jobs` connection takes no lock of its own (the process holds it) and
 * no rolling backups, and its thread runs at a lower priority (Linux).
 */
export class ApiWorkerHost {
  private readonly main: WorkerLane
  private jobs: WorkerLane

  constructor(
    private readonly setup: WorkerSetup,
    private readonly opts: ApiWorkerHostOptions = {},
  ) {
    this.main = new WorkerLane(setup, { ...opts, onCrash: (m, r) => opts.onCrash?.(m, r, 'main') })
    this.jobs = this.jobsLane()
  }

  private jobsLane(): WorkerLane {
    const setup: WorkerSetup = { ...this.setup, background: true, openOptions: { ...this.setup.openOptions, lock: false, rollingBackups: false } }
    return new WorkerLane(setup, { ...this.opts, onCrash: (m, r) => this.opts.onCrash?.(m, r, 'jobs') })
  }

  /** Opens the workspace in `main` first (it migrates and takes the lock), then in `jobs`. */
  async start(): Promise<void> {
    await this.main.start()
    await this.jobs.start()
  }

  call: ApiCall = async (method, args, requestId) => {
    const lane = laneOf(method)
    if (lane === 'jobs') return this.jobs.call(method, args, requestId)
    if (lane === 'reopen') return this.reopening(method, args, requestId)
    return this.main.call(method, args, requestId)
  }

  download = (job: string, n: number): Promise<DownloadFileInfo | null> => this.jobs.download(job, n)

  /**
   * A restore (or new backup settings) closes and reopens the workspace in
   * `main`: refused while a job runs, and `jobs` is closed around it so no
   * connection holds the file being replaced.
   */
  private async reopening(method: unknown, args: unknown, requestId: unknown): Promise<Reply<unknown>> {
    const running = await this.jobs.runningJob()
    if (running) return { ok: false, error: { code: 'conflict', message: `an ${running} is running in this workspace; wait for it to finish (or cancel it), then try again` } }
    await this.jobs.close()
    try {
      return await this.main.call(method, args, requestId)
    } finally {
      this.jobs = this.jobsLane()
      await this.jobs.start().catch(() => undefined) // a failure is answered on the next job call
    }
  }

  async close(): Promise<void> {
    await this.jobs.close()
    await this.main.close()
  }

  /** A test hook: ends one worker at once, as a crash would. */
  terminateForTest(lane: LaneName = 'main'): Promise<void> {
    return (lane === 'main' ? this.main : this.jobs).terminateForTest()
  }
}
