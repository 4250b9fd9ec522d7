import type { JobStatus } from '../../shared/api/methods/transfer'

/** Finished jobs kept (as the jobs worker's registry keeps them). */
const KEEP_FINISHED = 50

/**
 * The host's copy of each job's status, as the jobs worker reports it
 * (throttled, and at every change of state). `transfer.job` and
 * `transfer.cancel` are answered from it: the jobs worker may be inside a
 * synchronous write for seconds and cannot answer then. It also outlives the
 * worker: a job whose worker died is reported failed, in plain words.
 */
export class JobMirror {
  private readonly jobs = new Map<string, { status: JobStatus; callId: number | null }>()

  update(status: JobStatus, callId: number | null): void {
    this.jobs.delete(status.id) // re-inserted last: the map stays in order of last change
    this.jobs.set(status.id, { status, callId })
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running')
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.status.id)
  }

  /** A copy of the job's status, or null when this host never heard of it. */
  status(id: string): JobStatus | null {
    const j = this.jobs.get(id)
    return j ? structuredClone(j.status) : null
  }

  /** The call that started a running job (its stop slot), or null. */
  runningCall(id: string): number | null {
    const j = this.jobs.get(id)
    return j && j.status.state === 'running' ? j.callId : null
  }

  /** The kind of a job running now ('import', 'export'), or null. */
  runningKind(): JobStatus['kind'] | null {
    for (const j of this.jobs.values()) if (j.status.state === 'running') return j.status.kind
    return null
  }

  /** The jobs worker died: its running jobs failed, and nothing they were writing was saved. */
  workerLost(why: string): void {
    for (const j of this.jobs.values()) {
      if (j.status.state !== 'running') continue
      j.status = {
        ...j.status,
        state: 'failed',
        finishedAt: new Date().toISOString(),
        error: { message: `${why} before this ${j.status.kind} finished${j.status.kind === 'import' ? ' (an unfinished import writes nothing)' : ''}. Try again.`, errors: [], linesRead: null },
      }
    }
  }
}
