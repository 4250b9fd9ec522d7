import type { JobStatus } from '../../../shared/api/methods/transfer'

const PHASE: Record<JobStatus['phase'], string> = { validate: 'Checking records', write: 'Writing to the workspace', export: 'Writing layers' }

/** A running job: what it is doing, a bar (indeterminate while the total is unknown), and cancel. */
export function JobProgress({ job, unit, onCancel }: { job: JobStatus; unit: string; onCancel: () => void }) {
  const share = job.total ? Math.min(1, job.done / job.total) : null
  return (
    <div className="job-progress" data-testid="job-progress" aria-live="polite">
      <div className="job-progress-head">
        <strong>{PHASE[job.phase]}…</strong>
        <span className="muted num">
          {job.done.toLocaleString()}
          {job.total !== null ? ` of ${job.total.toLocaleString()}` : ''} {unit}
          {job.rejected ? ` · ${job.rejected.toLocaleString()} rejected` : ''}
        </span>
      </div>
      <div
        className={`progress-track${share === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={job.total ?? undefined}
        aria-valuenow={share === null ? undefined : job.done}
      >
        <div className="progress-fill" style={share === null ? undefined : { width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="job-progress-foot">
        <span className="muted file-name" title={job.file}>
          {job.file}
        </span>
        <button type="button" className="btn btn-quiet-danger" onClick={onCancel} data-testid="job-cancel">
          Cancel
        </button>
      </div>
    </div>
  )
}
