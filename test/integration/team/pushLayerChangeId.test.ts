import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { describe, expect, test } from 'vitest'
import { layersSince } from '../../../src/main/team/serverLayers'
import { SERVER_SCHEMA_VERSION } from '../../../src/main/team/serverMigrations'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing } from '../../helpers/postgresServer'
import { teamDatabaseAtSchema } from './teamAtSchema'
import { teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

type Answer = { i: number; outcome: string; version: string }
/** One call of the push function as `role` (SET ROLE: row-level security judges it as that member's own session). */
async function push(c: pg.Client, role: string, changes: { c: string; d: string; b: number | null; spans?: number }[]): Promise<[string, number][]> {
  const batch = changes.map((x, i) => ({ i, c: x.c, d: x.d, a: role, b: x.b, content: { spans: Array.from({ length: x.spans ?? 1 }, (_, k) => ({ k })), relations: [], status: null } }))
  await c.query(`SET ROLE ${role}`)
  try {
    const r = await c.query<Answer>('SELECT i, outcome, version FROM team_push_layers($1::jsonb) ORDER BY i', [JSON.stringify(batch)])
    return r.rows.map((x) => [x.outcome, Number(x.version)])
  } finally {
    await c.query('RESET ROLE')
  }
}
const layer = async (c: pg.Client, doc: string) =>
  (await c.query<{ version: string; change_id: string | null }>("SELECT version, change_id FROM team_layers WHERE document_id = $1 AND annotator = 'alice'", [doc])).rows[0]

// Team schema 11: the layer row carries the change id of its current version, and the push reads the change log only
// where the layer itself cannot answer. The answers are those of schema 10.
describe.skipIf(missing)(`layer push reads the change id on the layer (team schema 11)${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator' })

  test('a retried change is already applied, from the layer row while it is the current version and from the log after a later write; a stale base conflicts', async () => {
    const c = await kit.rawClient(team.adminUrl())
    const [c0, c1, c2] = [randomUUID(), randomUUID(), randomUUID()]
    expect(await push(c, 'alice', [{ c: c0, d: 'doc-0', b: null }])).toEqual([['applied', 1]])
    expect(await layer(c, 'doc-0')).toEqual({ version: '1', change_id: c0 })
    // The layer row answers by itself: with its log row gone (only the owner of the tables can do that), the retry is
    // still known as applied, not a conflict.
    const logRow = (await c.query('DELETE FROM team_changes WHERE change_id = $1 RETURNING *', [c0])).rows[0] as Record<string, unknown>
    expect(await push(c, 'alice', [{ c: c0, d: 'doc-0', b: null }])).toEqual([['already-applied', 1]])
    await c.query('INSERT INTO team_changes SELECT (jsonb_populate_record(NULL::team_changes, $1::jsonb)).*', [JSON.stringify(logRow)])
    // Written again by another change (another desktop of alice's): the first one's retry is answered from the log.
    expect(await push(c, 'alice', [{ c: c1, d: 'doc-0', b: 1, spans: 2 }])).toEqual([['applied', 2]])
    expect(await layer(c, 'doc-0')).toEqual({ version: '2', change_id: c1 })
    expect(await push(c, 'alice', [{ c: c0, d: 'doc-0', b: null }])).toEqual([['already-applied', 1]])
    expect(await push(c, 'alice', [{ c: c1, d: 'doc-0', b: 1 }])).toEqual([['already-applied', 2]])
    expect(await push(c, 'alice', [{ c: c2, d: 'doc-0', b: 1 }])).toEqual([['conflict', 2]])
    // One log row per write that landed, and the pull reads the current one.
    expect((await c.query("SELECT version::int AS v FROM team_changes WHERE document_id = 'doc-0' AND annotator = 'alice' ORDER BY version")).rows).toEqual([{ v: 1 }, { v: 2 }])
    expect((await layersSince(c, 0, 100)).filter((l) => l.annotator === 'alice').map((l) => [l.documentId, l.version, l.content.spans.length])).toEqual([['doc-0', 2, 2]])
    // A layer of a document the team does not have is still refused as such.
    expect(await push(c, 'alice', [{ c: randomUUID(), d: 'no-such-doc', b: null }])).toEqual([['no-document', 0]])
  })

  test('upgrading from schema 10: a change pushed before is still known as applied, and the next ones carry their id', async () => {
    await team.server().createDatabase('old10')
    const url = team.server().url('old10')
    const c = await kit.rawClient(url)
    await teamDatabaseAtSchema(c, 10)
    await c.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ('d0', 'd0', 'text', 'h', nextval('team_seq'))")
    const [c0, c1] = [randomUUID(), randomUUID()]
    expect(await push(c, 'alice', [{ c: c0, d: 'd0', b: null }])).toEqual([['applied', 1]])
    expect(await initTeam(url)).toMatchObject({ from: 10, to: SERVER_SCHEMA_VERSION })
    expect(await layer(c, 'd0')).toEqual({ version: '1', change_id: null })
    expect(await push(c, 'alice', [{ c: c0, d: 'd0', b: null }])).toEqual([['already-applied', 1]])
    expect(await push(c, 'alice', [{ c: c1, d: 'd0', b: 1 }])).toEqual([['applied', 2]])
    expect(await layer(c, 'd0')).toEqual({ version: '2', change_id: c1 })
    expect(await push(c, 'alice', [{ c: c1, d: 'd0', b: 1 }])).toEqual([['already-applied', 2]])
    expect((await layersSince(c, 0, 100)).map((l) => [l.documentId, l.annotator, l.version])).toEqual([['d0', 'alice', 2]])
  })
})
