import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TeamSyncState } from '../../../../src/shared/api/methods/team'
import { addAnnotator, initTeam } from '../../../../src/main/team/teamAdmin'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { hostsClosedAfterEach, replyValue } from '../../../helpers/workerHosts'
import { postgresMissing, startPostgres } from '../../../helpers/postgresServer'
import type { PostgresServer } from '../../../helpers/postgresServer'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * The kept team connection (keptTeam.ts) as the app runs it: in the worker host's team lane. Syncs reuse one
 * backend on the server, and closing the workspace (the app quits, switches workspace, restores a backup: each
 * closes the team lane) ends it.
 */

const missing = postgresMissing()
const hosts = hostsClosedAfterEach()
const value = replyValue

describe.skipIf(missing)(`the team lane keeps one connection, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  let ann: string
  let admin: pg.Client

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('kept')
    await initTeam(server.url('kept'))
    ann = await addAnnotator(server.url('kept'), 'ann', { reviewer: false, admin: false })
    admin = new pg.Client({ connectionString: server.url('kept') })
    await admin.connect()
  }, 180_000)
  afterAll(async () => {
    await admin?.end().catch(() => undefined)
    server?.destroy()
  })

  /** ann's client backends, once `ok` holds (backends end a moment after their client's goodbye; at most 10 s). */
  const backends = async (ok: (pids: number[]) => boolean): Promise<number[]> => {
    const read = async () => (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE usename = 'ann' AND backend_type = 'client backend'")).rows.map((r) => r.pid)
    let pids = await read()
    for (let i = 0; i < 100 && !ok(pids); i++) {
      await new Promise((r) => setTimeout(r, 100))
      pids = await read()
    }
    return pids
  }

  test('two syncs through the host use one backend; closing the workspace ends it', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    value<TeamSyncState>(await host.call('team.connect', { server: ann, password: '', autoSyncSeconds: null }))
    expect(value<TeamSyncState>(await host.call('team.syncNow', {})).lastError).toBeNull()
    const [first, ...more] = await backends((p) => p.length === 1)
    expect(more).toEqual([])
    expect(value<TeamSyncState>(await host.call('team.syncNow', {})).lastError).toBeNull()
    expect(await backends((p) => p.length === 1)).toEqual([first])
    await host.close()
    hosts.splice(hosts.indexOf(host), 1)
    expect(await backends((p) => p.length === 0)).toEqual([])
  }, 120_000)
})
