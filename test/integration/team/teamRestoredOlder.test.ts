import { describe, expect, test } from 'vitest'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { setReviewStatus } from '../../../src/main/services/review/reviewService'
import { desktopId } from '../../../src/main/store/teamDesktopId'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { assignDocuments } from '../../../src/main/team/teamAssignments'
import { pruneTombstones } from '../../../src/main/team/teamPrune'
import { postgresMissing } from '../../helpers/postgresServer'
import { docId, exported, goldSpan, label, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

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
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', bob: 'annotator', carol: 'annotator', rita: 'reviewer', remy: 'reviewer' })
  const byName = (name: string) => kit.desktops.find((d) => d.name === name)!
  /** The server's gold items and given assignments, as text, for comparing before and after a restore. */
  const serverState = async () => {
    const c = await rawClient(team.adminUrl())
    const gold = await c.query<{ x: string }>("SELECT document_id || ' ' || kind || ' ' || coalesce(content::text, 'deleted') AS x FROM team_gold_items ORDER BY 1")
    const given = await c.query<{ x: string }>("SELECT document_id || ' ' || annotator AS x FROM team_assignments WHERE assigned ORDER BY 1")
    return { gold: gold.rows.map((r) => r.x), assigned: given.rows.map((r) => r.x) }
  }
  const assignedHere = (d: Desktop) =>
    (d.store.db.prepare('SELECT x.external_id || \' \' || a.name AS x FROM team_assignments t JOIN documents x ON x.id = t.document_id JOIN annotators a ON a.id = t.annotator_id ORDER BY 1').pluck().all() as string[])

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
      "note: this team database is an older copy of the one this workspace last synced with (restored from a backup made before this workspace's last sync); this workspace sent again its layers and gold items the copy lacked, and pulled the team's layers and gold again",
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
  /** A sync that fails right after step `at` (its pushes before it landed and were taken as landed). */
  const cutAfter = (at: string) => ({
    onStep: (step: string) => {
      if (step === at) throw new Error(`stopped after ${at}`)
    },
  })

  test("a reviewer's gold items and an admin's assignments made after the dump are sent again by the desktops that hold them; a member says which it cannot send", async () => {
    const [lead, carol] = [byName('lead'), byName('carol')]
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    for (const d of [rita, remy]) await sync(d)
    await assignDocuments(urls.lead, 'carol', { documents: ['doc-0', 'doc-1'] })
    for (const d of [lead, carol]) await sync(d)

    const dump = team.server().dump('team')

    // After the dump: rita relabels one gold span, deletes another, adds one and opens a review; the admin gives carol
    // doc-2 and withdraws doc-1. remy, lead and carol pull all of it.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'London'), label: 'LOC' })
    deleteSpan(rita.store, goldSpan(rita, 'doc-0', 'Ada Lovelace'))
    label(rita, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    setReviewStatus(rita.store, { documentId: docId(rita, 'doc-2'), reviewer: 'rita', status: 'in_review' })
    expect(await sync(rita)).toMatchObject({ conflicts: [], refused: [] })
    await assignDocuments(urls.lead, 'carol', { documents: ['doc-2'] })
    await assignDocuments(urls.lead, 'carol', { documents: ['doc-1'] }, false)
    for (const d of [remy, lead, carol]) await sync(d)
    const before = await serverState()
    expect(before.assigned).toEqual(['doc-0 carol', 'doc-2 carol'])
    expect(assignedHere(carol)).toEqual(['doc-0 carol', 'doc-2 carol'])
    const exportBefore = await exported(rita)
    expect(await exported(remy)).toEqual(exportBefore)

    team.server().restore(dump, 'team')

    // carol (a member) cannot assign: she says what the copy lacks, and holds the server's list until an admin sends them.
    expect(await sync(carol)).toMatchObject({ olderTeamDatabase: true, olderTeamAssignments: { lost: 2, sample: ['doc-2 to carol', 'doc-1 withdrawn from carol'] } })
    expect(assignedHere(carol)).toEqual(['doc-0 carol', 'doc-1 carol'])
    // remy pulled rita's later gold: his desktop sends it again; rita's then finds the same on the server (no conflict).
    expect(await sync(remy)).toMatchObject({ olderTeamDatabase: true, conflicts: [], refused: [] })
    expect(await sync(rita)).toMatchObject({ olderTeamDatabase: true, conflicts: [], refused: [] })
    const led = await cli(lead, ['sync', '--server', urls.lead])
    expect(led.code).toBe(0)
    expect(led.lines).toContain(
      "note: this admin's workspace sent again 2 assignments made after that backup (doc-2 to carol, doc-1 withdrawn from carol), which the older copy lacked",
    )
    for (let round = 0; round < 2; round++) for (const d of [carol, remy, rita, lead]) expect(await sync(d)).toMatchObject({ conflicts: [], refused: [] })

    expect(await serverState()).toEqual(before)
    for (const d of [rita, remy, lead, carol]) expect(await exported(d)).toEqual(exportBefore)
    for (const d of [carol, lead]) expect(assignedHere(d)).toEqual(['doc-0 carol', 'doc-2 carol'])
    const last = await sync(rita)
    expect(last).toMatchObject({ pushed: 0, conflicts: [] })
    expect(last.olderTeamDatabase).toBeUndefined()
  }, 180_000)

  test('pushes that landed after the dump in a sync that failed before its end are noticed too: layers, gold items, documents', async () => {
    const [lead, alice, rita] = [byName('lead'), byName('alice'), byName('rita')]
    for (const d of [lead, alice, rita]) await sync(d)

    const dump = team.server().dump('team')

    label(alice, 'alice', 'doc-3', 'Alan Turing', 'PERSON')
    await expect(syncOnce(alice.store, urls.alice, cutAfter('changes pushed'))).rejects.toThrow(/stopped after changes pushed/)
    label(rita, 'gold', 'doc-3', 'Alan Turing', 'PERSON')
    await expect(syncOnce(rita.store, urls.rita, cutAfter('gold pushed'))).rejects.toThrow(/stopped after gold pushed/)
    lead.store.documents.insert({ externalId: 'doc-5', title: 'Doc 5', text: 'Grace Hopper was born in New York.', meta: {} })
    await expect(syncOnce(lead.store, urls.lead, cutAfter('documents pushed'))).rejects.toThrow(/stopped after documents pushed/)
    // What those pushes wrote, read on a connection of its own each time (the restore ends every connection).
    const onServer = async () =>
      (
        await (await rawClient(team.adminUrl())).query<{ x: string }>(
          `SELECT 'layer ' || annotator || ' ' || document_id || ' ' || spans AS x FROM team_layers WHERE document_id = 'doc-3' AND annotator = 'alice'
           UNION ALL SELECT 'gold ' || document_id || ' ' || (content ->> 'label') FROM team_gold_items WHERE document_id = 'doc-3' AND kind = 'span'
           UNION ALL SELECT 'document ' || external_id FROM team_documents WHERE external_id = 'doc-5' ORDER BY 1`,
        )
      ).rows.map((r) => r.x)
    const pushed = ['document doc-5', 'gold doc-3 PERSON', 'layer alice doc-3 1']
    expect(await onServer()).toEqual(pushed)

    team.server().restore(dump, 'team')

    expect(await onServer()).toEqual([])
    // Each of the three noticed, though none of their syncs after the dump finished: what it had sent goes again.
    for (const d of [lead, alice, rita]) expect(await sync(d)).toMatchObject({ olderTeamDatabase: true, conflicts: [], refused: [] })
    expect(await onServer()).toEqual(pushed)
  }, 120_000)

  test('a server clock set back neither hides a restore nor looks like one', async () => {
    const alice = byName('alice')
    // The superuser's connection to the team database, anew each time (a restore ends every connection).
    const su = () => rawClient(team.adminUrl())
    // alice's sessions see the server's clock `by` behind (a now() of their own, found first on their search path).
    const clockBack = async (by: string) => {
      await (await su()).query(`CREATE SCHEMA IF NOT EXISTS clock; GRANT USAGE ON SCHEMA clock TO PUBLIC;
        CREATE OR REPLACE FUNCTION clock.now() RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT pg_catalog.now() - interval '${by}' $$`)
      const a = await rawClient(urls.alice)
      expect(Number((await a.query('SELECT extract(epoch FROM pg_catalog.now() - now()) AS d')).rows[0].d)).toBeGreaterThan(3000)
    }
    await (await su()).query('ALTER ROLE alice SET search_path = clock, pg_catalog, public')
    try {
      expect(await sync(alice)).toMatchObject({ conflicts: [], refused: [] })
      const dump = team.server().dump('team')
      // The clock goes back an hour after the dump; alice's next sync pushes. A restore of the dump must still be noticed.
      await clockBack('1 hour')
      label(alice, 'alice', 'doc-1', 'Geneva', 'GPE')
      expect(await sync(alice)).toMatchObject({ pushed: 1 })
      team.server().restore(dump, 'team')
      expect(await sync(alice)).toMatchObject({ olderTeamDatabase: true, conflicts: [], refused: [] })
      const c = await rawClient(team.adminUrl())
      expect((await c.query("SELECT spans FROM team_layers WHERE document_id = 'doc-1' AND annotator = 'alice'")).rows).toEqual([{ spans: 1 }])

      // The clock goes back (the restore dropped the last one); a sync stops after it reported its layer cursor, which
      // stamps its row on the way. The next sync is an ordinary one: no note, nothing pulled again.
      await clockBack('1 hour')
      await assignDocuments(urls.lead, 'alice', { documents: ['doc-3'] })
      await expect(syncOnce(alice.store, urls.alice, cutAfter('assignments pulled'))).rejects.toThrow(/stopped after assignments pulled/)
      const r = await sync(alice)
      expect(r.olderTeamDatabase).toBeUndefined()
      expect(r).toMatchObject({ pushed: 0, pulled: 0 })
    } finally {
      await (await su()).query('ALTER ROLE alice RESET search_path')
    }
  }, 120_000)
})
