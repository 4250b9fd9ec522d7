import crypto from 'node:crypto'
import fs from 'node:fs'
import { AppError } from '../../../shared/api/errors'
import type { JobStatus } from '../../../shared/api/methods/transfer'
import type { LineError } from '../../../shared/formats/importRecord'
import type { SkippedEntry } from '../../../shared/formats/importReport'
import { pathRefusalText } from '../../store/storageErrors'
import { currentCallScope } from './callScope'

/** A file a finished export offers for download. */
export interface DownloadFile {
  name: string
  path: string
  /** Written to a temp folder for download only: removed when the job is dropped. */
  temporary: boolean
}

/** What a running job may update: its progress, and at the end its files for download. */
export interface JobControl {
  readonly signal: AbortSignal
  progress(p: Partial<Pick<JobStatus, 'phase' | 'done' | 'total' | 'rejected' | 'file'>>): void
  offerDownloads(files: DownloadFile[]): void
}

interface Job {
  status: JobStatus
  /** The workspace it runs on: one job at a time per workspace. */
  workspace: string
  controller: AbortController
  downloads: DownloadFile[]
  /** Resolves when the job has settled (done, failed or cancelled). */
  settled: Promise<void>
}

/** Told of every change of a job's status (the API worker mirrors them to its host, which answers polls while this thread is busy). */
export type JobWatcher = (status: JobStatus, callId: number | null) => void
let watcher: JobWatcher | null = null

/** Sets (or clears) the one watcher of job changes. */
export function watchJobs(w: JobWatcher | null): void {
  watcher = w
}

/** Finished jobs kept for `transfer.job` (and their downloads); older ones are dropped. */
const KEEP_FINISHED = 50
const jobs = new Map<string, Job>()

/**
 * Runs `body` as a background job off the request path: returns the job's
 * status at once (state `running`), and records the outcome when `body`
 * settles. `body` must honour the signal (a cancelled import writes nothing).
 * Job ids are random, so a download URL cannot be guessed from another.
 */
export function startJob(
  kind: JobStatus['kind'],
  workspace: string,
  body: (job: JobControl) => Promise<Pick<JobStatus, 'importReport' | 'exportReport'>>,
): JobStatus {
  const busy = [...jobs.values()].find((j) => j.workspace === workspace && j.status.state === 'running')
  if (busy) throw new AppError('conflict', `an ${busy.status.kind} is already running in this workspace; wait for it or cancel it`)
  const id = crypto.randomBytes(12).toString('base64url')
  const controller = new AbortController()
  const status: JobStatus = {
    id,
    kind,
    state: 'running',
    phase: kind === 'import' ? 'validate' : 'export',
    done: 0,
    total: null,
    rejected: 0,
    file: '',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    importReport: null,
    exportReport: null,
    error: null,
    downloads: [],
  }
  const job: Job = { status, workspace, controller, downloads: [], settled: Promise.resolve() }
  // A stop asked for from another thread (src/main/worker) is heard at the job's next progress report,
  // even inside a synchronous write transaction: the abort makes its next signal check throw (and roll back).
  const scope = currentCallScope()
  const changed = () => watcher?.(status, scope?.callId ?? null)
  const control: JobControl = {
    signal: controller.signal,
    progress: (p) => {
      Object.assign(status, p)
      if (scope?.stopRequested() && !controller.signal.aborted) controller.abort(new AppError('cancelled', 'cancelled'))
      changed()
    },
    offerDownloads: (files) => {
      job.downloads = files
      status.downloads = files.map((f) => ({ name: f.name, bytes: fs.statSync(f.path).size }))
    },
  }
  jobs.set(id, job)
  changed()
  // Started on the next turn, so the caller has the id before any work (or failure) happens.
  job.settled = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => body(control))
    .then(
      (reports) => {
        Object.assign(status, reports, { state: 'done' })
      },
      (e: unknown) => {
        if (controller.signal.aborted) {
          status.state = 'cancelled'
          return
        }
        status.state = 'failed'
        const details = e instanceof AppError ? (e.details as { errors?: LineError[]; linesRead?: number; skipped?: SkippedEntry[] } | undefined) : undefined
        status.error = {
          // The disk's refusal (a read-only --out) as a sentence naming the path, not Node's `EACCES: …, open`.
          message: pathRefusalText(e) ?? (e instanceof Error ? e.message : String(e)),
          errors: Array.isArray(details?.errors) ? details.errors : [],
          linesRead: typeof details?.linesRead === 'number' ? details.linesRead : null,
          // A failed import's files passed over (importFiles' withSkipped), listed as its report would list them.
          ...(Array.isArray(details?.skipped) && details.skipped.length ? { skipped: details.skipped } : {}),
        }
      },
    )
    .finally(() => {
      status.finishedAt = new Date().toISOString()
      pruneFinished()
      changed()
    })
  return snapshot(status)
}

function pruneFinished(): void {
  const finished = [...jobs.values()].filter((j) => j.status.state !== 'running')
  for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
    jobs.delete(j.status.id)
    for (const d of j.downloads) if (d.temporary) fs.rmSync(d.path, { force: true })
  }
}

function find(id: string): Job {
  const job = jobs.get(id)
  if (!job) throw new AppError('not_found', `no job ${id} (finished jobs are kept for this run only)`)
  return job
}

/** A copy, so a caller holding it never sees later changes half-made. */
const snapshot = (s: JobStatus): JobStatus => structuredClone(s)

/** The job running on a workspace now, if any (a restore must not swap the file under it). */
export function runningJobIn(workspace: string): JobStatus | null {
  const job = [...jobs.values()].find((j) => j.workspace === workspace && j.status.state === 'running')
  return job ? snapshot(job.status) : null
}

export function jobStatus(id: string): JobStatus {
  return snapshot(find(id).status)
}

/** Asks a running job to stop; it settles as `cancelled` at its next check. A finished job is left as it is. */
export function cancelJob(id: string): JobStatus {
  const job = find(id)
  if (job.status.state === 'running') job.controller.abort(new AppError('cancelled', 'cancelled'))
  return snapshot(job.status)
}

/** Waits for a job to settle (for tests and shutdown). */
export async function jobSettled(id: string): Promise<JobStatus> {
  await find(id).settled
  return jobStatus(id)
}

/** The n-th file a finished job offers, or null: for the HTTP download route. */
export function jobDownload(id: string, n: number): DownloadFile | null {
  const job = jobs.get(id)
  if (!job || job.status.state !== 'done') return null
  return job.downloads[n] ?? null
}
