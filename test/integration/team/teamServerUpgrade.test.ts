import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from '../../../src/main/team/serverMigrations'
import { layersSince } from '../../../src/main/team/serverLayers'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { desktop, docId, label } from './teamDesktops'
import type { Desktop } from './teamDesktops'
import { teamDatabaseAtSchema } from './teamAtSchema'

const missing = postgresMissing()
const TEXT = 'Ada Lovelace worked with Charles Babbage in London.'
const layer = (start: number, end: number) => ({ spans: [{ label: 'PERSON', cells: { start, end, note: '', attributes: '{}', created_at: '2026-01-01T00:00:00Z' } }], relations: [], status: 'in_progress' })

describe.skipIf(missing)(`team schema 4 (set-based push, change-log order) upgrades a team database of schema 3${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const desktops: Desktop[] = []
  afterAll(() => {
    for (const d of desktops) d.store.close()
    server?.destroy()
  })

  test('layers written the old way keep their order: an old cursor pulls only what came after it, a new desktop pulls all, and pushes go on from their versions', async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    const admin = server.url('team')
    // The team database at schema 3, with layers as schema 1-3 wrote them: seq on the layer, a change row per write.
    const c = new pg.Client({ connectionString: admin })
    await c.connect()
    await teamDatabaseAtSchema(c, 3)
    await c.query('CREATE ROLE alice LOGIN PASSWORD $$pw-alice$$ IN ROLE spanwright_team')
    await c.query("INSERT INTO team_annotators (name) VALUES ('alice')")
    for (let i = 0; i < 4; i++) await c.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ($1, $1, $2, 'h', nextval('team_seq'))", [`d${i}`, TEXT])
    const write = async (doc: string, version: number, change: string | null) => {
      const seq = (await c.query<{ s: string }>("SELECT nextval('team_seq') AS s")).rows[0].s
      await c.query(
        `INSERT INTO team_layers (document_id, annotator, content, spans, status, version, seq, updated_by) VALUES ($1, 'alice', $2, 1, 'in_progress', $3, $4, 'alice')
         ON CONFLICT (document_id, annotator) DO UPDATE SET content = excluded.content, version = excluded.version, seq = excluded.seq`,
        [doc, JSON.stringify(layer(0, 12 + version)), version, seq],
      )
      if (change) await c.query("INSERT INTO team_changes (change_id, document_id, annotator, version, applied_by) VALUES ($1, $2, 'alice', $3, 'alice')", [change, doc, version])
      return Number(seq)
    }
    await write('d0', 1, '00000000000000000000000000000001')
    await write('d1', 1, '00000000000000000000000000000002')
    await write('d0', 2, '00000000000000000000000000000003') // d0 written twice: its newest change carries the order
    const cursor = await write('d1', 2, '00000000000000000000000000000004') // a desktop pulled up to here
    const late = await write('d2', 1, '00000000000000000000000000000005')
    const raw = await write('d3', 1, null) // a layer some other client wrote without a change row
    await c.end()

    // Before the upgrade, a member's connection is refused in one sentence that says what to do; nothing is written.
    await expect(openTeam(server.url('team', 'alice', 'pw-alice'))).rejects.toThrow(
      new RegExp(String.raw`has team schema version 3; an admin runs spanwright team init --server URL to bring it up to ${SERVER_SCHEMA_VERSION}\.$`),
    )
    expect(await initTeam(admin)).toMatchObject({ from: 3, to: SERVER_SCHEMA_VERSION })
    const alice = await openTeam(server.url('team', 'alice', 'pw-alice'))
    try {
      // An old cursor: only the two written after it, in their old order.
      expect((await layersSince(alice.client, cursor, 100)).map((l) => [l.documentId, l.version, l.seq])).toEqual([
        ['d2', 1, late],
        ['d3', 1, raw],
      ])
      // From the start: every layer once, at its newest version (d0's older change is passed over).
      expect((await layersSince(alice.client, 0, 100)).map((l) => [l.documentId, l.version])).toEqual([
        ['d0', 2],
        ['d1', 2],
        ['d2', 1],
        ['d3', 1],
      ])
      // A change applied before the upgrade is still applied once.
      const again = await alice.client.query('SELECT outcome, version FROM team_push_layers($1::jsonb)', [
        JSON.stringify([{ i: 0, c: '00000000000000000000000000000003', d: 'd0', a: 'alice', b: 1, content: layer(0, 3) }]),
      ])
      expect(again.rows).toEqual([{ outcome: 'already-applied', version: '2' }])
    } finally {
      await alice.client.end()
    }

    // Desktops after the upgrade: a new one pulls all four; alice's edit goes on from version 2 and reaches it.
    const urlLead = await addAnnotator(admin, 'lead', { reviewer: false, admin: true })
    const a = desktop('alice')
    const fresh = desktop('lead')
    desktops.push(a, fresh)
    expect((await syncOnce(a.store, server.url('team', 'alice', 'pw-alice'))).pulled).toBe(8)
    expect((await syncOnce(fresh.store, urlLead)).pulled).toBe(8)
    label(a, 'alice', 'd0', 'London', 'GPE')
    expect(await syncOnce(a.store, server.url('team', 'alice', 'pw-alice'))).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    expect(await syncOnce(fresh.store, urlLead)).toMatchObject({ pulled: 1 })
    const onFresh = fresh.store.team.layerContent(docId(fresh, 'd0'), fresh.store.annotators.byName('alice')!.id)
    expect(onFresh.spans.map((s) => s.label)).toEqual(['PERSON', 'GPE'])
  }, 120_000)
})
