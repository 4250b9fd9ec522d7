import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/shared/api/errors'
import type { JobStatus } from '../../../../src/shared/api/methods/transfer'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { writeBigImportFile } from '../../../helpers/bigImportFile'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * The API worker (src/main/worker) as the transports use it: the same
 * contract as dispatch(), errors as data, the request-id replay guard, a
 * cancellable import, and a crash that answers every waiting call and restarts.
 */

const hosts: ApiWorkerHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

/** A workspace with the news schema, closed here and opened by a worker. */
async function startHost(opts: ConstructorParameters<typeof ApiWorkerHost>[1] = {}) {
  const { store, dir, file } = tempStore()
  store.close()
  const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } }, opts)
  hosts.push(host)
  await host.start()
  return { host, dir, file }
}

function value<T>(r: Reply<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function settled(host: ApiWorkerHost, id: string): Promise<JobStatus> {
  for (;;) {
    const s = value<JobStatus>(await host.call('transfer.job', { id }))
    if (s.state !== 'running') return s
    await new Promise((r) => setTimeout(r, 20))
  }
}

const total = async (host: ApiWorkerHost) => value<{ total: number }>(await host.call('documents.counts', { annotator: 'importer' })).total

describe('ApiWorkerHost', () => {
  it('answers the contract as dispatch does: values, and errors as data', async () => {
    const { host } = await startHost()
    expect(value<{ transport: string }>(await host.call('app.info', {})).transport).toBe('http')
    const unknown = await host.call('no.such', {})
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error.code).toBe('unknown_method')
    const bad = await host.call('documents.get', { id: 'x' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.code).toBe('bad_request')
    const notString = await host.call(42, {})
    expect(notString.ok).toBe(false)
  })

  it('applies a retried edit once (the request id guard lives in the worker)', async () => {
    const { host, dir } = await startHost()
    const file = path.join(dir, 'one.jsonl')
    writeBigImportFile(file, 1, 0)
    const job = value<JobStatus>(await host.call('transfer.import', { paths: [file] }))
    expect((await settled(host, job.id)).state).toBe('done')
    const [doc] = value<{ id: number }[]>(await host.call('documents.list', { annotator: 'ann' }))
    const span = { documentId: doc.id, annotator: 'ann', label: 'PERSON', start: 0, end: 5 }
    const first = await host.call('spans.create', span, 'retry-0001-abcd')
    const again = await host.call('spans.create', span, 'retry-0001-abcd')
    expect(first.ok).toBe(true)
    expect(again).toEqual(first)
    const layer = value<{ spans: unknown[] }>(await host.call('annotations.get', { documentId: doc.id, annotator: 'ann' }))
    expect(layer.spans).toHaveLength(1)
    const reused = await host.call('spans.delete', { id: 1 }, 'retry-0001-abcd')
    expect(reused.ok).toBe(false)
  })

  it('a cancelled import writes nothing', async () => {
    const { host, dir } = await startHost()
    const file = path.join(dir, 'big.jsonl')
    writeBigImportFile(file, 20_000)
    const before = await total(host)
    const job = value<JobStatus>(await host.call('transfer.import', { paths: [file] }))
    const cancel = await host.call('transfer.cancel', { id: job.id })
    expect(cancel.ok).toBe(true)
    expect((await settled(host, job.id)).state).toBe('cancelled')
    expect(await total(host)).toBe(before)
  })

  it('a crash answers the waiting calls with a plain error, restarts, and the interrupted import wrote nothing', async () => {
    const crashes: string[] = []
    const { host, dir } = await startHost({ onCrash: (_why, _restarting, lane) => crashes.push(lane) })
    const file = path.join(dir, 'big.jsonl')
    writeBigImportFile(file, 20_000)
    const before = await total(host)
    const job = value<JobStatus>(await host.call('transfer.import', { paths: [file] }))
    // A call the jobs worker itself answers, in flight when it dies.
    const waiting = host.call('transfer.export', { format: 'jsonl' })
    await host.terminateForTest('jobs')
    const lost = await waiting
    // Either the worker answered before its thread ended (here: refused, an import runs), or the call gets
    // the plain reason: never a hang.
    if (!lost.ok && lost.error.code !== 'conflict') {
      expect(lost.error.code).toBe('unavailable')
      expect(lost.error.message).toMatch(/worker stopped .*transfer\.export.*Try again/)
    }
    expect(crashes).toEqual(['jobs'])
    // The restarted worker has the workspace open again, without the import.
    expect(await total(host)).toBe(before)
    // The dialog polling the import hears, in plain words, that it failed and wrote nothing.
    const status = value<JobStatus>(await host.call('transfer.job', { id: job.id }))
    expect(status.state).toBe('failed')
    expect(status.error?.message).toMatch(/workspace worker stopped .* before this import finished \(an unfinished import writes nothing\)\. Try again\./)
  })

  it('a worker that keeps dying is reported plainly, not restarted forever', async () => {
    const crashes: boolean[] = []
    const { host } = await startHost({ maxRestarts: 1, onCrash: (_why, restarting) => crashes.push(restarting) })
    await host.terminateForTest()
    expect(value<{ transport: string }>(await host.call('app.info', {})).transport).toBe('http')
    await host.terminateForTest()
    const r = await host.call('app.info', {})
    expect(crashes).toEqual([true, false])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/failed too often to restart/)
  })

  it('a workspace that cannot be opened rejects start() with the reason', async () => {
    const { dir } = await startHost()
    const aFile = path.join(dir, 'a-file')
    fs.writeFileSync(aFile, 'not a folder')
    const host = new ApiWorkerHost({ file: path.join(aFile, 'w.spanwright'), version: 'test', transport: 'http', openOptions: {} })
    hosts.push(host)
    await expect(host.start()).rejects.toThrow(/a file is in the way/)
    const r = await host.call('app.info', {})
    expect(r.ok).toBe(false)
  })

  it('the worker loads the SQLite addon the process chose (a thread does not share the choice by itself)', async () => {
    const { dir } = await startHost()
    const chosen = path.join(dir, 'not-built', 'better_sqlite3.node')
    const host = new ApiWorkerHost({ file: path.join(dir, 'w2.spanwright'), version: 'test', transport: 'ipc', openOptions: {}, nativeBinding: chosen })
    hosts.push(host)
    await expect(host.start()).rejects.toThrow(/not-built/)
  })
})
