import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/shared/api/errors'
import type { AgreementCancel } from '../../../../src/shared/api/methods/review'
import type { AgreementReport } from '../../../../src/shared/agreement/report'
import type { JobStatus } from '../../../../src/shared/api/methods/transfer'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { writeBigImportFile } from '../../../helpers/bigImportFile'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Long calls stopped in the middle, through the API worker as the transports
 * use it: the cancel must reach work that never returns to the event loop (an
 * import's write transaction, agreement over every document). "Mid-way" is
 * shown by the progress seen before the cancel and where the run stopped, not
 * by timing.
 */

const hosts: ApiWorkerHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

function value<T>(r: Reply<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function settled(host: ApiWorkerHost, id: string): Promise<JobStatus> {
  for (;;) {
    const s = value<JobStatus>(await host.call('transfer.job', { id }))
    if (s.state !== 'running') return s
    await pause(10)
  }
}

async function startHost(file: string): Promise<ApiWorkerHost> {
  const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
  hosts.push(host)
  await host.start()
  return host
}

const docCount = async (host: ApiWorkerHost) => value<{ total: number }>(await host.call('documents.counts', { annotator: 'importer' })).total

describe('cancel mid-way (API worker)', () => {
  it('an import cancelled inside its write transaction stops there and writes nothing; progress is answered meanwhile', async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const host = await startHost(file)
    const input = path.join(dir, 'big.jsonl')
    const docs = 30_000
    writeBigImportFile(input, docs)
    const job = value<JobStatus>(await host.call('transfer.import', { paths: [input] }))
    // Polls are answered while the worker sits in the synchronous write: wait until it has written some records.
    let seen: JobStatus
    for (;;) {
      seen = value<JobStatus>(await host.call('transfer.job', { id: job.id }))
      if (seen.state !== 'running') throw new Error(`the import ended (${seen.state}) before its write phase was seen`)
      if (seen.phase === 'write' && seen.done > 0) break
      await pause(5)
    }
    expect(value<JobStatus>(await host.call('transfer.cancel', { id: job.id })).id).toBe(job.id)
    const end = await settled(host, job.id)
    expect(end.state).toBe('cancelled')
    expect(end.phase).toBe('write')
    expect(end.done).toBeGreaterThanOrEqual(seen.done)
    expect(end.done).toBeLessThan(docs)
    expect(await docCount(host)).toBe(0)
    // The worker is usable: the next import runs to its end.
    const small = path.join(dir, 'small.jsonl')
    writeBigImportFile(small, 10)
    const next = value<JobStatus>(await host.call('transfer.import', { paths: [small] }))
    expect((await settled(host, next.id)).state).toBe('done')
    expect(await docCount(host)).toBe(10)
  }, 120_000)

  it('agreement with a run id stops between documents when cancelled, answers `cancelled`, and the worker goes on', async () => {
    const { store, dir, file } = tempStore()
    const first = path.join(dir, 'a.jsonl')
    const docs = 20_000
    writeBigImportFile(first, docs)
    const second = path.join(dir, 'b.jsonl')
    fs.writeFileSync(second, fs.readFileSync(first, 'utf8').replaceAll('"annotator":"importer"', '"annotator":"second"'))
    await importFiles(store, [first], { annotator: null, backup: false })
    await importFiles(store, [second], { annotator: null, backup: false })
    store.close()
    const host = await startHost(file)

    let ended = false
    const running = host.call('review.agreement', { runId: 'agree-run-0001' }).finally(() => (ended = true))
    let before: { done: number; total: number | null } | null = null
    while (!before || before.done === 0) {
      if (ended) throw new Error('agreement ended before any progress was seen')
      before = host.agreementProgress('agree-run-0001')
      await pause(1)
    }
    const cancel = value<AgreementCancel>(await host.call('review.cancelAgreement', { runId: 'agree-run-0001' }))
    expect(cancel.cancelled).toBe(true)
    expect(cancel.total).toBe(docs)
    const reply = await running
    expect(reply.ok).toBe(false)
    if (reply.ok) return
    expect(reply.error.code).toBe('cancelled')
    expect(reply.error.message).toMatch(/^agreement cancelled after \d+ of 20000 documents; nothing was changed$/)
    const stoppedAt = reply.error.details as { done: number; total: number }
    expect(stoppedAt.done).toBeGreaterThanOrEqual(before.done)
    expect(stoppedAt.done).toBeLessThan(docs)

    // The run is gone, a second cancel finds nothing, and the worker answers the next agreement whole.
    expect(value<AgreementCancel>(await host.call('review.cancelAgreement', { runId: 'agree-run-0001' })).cancelled).toBe(false)
    const report = value<AgreementReport>(await host.call('review.agreement', { annotators: ['importer', 'second'], documentIds: [1, 2, 3] }))
    expect(report.documents).toBe(3)
    expect(report.pairs[0].spanF1Exact).toBeCloseTo(1)
  }, 120_000)

  it('a cancel for no such run, or with a bad run id, is answered plainly', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = await startHost(file)
    expect(value<AgreementCancel>(await host.call('review.cancelAgreement', { runId: 'never-started' }))).toEqual({ cancelled: false, done: 0, total: null })
    const bad = await host.call('review.cancelAgreement', { runId: 'x' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.code).toBe('bad_request')
  })
})
