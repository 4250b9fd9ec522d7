import { describe, expect, test } from 'vitest'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import { addExistingMember } from '../../../src/main/team/teamExistingMember'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, label, teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

/**
 * A team database is known by the id `team init` gives it (team schema 10), not
 * by its address: one dropped and made again under the same name is another
 * team, whose desktops must push everything they hold again, not take it for
 * the one they knew (whose versions, cursors and pushed documents mean nothing there).
 */
describe.skipIf(missing)(`a team database dropped and made again under the same name, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, rawClient, cli } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', carol: 'annotator' })

  /** The admin drops the team database and makes it again; the roles (server-wide) and their passwords stay. */
  async function recreate(): Promise<void> {
    const su = await rawClient(team.server().url('postgres'))
    await su.query('DROP DATABASE team WITH (FORCE)')
    await team.server().createDatabase('team')
    await initTeam(team.adminUrl())
    for (const [name, rights] of [['lead', { reviewer: false, admin: true }], ['alice', { reviewer: false, admin: false }], ['carol', { reviewer: false, admin: false }]] as const)
      await addExistingMember(team.adminUrl(), name, rights)
  }

  test('desktops still in the team push their documents and layers to the new database, and a newcomer gets them', async () => {
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    const alice = open('alice')
    await sync(alice)
    label(alice, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(alice, 'alice', 'doc-1', 'Geneva', 'GPE')
    expect(await sync(alice)).toMatchObject({ pushed: 2, conflicts: [] })
    // carol syncs from the Team screen (through the API, as the app does), on the connection it keeps.
    const carol = open('carol')
    const h = createHandlers({ store: carol.store, version: 'test', transport: 'http' })
    const ok = async <T,>(m: string, args: unknown): Promise<T> => {
      const r = await dispatch(h, m, args)
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`)
      return r.value as T
    }
    type State = { lastResult: { pushed: number; conflicts: number; newTeamDatabase?: true } | null }
    await ok('team.connect', { server: urls.carol, password: '', autoSyncSeconds: null })
    expect((await ok<State>('team.syncNow', {})).lastResult?.newTeamDatabase).toBeUndefined()
    label(carol, 'carol', 'doc-2', 'Marie Curie', 'PERSON')

    await recreate()

    // The admin's desktop says what happened, and pushes the documents again.
    const led = await cli(lead, ['sync', '--server', urls.lead])
    expect(led.lines).toEqual([
      expect.stringMatching(/, refused 0, conflicts 0$/),
      'note: this team database is not the one this workspace last synced with (it was made again under the same name); this workspace joined it as a new team and pushed everything it holds',
    ])
    const mine = await sync(alice)
    expect(mine).toMatchObject({ refused: [], conflicts: [], newTeamDatabase: true })
    expect(mine.pushed).toBe(2)
    // The next sync is an ordinary one.
    expect(await sync(alice)).toMatchObject({ pushed: 0, conflicts: [] })
    expect((await sync(alice)).newTeamDatabase).toBeUndefined()

    const c = await rawClient(team.adminUrl())
    expect((await c.query('SELECT count(*)::int AS n FROM team_documents')).rows[0].n).toBe(4)
    expect((await c.query("SELECT document_id, version FROM team_layers WHERE annotator = 'alice' ORDER BY document_id")).rows).toEqual([
      { document_id: 'doc-0', version: '1' },
      { document_id: 'doc-1', version: '1' },
    ])
    // The Team screen's last sync says it too; carol's span goes with the rest.
    const after = await ok<State>('team.syncNow', {})
    expect(after.lastResult).toMatchObject({ pushed: 1, conflicts: 0, newTeamDatabase: true })
    await ok('team.disconnect', {})
    await sync(alice)
    expect(await exported(carol)).toEqual(await exported(alice))
    expect((await exported(carol)).join('\n')).toContain('Marie Curie')
  })

  test('a desktop that left pushes everything at its rejoin of the new database, not only what changed while it was out', async () => {
    const alice = kit.desktops.find((d) => d.name === 'alice')!
    expect((await cli(alice, ['team', 'leave'])).code).toBe(0)

    await recreate()
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    await sync(lead)

    // Nothing changed on alice's desktop while out: a rejoin of the same team would push nothing.
    const r = await syncOnce(alice.store, urls.alice)
    // Her own layers land; the copy she holds of carol's is carol's to push (carol has not synced since).
    expect(r).toMatchObject({ pushed: 2, conflicts: [] })
    expect(r.refused).toEqual([{ layer: { annotator: 'carol', documentId: 'doc-2' }, reason: 'the layer belongs to carol; alice cannot write it' }])
    const c = await rawClient(team.adminUrl())
    expect((await c.query("SELECT count(*)::int AS n FROM team_layers WHERE annotator = 'alice'")).rows[0].n).toBe(2)
  })
})
