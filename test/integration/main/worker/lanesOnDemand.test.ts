import { afterEach, describe, expect, it } from 'vitest'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * The `team` worker starts at its first call, and `jobs` right after `main` without being waited for: each thread
 * loads the API's code and opens the workspace, and a session that never syncs needs no `team` (a `serve` start cost
 * 2.6 CPU-s with all three started and waited for, with pg, fflate, saxes and msgpack loaded in each).
 */

const hosts: ApiWorkerHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

describe('the API worker lanes started on demand', () => {
  it('starts main, then jobs without waiting for it; team at its first call; a reopen starts jobs again, not team', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    expect(host.lanesRunning()).toEqual(['main', 'jobs'])
    // Calls `main` answers, the ones the host answers from it (team.state), and a job's call start no `team`.
    expect((await host.call('documents.counts', { annotator: 'alice' })).ok).toBe(true)
    expect((await host.call('team.state', {})).ok).toBe(true)
    const job = await host.call('transfer.job', { id: 'no-such-job' })
    expect(job.ok).toBe(false)
    if (!job.ok) expect(job.error.code).not.toBe('unavailable') // `jobs` answered it: it was started and opened
    expect(host.lanesRunning()).toEqual(['main', 'jobs'])
    // A sync call starts `team`: not connected, so refused, not unavailable.
    const progress = await host.call('team.progress', {})
    expect(progress.ok ? 'ok' : progress.error.code).toBe('conflict')
    expect(host.lanesRunning()).toEqual(['main', 'jobs', 'team'])
    // A reopen (new backup settings) closes both; `jobs` starts again, `team` (no login kept) waits for a call.
    expect((await host.call('workspace.updateSettings', { keep: 5 })).ok).toBe(true)
    expect(host.lanesRunning()).toEqual(['main', 'jobs'])
    expect((await host.call('transfer.job', { id: 'no-such-job' })).ok).toBe(false)
    expect((await host.call('team.progress', {})).ok).toBe(false)
    expect(host.lanesRunning()).toEqual(['main', 'jobs', 'team'])
  })
})
