import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TeamLeft, TeamSyncState } from '../../../../src/shared/api/methods/team'
import { CredentialVault } from '../../../../src/main/services/team/credentialVault'
import { withTeamCredentials } from '../../../../src/main/services/team/teamCredentials'
import { addAnnotator, initTeam } from '../../../../src/main/team/teamAdmin'
import { ApiWorkerHost } from '../../../../src/main/worker/apiWorkerHost'
import { aesCipher } from '../../../helpers/aesCipher'
import { hostsClosedAfterEach, replyValue } from '../../../helpers/workerHosts'
import { postgresMissing, startPostgres } from '../../../helpers/postgresServer'
import type { PostgresServer } from '../../../helpers/postgresServer'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

/**
 * `team.leave` as the app runs it: the sync loop and its login live in the host's team worker, the membership in
 * the workspace. A leave sent while connected (a raw API call, not the Team screen's disconnect-then-leave) must
 * stop that loop and forget the login, or its next tick would join the team again; and the desktop's keychain
 * forgets the password, as a disconnect does.
 */

const missing = postgresMissing()
const hosts = hostsClosedAfterEach()
const value = replyValue

describe.skipIf(missing)(`leaving a team through the worker host, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  let ann: string

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('leave')
    await initTeam(server.url('leave'))
    ann = await addAnnotator(server.url('leave'), 'ann', { reviewer: false, admin: false })
  }, 180_000)
  afterAll(() => server?.destroy())

  test('a leave sent while connected stops the sync loop, is not rejoined by it, and forgets the kept password', async () => {
    const { store, file } = tempStore()
    store.close()
    const host = new ApiWorkerHost({ file, version: 'test', transport: 'http', openOptions: { rollingBackups: false } })
    hosts.push(host)
    await host.start()
    const vault = new CredentialVault(path.join(tempDir(), 'team-credentials.json'), aesCipher())
    const desk = withTeamCredentials(host.call, vault, { retryMs: 0 })

    const connected = value<TeamSyncState>(await desk.call('team.connect', { server: ann, password: '', autoSyncSeconds: 10 }))
    expect(connected.connected).toBe(true)
    value(await desk.call('team.syncNow', {}))
    const where = connected.where!
    expect(vault.has(where)).toBe(true)

    const left = value<TeamLeft & { state: TeamSyncState }>(await desk.call('team.leave', {}))
    expect(left.team).toBeTruthy()
    expect(vault.has(where)).toBe(false)
    const after = value<TeamSyncState>(await host.call('team.state', {}))
    expect(after.connected).toBe(false)
    expect(after.server).toBeFalsy()
    // The loop is gone: Sync now has nothing to sync with, and a second leave finds no team.
    const sync = await host.call('team.syncNow', {})
    expect(sync.ok ? (sync.value as TeamSyncState).connected : false).toBe(false)
    const again = await host.call('team.leave', {})
    expect(!again.ok && again.error.message).toMatch(/not in a team/)
  })
})
