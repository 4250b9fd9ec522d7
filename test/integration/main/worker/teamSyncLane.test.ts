import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest'
import type { TeamSyncState } from '../../../../src/shared/api/methods/team'
import { addAnnotator, initTeam } from '../../../../src/main/team/teamAdmin'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { seedBigTeam } from '../../../helpers/bigTeam'
import { holdableProxy } from '../../../helpers/holdableProxy'
import { hostsClosedAfterEach, replyValue } from '../../../helpers/workerHosts'
import { postgresMissing, startPostgres } from '../../../helpers/postgresServer'
import type { PostgresServer } from '../../../helpers/postgresServer'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Team sync as the app runs it: in the API worker host's team lane, so a new
 * desktop's first pull of thousands of layers leaves the app's worker free to
 * answer the window, and the Team screen's state (answered from the app side)
 * shows the pull going on.
 */

const missing = postgresMissing()
// Big enough that the pull outlasts several rounds of the app's reads (the pull got ~2x faster with bulk page writes).
const DOCS = Number(process.env.SPANWRIGHT_LANE_DOCS ?? 8000)
/**
 * The lost worker's team: its first pull is held part-way by a relay (so the worker is lost during it, whatever the
 * load), and its size is not what that test is about (it pulled the 8,000 above twice: about half the file's time).
 */
const REJOIN_DOCS = 500

const hosts = hostsClosedAfterEach({ disconnectTeam: true })
const value = replyValue

/** A fresh workspace with one local document of its own, opened by a worker host as the app opens it. */
async function app(): Promise<{ host: ApiWorkerHost; mine: number }> {
  const { store, file } = tempStore()
  const mine = store.documents.insert({ externalId: 'mine-1', title: 'Mine', text: 'Ada Lovelace met Charles Babbage in London.', meta: {} })
  store.close()
  const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
  hosts.push(host)
  await host.start()
  return { host, mine }
}

const state = async (host: ApiWorkerHost) => value<TeamSyncState>(await host.call('team.state', {}))
const documents = async (host: ApiWorkerHost, annotator = 'reader') => value<{ total: number }>(await host.call('documents.counts', { annotator })).total

describe.skipIf(missing)(`team sync in its own lane, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  let reader: string
  let rejoiner: string

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('lane')
    await initTeam(server.url('lane'))
    reader = await addAnnotator(server.url('lane'), 'reader', { reviewer: false, admin: false })
    await seedBigTeam(server.url('lane'), DOCS)
    await server.createDatabase('rejoin')
    await initTeam(server.url('rejoin'))
    rejoiner = await addAnnotator(server.url('rejoin'), 'rejoiner', { reviewer: false, admin: false })
    await seedBigTeam(server.url('rejoin'), REJOIN_DOCS)
  }, 180_000)
  afterAll(() => server?.destroy())

  test(`a first pull of ${DOCS} layers: ping, documents.get and a span add are answered while it runs, and team.state shows its progress`, async () => {
    const { host, mine } = await app()
    const order: string[] = []
    // The team worker reaches the server through a relay the test can hold, as a stalled network would.
    const proxy = await holdableProxy(Number(new URL(reader).port))
    const through = new URL(reader)
    through.port = String(proxy.port)
    // It holds by itself once the server has sent 256 KiB, some way into the pull of the layers (a few MB): the sync
    // is then part-way, whatever the machine's load.
    const heldMidPull = proxy.holdAfter(256 * 1024)
    const connected = value<TeamSyncState>(await host.call('team.connect', { server: through.toString(), password: '' }))
    expect(connected.connected).toBe(true)
    expect(connected.me?.name).toBe('reader')
    // While the pull waits on the server, the app's reads and a span add are answered (they never wait for the pull),
    // whatever the machine's load: the sync cannot end before the relay lets the server's answers through.
    await heldMidPull
    expect((await state(host)).syncing).toBe(true)
    // The first sync started with the connect; syncNow joins it and answers when it ends.
    const ended = host.call('team.syncNow', {}).then((r) => {
      order.push('sync ended')
      return r
    })
    let finished = false
    void ended.then(() => (finished = true))
    value(await host.call('app.info', {}))
    order.push('ping')
    expect(value<{ externalId: string }>(await host.call('documents.get', { id: mine })).externalId).toBe('mine-1')
    order.push('documents.get')
    const spanId = value<{ id: number }>(await host.call('spans.create', { documentId: mine, annotator: 'reader', label: 'PERSON', start: 0, end: 12 })).id
    order.push('span added')
    expect((await state(host)).syncing).toBe(true)
    proxy.release()

    const midway: { documents: number; step: string }[] = []
    for (let round = 0; round < 10_000 && !finished; round++) {
      const before = await state(host)
      value(await host.call('app.info', {}))
      order.push('ping')
      const doc = value<{ externalId: string }>(await host.call('documents.get', { id: mine }))
      expect(doc.externalId).toBe('mine-1')
      order.push('documents.get')
      const n = await documents(host)
      const after = await state(host)
      // Both states were answered by the app side while the team worker was pulling, and the pull was part-way.
      if (before.syncing && after.syncing && after.progress) midway.push({ documents: n, step: after.progress.step })
    }
    const last = value<TeamSyncState>(await ended)
    await proxy.close()

    // The app's calls were answered before the sync ended, and the app saw the pull part-way through.
    expect(order.indexOf('ping')).toBeGreaterThanOrEqual(0)
    expect(order.indexOf('span added')).toBeGreaterThanOrEqual(0)
    expect(order.indexOf('span added')).toBeLessThan(order.indexOf('sync ended'))
    expect(midway.length).toBeGreaterThan(0)
    // Part-way: some documents in and not all, or all in and the layers still coming (a pulled page of documents
    // is written in one go now, faster than this loop can catch it between two of its reads).
    const partWay = midway.some((m) => (m.documents > 1 && m.documents < DOCS + 1) || m.step === 'receiving layers')
    expect(partWay, JSON.stringify(midway.filter((m, i) => i < 3 || i === midway.length - 1))).toBe(true)
    expect(midway.map((m) => m.step)).toEqual(expect.arrayContaining([expect.stringMatching(/^receiving (documents|layers)$/)]))

    // The pull landed whole, and the span added during it is kept (waiting to be sent: its document is this desktop's own).
    expect(last.syncing).toBe(false)
    expect(last.lastError).toBeNull()
    expect(last.lastResult?.pulled).toBeGreaterThanOrEqual(2 * DOCS)
    expect(await documents(host)).toBe(DOCS + 1)
    const spans = value<{ spans: { id: number }[] }>(await host.call('annotations.get', { documentId: mine, annotator: 'reader' }))
    expect(spans.spans.map((s) => s.id)).toContain(spanId)
  }, 300_000)

  test('the team worker lost during the first pull, or reopened: the host connects the new one again by itself; not after a disconnect', async () => {
    const { host } = await app()
    // Through a relay that holds the server's answers once the pull has begun (the documents alone are some 100 KB), so
    // the worker is lost part-way through its first pull.
    const proxy = await holdableProxy(Number(new URL(rejoiner).port))
    onTestFinished(() => proxy.close())
    const through = new URL(rejoiner)
    through.port = String(proxy.port)
    const heldMidPull = proxy.holdAfter(32 * 1024)
    value(await host.call('team.connect', { server: through.toString(), password: '', autoSyncSeconds: null }))
    await heldMidPull
    expect((await state(host)).syncing).toBe(true)
    await host.terminateForTest('team')
    proxy.release()
    // The memory it held is gone with it; the host logs the new worker in with the password it kept in memory.
    let s = await state(host)
    for (let i = 0; i < 600 && !(s.connected && !s.syncing && s.lastResult); i++) {
      await new Promise((r) => setTimeout(r, 100))
      s = await state(host)
    }
    expect(s.connected).toBe(true)
    expect(s.me?.name).toBe('rejoiner')
    expect(s.lastError).toBeNull()
    expect(await documents(host, 'rejoiner')).toBe(REJOIN_DOCS + 1)
    // A reopen of the workspace (new backup settings) starts a new team worker too: it is logged in again the same way.
    value(await host.call('workspace.updateSettings', { keep: 5 }))
    s = await state(host)
    for (let i = 0; i < 600 && !(s.connected && !s.syncing && s.lastResult); i++) {
      await new Promise((r) => setTimeout(r, 100))
      s = await state(host)
    }
    expect(s).toMatchObject({ connected: true, lastError: null, lastResult: { pulled: 0 } })
    // A disconnect is kept too: after another loss, nothing logs in again.
    value(await host.call('team.disconnect', {}))
    await host.terminateForTest('team')
    // Once the new worker answers (not connected: a refusal, not 'unavailable'), and a moment more, it is still not connected.
    let r = await host.call('team.progress', {})
    for (let i = 0; i < 600 && !r.ok && r.error.code === 'unavailable'; i++) {
      await new Promise((res) => setTimeout(res, 100))
      r = await host.call('team.progress', {})
    }
    expect(r.ok ? 'ok' : r.error.code).toBe('conflict')
    await new Promise((res) => setTimeout(res, 1000))
    expect((await state(host)).connected).toBe(false)
  }, 300_000)
})
