/**
 * Which worker answers a method: long jobs (and the calls about them) in
 * `jobs`; the calls that close and reopen the workspace go through the host's
 * `reopen` path; everything else in `main`. The host itself answers a job's
 * status and cancel (while it knows the job) and `review.cancelAgreement`:
 * the jobs worker may be busy inside synchronous work (ApiWorkerHost).
 */
const JOBS = new Set(['transfer.import', 'transfer.export', 'transfer.job', 'transfer.cancel', 'review.agreement'])
const REOPEN = new Set(['workspace.restore', 'workspace.updateSettings'])

export function laneOf(method: unknown): 'main' | 'jobs' | 'reopen' {
  if (typeof method !== 'string') return 'main'
  if (JOBS.has(method)) return 'jobs'
  return REOPEN.has(method) ? 'reopen' : 'main'
}
