import { afterEach, describe, expect, it } from 'vitest'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * The `jobs` and `team` workers start at their first call, not with the host: each thread loads the API's code and
 * opens the workspace, and a session that never imports, exports or syncs needs neither (a `serve` start cost
 * 2.6 CPU-s with all three started at once, about 1 with `main` alone).
 */

const hosts: ApiWorkerHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

describe('the API worker lanes started on demand', () => {
  it('starts main alone; jobs and team at their first call; a reopen leaves them stopped until called again', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    expect(host.lanesRunning()).toEqual(['main'])
    // Calls `main` answers, and the ones the host answers from it (team.state), start nothing else.
    expect((await host.call('documents.counts', { annotator: 'alice' })).ok).toBe(true)
    expect((await host.call('team.state', {})).ok).toBe(true)
    expect(await host.download('no-such-job', 0)).toBeNull()
    expect(host.lanesRunning()).toEqual(['main'])
    // A job's call starts `jobs`, and it answers it (an unknown job is refused by the worker, plainly).
    const job = await host.call('transfer.job', { id: 'no-such-job' })
    expect(job.ok).toBe(false)
    if (!job.ok) expect(job.error.code).not.toBe('unavailable')
    expect(host.lanesRunning()).toEqual(['main', 'jobs'])
    // A sync call starts `team`: not connected, so refused, not unavailable.
    const progress = await host.call('team.progress', {})
    expect(progress.ok ? 'ok' : progress.error.code).toBe('conflict')
    expect(host.lanesRunning()).toEqual(['main', 'jobs', 'team'])
    // A reopen (new backup settings) closes both; with no team login kept, neither starts again until called.
    expect((await host.call('workspace.updateSettings', { keep: 5 })).ok).toBe(true)
    expect(host.lanesRunning()).toEqual(['main'])
    expect((await host.call('transfer.job', { id: 'no-such-job' })).ok).toBe(false)
    expect(host.lanesRunning()).toEqual(['main', 'jobs'])
  })
})
