import Database from 'better-sqlite3'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reply } from '../../../../src/shared/api/errors'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import type { JobStatus } from '../../../../src/shared/api/methods/transfer'
import { writeBigImportFile } from '../../../helpers/bigImportFile'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * An edit made while another connection holds the workspace's write lock (as
 * the jobs worker does for a whole import) waits without stalling the app's
 * worker: other calls are answered meanwhile, and the edit lands once the lock
 * is released. Order of answers, not timing, shows it.
 */

const hosts: ApiWorkerHost[] = []
const dbs: Database.Database[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) if (db.open) db.close()
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

describe('a busy workspace (API worker)', () => {
  it('answers reads while an edit waits for another writer, then applies the edit once the lock is gone', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()

    const writer = new Database(file)
    dbs.push(writer)
    writer.exec('BEGIN IMMEDIATE')
    const answered: string[] = []
    const edit = host.call('session.setAnnotator', { name: 'mara' }).then((r: Reply<unknown>) => {
      answered.push('edit')
      return r
    })
    for (let i = 0; i < 3; i++) {
      const info = await host.call('app.info', {})
      expect(info.ok).toBe(true)
      answered.push('read')
    }
    expect(answered).toEqual(['read', 'read', 'read'])
    writer.exec('COMMIT')
    const done = await edit
    expect(done.ok).toBe(true)
    expect(answered).toEqual(['read', 'read', 'read', 'edit'])
    const info = await host.call('app.info', {})
    expect(info.ok && (info.value as { annotator: string | null }).annotator).toBe('mara')
  })

  it("an edit that waited its 5 s for this app's own import is refused plainly, naming the import", async () => {
    const { store, dir, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    const input = path.join(dir, 'big.jsonl')
    writeBigImportFile(input, 30_000)
    // Another writer holds the lock, so the import (once checked) waits to write, and so does the edit.
    const writer = new Database(file)
    dbs.push(writer)
    writer.exec('BEGIN IMMEDIATE')
    const job = await host.call('transfer.import', { paths: [input] })
    expect(job.ok).toBe(true)
    const edit = await host.call('session.setAnnotator', { name: 'mara' })
    const status = await host.call('transfer.job', { id: (job as { value: JobStatus }).value.id })
    writer.exec('ROLLBACK')
    expect(status.ok && (status.value as JobStatus).state).toBe('running')
    expect(edit.ok).toBe(false)
    if (edit.ok) return
    expect(edit.error.code).toBe('unavailable')
    expect(edit.error.message).toBe('the workspace could not be written: an import is writing to it; nothing was changed, try again when the import has finished')
  }, 60_000)
})
