import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { deleteSpan } from '../../../src/main/services/annotate/annotationService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { PARKED_SYNCS } from '../../../src/main/team/goldParked'
import { pushGoldItems } from '../../../src/main/team/serverGold'
import { openTeam } from '../../../src/main/team/teamClient'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { addDocuments, label, relate, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()

/**
 * A pulled gold relation whose span never arrives (a broken or hostile
 * client pushed it alone, or the span was deleted on the server) does not wait
 * forever in silence: the sync's summary reports it, with its reason, and the
 * desktop stops waiting for it.
 */
describe.skipIf(missing)(`gold relations whose spans never arrive, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const { desktops, open, sync, rawClient } = teamTestKit(urls)
  const parked = (d: Desktop) => (d.store.db.prepare('SELECT count(*) AS n FROM team_gold_parked').get() as { n: number }).n
  const goldRelations = (d: Desktop, externalId: string) => {
    const gold = d.store.annotators.byName('gold')
    return gold ? d.store.relations.layer(d.store.documents.byExternalId(externalId)!.id, gold.id).length : 0
  }
  /** Pushes only some of a desktop's unpushed gold items for a document, as another client could. */
  const pushOnly = async (d: Desktop, externalId: string, keep: (i: { kind: string; uid: string }) => boolean) => {
    const items = new GoldItemStore(d.store.db).pending(100).filter((i) => i.documentId === externalId && keep(i))
    const team = await openTeam(urls[d.name])
    try {
      return await pushGoldItems(team.client, team.me, items)
    } finally {
      await team.client.end()
    }
  }

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    urls.lead = await addAnnotator(server.url('team'), 'lead', { reviewer: false, admin: true })
    for (const n of ['rita', 'remy', 'rosa']) urls[n] = await addAnnotator(server.url('team'), n, { reviewer: true, admin: false })
    const lead = open('lead')
    addDocuments(lead)
    await sync(lead)
  }, 120_000)
  afterAll(() => {
    for (const d of desktops) d.store.close()
    server?.destroy()
  })

  test(`a relation pushed without its spans waits ${PARKED_SYNCS} syncs, then the summary reports it (also in spanwright sync's output) and nothing waits any more`, async () => {
    const rita = open('rita')
    await sync(rita)
    const ada = label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    const babbage = label(rita, 'gold', 'doc-0', 'Charles Babbage', 'PERSON')
    relate(rita, 'gold', 'doc-0', ada, babbage, 'PART_OF')
    // A broken client: the relation reaches the server, its spans never do.
    expect((await pushOnly(rita, 'doc-0', (i) => i.kind === 'relation')).map((o) => o.kind)).toEqual(['applied'])

    const remy = open('remy')
    for (let n = 1; n < PARKED_SYNCS; n++) {
      // Waiting is not a problem yet: the span may come with a later sync.
      expect((await sync(remy)).skipped, `sync ${n}`).toEqual([])
      expect(parked(remy)).toBe(1)
    }
    const lines: string[] = []
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) }
    expect(await main(['sync', '--server', urls.remy, '--db', remy.file], io)).toBe(0)
    const skipped = lines.filter((l) => l.startsWith('skipped:'))
    expect(skipped, lines.join('\n')).toHaveLength(1)
    expect(skipped[0]).toMatch(new RegExp(`^skipped: gold's layer of doc-0: gold relation PART_OF \\(.+\\) was not kept: a span it names \\(.+ or .+\\) did not arrive in ${PARKED_SYNCS} syncs`))
    expect(parked(remy)).toBe(0)
    expect(goldRelations(remy, 'doc-0')).toBe(0)
    // Reported once: the next sync is quiet.
    expect(await sync(remy)).toEqual({ pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] })
  })

  test('a relation whose span was deleted on the server is reported at once, with the reason, and not kept', async () => {
    const rita = desktops.find((d) => d.name === 'rita')!
    const marie = label(rita, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    const paris = label(rita, 'gold', 'doc-2', 'University of Paris', 'ORG')
    relate(rita, 'gold', 'doc-2', marie, paris, 'PART_OF')
    expect((await sync(rita)).refused).toEqual([])
    // The span is deleted (locally its relation goes with it), but only the span's deletion reaches the server.
    deleteSpan(rita.store, marie)
    // Spanwright's push refuses to leave a live relation on a deleted span (a conflict: goldLinks.test); a broken client's raw SQL can.
    expect((await pushOnly(rita, 'doc-2', (i) => i.kind === 'span')).map((o) => o.kind)).toEqual(['conflict'])
    const asRita = await rawClient(urls.rita)
    const tombstoned = await asRita.query(
      "UPDATE team_gold_items SET content = NULL, version = version + 1, seq = nextval('team_seq') WHERE document_id = 'doc-2' AND kind = 'span' AND content->'cells'->>'start' = '0'",
    )
    expect(tombstoned.rowCount).toBe(1)

    const rosa = open('rosa')
    const r = await sync(rosa)
    const mine = r.skipped.filter((s) => s.layer.documentId === 'doc-2')
    expect(mine).toHaveLength(1)
    expect(mine[0].layer.annotator).toBe('gold')
    expect(mine[0].reason).toMatch(/^gold relation PART_OF \(.+\) was not kept: the span .+ it names was deleted on the server/)
    expect(parked(rosa)).toBe(0)
    expect(goldRelations(rosa, 'doc-2')).toBe(0)
    // The other span arrived as usual.
    expect(rosa.store.spans.layer(rosa.store.documents.byExternalId('doc-2')!.id, rosa.store.annotators.byName('gold')!.id).length).toBe(1)
  })

  test('a relation whose spans come late (within the syncs allowed) still arrives, and nothing is reported', async () => {
    const rita = desktops.find((d) => d.name === 'rita')!
    const alan = label(rita, 'gold', 'doc-3', 'Alan Turing', 'PERSON')
    const vale = label(rita, 'gold', 'doc-3', 'Maida Vale', 'GPE')
    relate(rita, 'gold', 'doc-3', alan, vale, 'PART_OF')
    await pushOnly(rita, 'doc-3', (i) => i.kind === 'relation')
    const rosa = desktops.find((d) => d.name === 'rosa')!
    expect((await sync(rosa)).skipped).toEqual([])
    expect(parked(rosa)).toBe(1)
    // Its spans reach the server before the wait is over.
    expect((await sync(rita)).refused).toEqual([])
    expect((await sync(rosa)).skipped).toEqual([])
    expect(parked(rosa)).toBe(0)
    expect(goldRelations(rosa, 'doc-3')).toBe(1)
  })
})
