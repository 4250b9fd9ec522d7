import Database from 'better-sqlite3'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TeamSyncState } from '../../../../src/shared/api/methods/team'
import type { JobStatus } from '../../../../src/shared/api/methods/transfer'
import { TeamSyncService, WAITING_FOR_IMPORT } from '../../../../src/main/services/team/teamSyncService'
import { openStore } from '../../../../src/main/store/store'
import { addAnnotator, initTeam } from '../../../../src/main/team/teamAdmin'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import fs from 'node:fs'
import { hostsClosedAfterEach, replyValue } from '../../../helpers/workerHosts'
import { postgresMissing, startPostgres } from '../../../helpers/postgresServer'
import type { PostgresServer } from '../../../helpers/postgresServer'
import { tempStore } from '../../../helpers/tempWorkspace'
import { addDocuments, label, teamTestKit } from '../../team/teamDesktops'
import type { Desktop } from '../../team/teamDesktops'

/**
 * The Team screen while the app imports a file: the server reads (each
 * annotator's progress, the assignment list) are answered while the workspace
 * cannot be written, and Sync now, which must write pulled layers into the
 * workspace, says at once that it waits for the import, then syncs when the
 * import has committed. "While" is made certain by a write lock the test holds
 * (as the import's own write transaction holds it) and shown by the import's
 * status (still running after each answer), never by timing.
 */

const missing = postgresMissing()
/**
 * The import's size is not what is tested: the write lock the test holds keeps it running for as long as the test asks
 * (40,000 when the import's own transaction had to outlast the questions, 5,000 once the lock came). SPANWRIGHT_IMPORT_DOCS=N.
 */
const IMPORT_DOCS = Number(process.env.SPANWRIGHT_IMPORT_DOCS ?? 500)

const hosts = hostsClosedAfterEach({ disconnectTeam: true })
const value = replyValue

/**
 * A native-JSONL file of `docs` documents with no layer (a corpus to annotate): nothing of it is a change
 * a team member's next sync would send (an imported layer would be), so that sync stays short.
 */
function writeDocumentsFile(file: string, docs: number): void {
  const text = 'Kerry met Michel in Brussels on Monday and they talked about Paris. '.repeat(4)
  const lines: string[] = []
  for (let d = 0; d < docs; d++) lines.push(JSON.stringify({ id: `big-${d}`, text: `${text}${d}` }))
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const job = async (host: ApiWorkerHost, id: string) => value<JobStatus>(await host.call('transfer.job', { id }))
const teamState = async (host: ApiWorkerHost) => value<TeamSyncState>(await host.call('team.state', {}))

describe.skipIf(missing)(`the Team screen during a big import, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('lanes')
    await initTeam(server.url('lanes'))
    urls.admin = await addAnnotator(server.url('lanes'), 'admin', { reviewer: true, admin: true })
    urls.reader = await addAnnotator(server.url('lanes'), 'reader', { reviewer: false, admin: false })
  }, 180_000)
  /** The admin's desktop: it put 4 documents and a layer on the server (once, for either test). */
  async function adminDesktop(): Promise<Desktop> {
    const had = kit.desktops.find((d) => d.name === 'admin')
    if (had) return had
    const admin = kit.open('admin')
    addDocuments(admin)
    label(admin, 'admin', 'doc-0', 'Ada Lovelace', 'PERSON')
    await kit.sync(admin)
    return admin
  }
  afterAll(async () => {
    for (const d of kit.desktops.splice(0)) d.store.close()
    await server?.destroy()
  })

  test(`progress and the assignment list are answered while a ${IMPORT_DOCS.toLocaleString('en')}-document import holds the workspace's writes; Sync now says it waits for the import, then syncs once it has committed`, async () => {
    const admin = await adminDesktop()

    const { store, file, dir } = tempStore()
    store.close()
    // The import waits up to a minute for the write lock this test holds (see below).
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false, busyTimeoutMs: 60_000 } })
    hosts.push(host)
    await host.start()
    value(await host.call('team.connect', { server: urls.reader, password: '', autoSyncSeconds: null }))
    const first = value<TeamSyncState>(await host.call('team.syncNow', {}))
    expect(first).toMatchObject({ syncing: false, lastError: null })
    expect(first.lastResult?.pulled).toBeGreaterThan(0)

    // Something new on the server for the next sync to bring: a second layer of the admin's.
    label(admin, 'admin', 'doc-1', 'United Nations', 'ORG')
    await kit.sync(admin)

    const input = path.join(dir, 'big.jsonl')
    writeDocumentsFile(input, IMPORT_DOCS)
    // The import's write transaction is over in well under a second here, too short to ask three questions in
    // without racing it. So another connection holds the workspace's write lock, as the import's transaction holds
    // it, and the import (checked and ready) waits to write for as long as the test asks: the team worker sees a
    // workspace it cannot write, exactly as during the import's own write.
    const writer = new Database(file)
    writer.exec('BEGIN IMMEDIATE')
    let started: JobStatus
    let still: JobStatus
    try {
    started = value<JobStatus>(await host.call('transfer.import', { paths: [input] }))
    // It cannot finish while the lock is held: whatever it is doing (checking, or waiting to write), it is running.
    expect((await job(host, started.id)).state).toBe('running')

    // Reads that only ask the server: answered while the import waits to write.
    const progress = value<{ documents: number; annotators: { name: string }[] }>(await host.call('team.progress', {}))
    expect(progress.documents).toBe(4)
    expect(progress.annotators.map((a) => a.name)).toEqual(['admin', 'reader'])
    const list = value<{ total: number; rows: { externalId: string }[] }>(await host.call('team.documents', { limit: 10 }))
    expect(list.total).toBe(4)
    expect(list.rows.map((r) => r.externalId)).toEqual(['doc-0', 'doc-1', 'doc-2', 'doc-3'])
    // Sync now must write what it pulls: it answers at once that it waits, instead of hanging.
    const waiting = value<TeamSyncState>(await host.call('team.syncNow', {}))
    expect(waiting.syncing).toBe(true)
    expect(waiting.progress?.step).toBe(WAITING_FOR_IMPORT)
    expect((await teamState(host)).progress?.step).toBe(WAITING_FOR_IMPORT)
    still = await job(host, started.id)
    expect(still, 'every answer above came while the import was still running').toMatchObject({ state: 'running' })
    } finally {
      writer.exec('ROLLBACK')
      writer.close()
    }

    // The import commits whole; then the sync runs by itself and brings the admin's new layer.
    let end = still
    while (end.state === 'running') {
      await pause(20)
      end = await job(host, started.id)
    }
    expect(end.state).toBe('done')
    let after = await teamState(host)
    while (after.syncing) {
      await pause(20)
      after = await teamState(host)
    }
    expect(after.lastError).toBeNull()
    expect(after.lastResult?.pulled).toBeGreaterThanOrEqual(1)
    expect(value<{ total: number }>(await host.call('documents.counts', { annotator: 'reader' })).total).toBe(IMPORT_DOCS + 4)
    const doc1 = value<{ id: number }>(await host.call('documents.get', { externalId: 'doc-1' }))
    const layer = value<{ spans: { label: string }[] }>(await host.call('annotations.get', { documentId: doc1.id, annotator: 'admin' }))
    expect(layer.spans.map((s) => s.label)).toEqual(['ORG'])
  }, 600_000)

  test('connecting and switching automatic sync while an import waits to write are refused in plain words naming the import, change nothing, and work once it is done', async () => {
    await adminDesktop()
    const { store, file, dir } = tempStore()
    store.close()
    // The import waits up to a minute for the lock this test holds (SQLite's busy timeout, here in the jobs worker);
    // the team worker's calls keep their own short one and wait 5 s on the event loop.
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false, busyTimeoutMs: 60_000 } })
    hosts.push(host)
    await host.start()
    value(await host.call('team.connect', { server: urls.reader, password: '', autoSyncSeconds: null }))
    let s = await teamState(host)
    while (s.syncing) {
      await pause(20)
      s = await teamState(host)
    }
    expect(s).toMatchObject({ connected: true, autoSyncSeconds: null, lastError: null })

    // Another connection holds the write lock, so the import (once checked) waits to write: it runs for as long as the test holds it.
    const input = path.join(dir, 'docs.jsonl')
    writeDocumentsFile(input, 200)
    const writer = new Database(file)
    writer.exec('BEGIN IMMEDIATE')
    let started: JobStatus
    try {
      started = value<JobStatus>(await host.call('transfer.import', { paths: [input] }))
      const plain = 'the workspace could not be written: an import is writing to it; nothing was changed, try again when the import has finished'
      const [autoSync, connect] = await Promise.all([
        host.call('team.autoSync', { seconds: 60 }),
        host.call('team.connect', { server: urls.reader, password: '', autoSyncSeconds: 120 }),
      ])
      expect((await job(host, started.id)).state, 'the import was still running when both answers came').toBe('running')
      for (const r of [autoSync, connect]) expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'unavailable', message: plain }) })
      // The refused connect left the connection as it was (still connected, automatic sync still off).
      expect(await teamState(host)).toMatchObject({ connected: true, autoSyncSeconds: null })
    } finally {
      writer.exec('ROLLBACK')
      writer.close()
    }
    let end = await job(host, started.id)
    while (end.state === 'running') {
      await pause(20)
      end = await job(host, started.id)
    }
    expect(end.state).toBe('done')
    expect(value<TeamSyncState>(await host.call('team.autoSync', { seconds: 60 }))).toMatchObject({ connected: true, autoSyncSeconds: 60 })
  }, 120_000)

  test('a sync already under way when another connection starts writing (an import) waits for it, says so, and finishes after it, without an error', async () => {
    const admin = await adminDesktop()
    const member = kit.open('reader')
    const service = new TeamSyncService(() => member.store)
    try {
      await service.connect(urls.reader, '', null)
      let s = service.state()
      while (s.syncing) {
        await pause(20)
        s = service.state()
      }
      expect(s.lastError).toBeNull()
      // Something to pull, so the next sync writes into the workspace.
      label(admin, 'admin', 'doc-2', 'Marie Curie', 'PERSON')
      await kit.sync(admin)
      // The sync starts (the workspace is free), and while it connects to the server another connection takes the write lock.
      const ended = service.syncNow()
      const importer = openStore(member.file, { lock: false, rollingBackups: false })
      importer.db.exec('BEGIN IMMEDIATE')
      const answered = await ended
      expect(answered.syncing).toBe(true)
      expect(answered.progress?.step).toBe(WAITING_FOR_IMPORT)
      expect(answered.lastError).toBeNull()
      importer.db.exec('COMMIT')
      importer.close()
      s = service.state()
      while (s.syncing) {
        await pause(20)
        s = service.state()
      }
      expect(s.lastError).toBeNull()
      expect(s.lastResult?.pulled).toBeGreaterThanOrEqual(1)
      const doc2 = member.store.documents.byExternalId('doc-2')!
      expect(member.store.spans.layer(doc2.id, member.store.annotators.byName('admin')!.id).map((x) => x.label)).toEqual(['PERSON'])
    } finally {
      await service.disconnect()
    }
  }, 120_000)
})
