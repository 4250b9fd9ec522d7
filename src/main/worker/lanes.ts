/**
 * Which worker answers a method: long jobs (and the calls about them) in
 * `jobs`; the calls that close and reopen the workspace go through the host's
 * `reopen` path; everything else in `main`. Team sync runs in `jobs` too (a
 * first pull writes thousands of layers), so every team call but `team.state`
 * goes there: the sync service and its password live in that worker; the host
 * answers `team.state` from `main` (the workspace's part) and the memory the
 * jobs worker reports (teamMemory.ts). The host itself answers a job's
 * status and cancel (while it knows the job) and `review.cancelAgreement`:
 * the jobs worker may be busy inside synchronous work (ApiWorkerHost).
 */
const TEAM_SYNC = ['team.connect', 'team.disconnect', 'team.syncNow', 'team.autoSync', 'team.progress', 'team.documents', 'team.assign']
const JOBS = new Set(['transfer.import', 'transfer.export', 'transfer.job', 'transfer.cancel', 'review.agreement', ...TEAM_SYNC])
const REOPEN = new Set(['workspace.restore', 'workspace.updateSettings'])

export function laneOf(method: unknown): 'main' | 'jobs' | 'reopen' {
  if (typeof method !== 'string') return 'main'
  if (JOBS.has(method)) return 'jobs'
  return REOPEN.has(method) ? 'reopen' : 'main'
}
