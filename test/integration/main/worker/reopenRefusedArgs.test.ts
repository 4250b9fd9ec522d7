import { describe, expect, it } from 'vitest'
import type { JobStatus } from '../../../../src/shared/api/methods/transfer'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { tempStore } from '../../../helpers/tempWorkspace'
import { hostsClosedAfterEach, replyValue } from '../../../helpers/workerHosts'

/**
 * workspace.updateSettings and workspace.restore close the jobs and team workers around the reopen. Found by a
 * hostile-request run on `spanwright serve`: arguments the contract refuses did that too (every refusal took a
 * reopen, 3-7 s under tsx, and the jobs worker was replaced, so a finished export's download was gone). They are
 * now refused as any call is, nothing closed.
 */
const hosts = hostsClosedAfterEach()
const value = replyValue

describe('a reopening call with arguments the contract refuses', () => {
  it('is refused as dispatch refuses it, and the jobs worker (a finished export, its download) stays', async () => {
    const { store, file } = tempStore()
    store.documents.insert({ externalId: 'd1', title: 'd1', text: 'Kerry met Michel.', meta: {} })
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    const started = value<JobStatus>(await host.call('transfer.export', { format: 'jsonl' }))
    let job = started
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 20))
      job = value<JobStatus>(await host.call('transfer.job', { id: started.id }))
    }
    expect(job.state, JSON.stringify(job)).toBe('done')
    expect(await host.download(started.id, 0)).not.toBeNull()

    for (const bad of [{ keep: true }, { keep: 0 }, { intervalMinutes: '1' }, { x: 1 }, null]) {
      const r = await host.call('workspace.updateSettings', bad)
      expect(r.ok, JSON.stringify(bad)).toBe(false)
      expect(!r.ok && r.error.code).toBe('bad_request')
    }
    const restore = await host.call('workspace.restore', { from: 42 })
    expect(!restore.ok && restore.error.code).toBe('bad_request')
    expect(await host.download(started.id, 0)).not.toBeNull()
  })
})
