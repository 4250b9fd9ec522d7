/**
 * Which worker answers a method: long jobs (and the calls about them) in
 * `jobs`; the calls that close and reopen the workspace go through the host's
 * `reopen` path; everything else in `main`. Team sync runs in its own worker,
 * `team` (a first pull writes thousands of layers; and the Team screen's
 * server reads, progress and assignments, must not wait for an import's write
 * in `jobs`), so every team call but `team.state` goes there: the sync service
 * and its password live in that worker; the host answers `team.state` from
 * `main` (the workspace's part) and the memory the team worker reports
 * (teamMemory.ts). The host itself answers a job's
 * status and cancel (while it knows the job) and `review.cancelAgreement`:
 * the jobs worker may be busy inside synchronous work (ApiWorkerHost).
 */
const TEAM_SYNC = ['team.connect', 'team.disconnect', 'team.syncNow', 'team.autoSync', 'team.progress', 'team.documents', 'team.assign']
const TEAM = new Set(TEAM_SYNC)
// review.changedSinceDone reads every done review's layers (0.3 ms each measured): long on a big workspace, as agreement is.
const JOBS = new Set(['transfer.import', 'transfer.export', 'transfer.job', 'transfer.cancel', 'review.agreement', 'review.changedSinceDone'])
const REOPEN = new Set(['workspace.restore', 'workspace.updateSettings'])

export function laneOf(method: unknown): 'main' | 'jobs' | 'team' | 'reopen' {
  if (typeof method !== 'string') return 'main'
  if (JOBS.has(method)) return 'jobs'
  if (TEAM.has(method)) return 'team'
  return REOPEN.has(method) ? 'reopen' : 'main'
}
