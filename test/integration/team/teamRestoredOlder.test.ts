import { describe, expect, test } from 'vitest'
import { desktopId } from '../../../src/main/store/teamDesktopId'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { pruneTombstones } from '../../../src/main/team/teamPrune'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, label, teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

/**
 * A team database restored from an OLDER dump of itself (pg_dump before some syncs, then DROP DATABASE and
 * pg_restore): the same team (its id in team_identity came back with it), but the server lacks what the desktops
 * sent after the dump, while they believe it is there. Each desktop that synced after the dump finds its row's
 * last sync stamp older than what it noted, sends again what the server lacks, pulls the team's layers again, and
 * says so. Checked as consumers see it: the desktops' exports converge, with every label and none twice.
 */
describe.skipIf(missing)(`a team database restored from an older dump, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, rawClient, cli } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', bob: 'annotator', carol: 'annotator' })

  test('desktops that synced after the dump send again what the copy lacks; every desktop converges, nothing missing or twice', async () => {
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    const [alice, bob, carol] = [open('alice'), open('bob'), open('carol')]
    for (const d of [alice, bob, carol]) await sync(d)
    label(alice, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(bob, 'bob', 'doc-1', 'United Nations', 'ORG')
    label(carol, 'carol', 'doc-3', 'Alan Turing', 'PERSON')
    for (const d of [alice, bob, carol, lead, alice]) await sync(d)

    const dump = team.server().dump('team')

    // After the dump: alice edits a layer the dump has and writes a new one; the admin adds a document, which bob
    // labels; everyone but carol syncs (carol has nothing new, and her desktop is as the dump left it).
    label(alice, 'alice', 'doc-0', 'Charles Babbage', 'PERSON')
    label(alice, 'alice', 'doc-2', 'Marie Curie', 'PERSON')
    expect(await sync(alice)).toMatchObject({ pushed: 2, conflicts: [] })
    lead.store.documents.insert({ externalId: 'doc-4', title: 'Doc 4', text: 'Grace Hopper worked at Harvard.', meta: {} })
    await sync(lead)
    await sync(bob)
    label(bob, 'bob', 'doc-4', 'Grace Hopper', 'PERSON')
    label(bob, 'bob', 'doc-1', 'Geneva', 'GPE')
    expect(await sync(bob)).toMatchObject({ pushed: 2, conflicts: [] })
    for (const d of [alice, lead]) await sync(d)
    const before = await exported(alice)
    expect(await exported(bob)).toEqual(before)

    team.server().restore(dump, 'team')

    // bob first: his layer of doc-4 waits for the admin to send doc-4 again.
    const b = await sync(bob)
    expect(b).toMatchObject({ olderTeamDatabase: true, refused: [], conflicts: [] })
    const led = await cli(lead, ['sync', '--server', urls.lead])
    expect(led.code).toBe(0)
    expect(led.lines).toContain(
      "note: this team database is an older copy of the one this workspace last synced with (restored from a backup made before this workspace's last sync); this workspace sent again its layers the copy lacked, and pulled the team's layers again",
    )
    expect(await sync(alice)).toMatchObject({ olderTeamDatabase: true, refused: [], conflicts: [] })
    // carol synced last before the dump: nothing of hers is missing, and nothing is said.
    expect((await sync(carol)).olderTeamDatabase).toBeUndefined()
    // Two ordinary rounds: each desktop pulls what the others sent again.
    for (let round = 0; round < 2; round++) for (const d of [bob, lead, alice, carol]) expect((await sync(d)).olderTeamDatabase).toBeUndefined()

    const after = await exported(alice)
    expect(after).toEqual(before)
    for (const d of [bob, lead, carol]) expect(await exported(d)).toEqual(after)
    // On the server: each layer once, with what its owner last wrote.
    const c = await rawClient(team.adminUrl())
    const layers = await c.query<{ document_id: string; annotator: string; spans: number }>(
      "SELECT document_id, annotator, spans FROM team_layers WHERE annotator <> 'gold' ORDER BY annotator, document_id",
    )
    expect(layers.rows.map((r) => `${r.annotator} ${r.document_id} ${r.spans}`)).toEqual(['alice doc-0 2', 'alice doc-2 1', 'bob doc-1 2', 'bob doc-4 1', 'carol doc-3 1'])
    expect((await c.query('SELECT count(*)::int AS n FROM team_documents')).rows[0].n).toBe(5)
    // And the next sync is an ordinary one, with nothing to send.
    expect(await syncOnce(alice.store, urls.alice)).toMatchObject({ pushed: 0, refused: [], conflicts: [] })
  }, 180_000)

  test('a desktop forgotten by team prune (no row, as after a restore from before its first sync) is not taken as behind when nothing of its is missing', async () => {
    const alice = kit.desktops.find((d) => d.name === 'alice')!
    const report = await pruneTombstones(team.adminUrl(), { forgetDesktop: desktopId(alice.store.db) })
    expect(report.forgotten?.member).toBe('alice')
    const r = await syncOnce(alice.store, urls.alice)
    expect(r).toMatchObject({ pushed: 0, refused: [], conflicts: [] })
    expect(r.olderTeamDatabase).toBeUndefined()
  }, 60_000)
})
