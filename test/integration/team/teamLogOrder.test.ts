import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from '../../../src/main/team/serverMigrations'
import { layersSince } from '../../../src/main/team/serverLayers'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { WRITE_LOCK } from '../../../src/main/team/writeLock'
import { desktop, docId, label } from './teamDesktops'
import type { Desktop } from './teamDesktops'
import { teamDatabaseAtSchema } from './teamAtSchema'

const missing = postgresMissing()
const TEXT = 'Ada Lovelace worked with Charles Babbage in London.'
const layer = (end: number) => ({ spans: [{ label: 'PERSON', cells: { start: 0, end, note: '', attributes: '{}', created_at: '2026-01-01T00:00:00Z' } }], relations: [], status: 'in_progress' })
const uuid = (n: number) => n.toString(16).padStart(32, '0')
const push = (c: pg.Client, d: string, a: string, b: number | null, change: number, end = 12) =>
  c.query<{ outcome: string; version: string }>('SELECT outcome, version FROM team_push_layers($1::jsonb)', [
    JSON.stringify([{ i: 0, c: uuid(change), d, a, b, content: layer(end) }]),
  ])
const pulled = async (c: pg.Client, cursor: number) => (await layersSince(c, cursor, 100)).map((l) => [l.documentId, l.annotator, l.version])
const lastSeq = async (c: pg.Client, cursor: number) => Math.max(cursor, ...(await layersSince(c, cursor, 100)).map((l) => l.seq))

describe.skipIf(missing)(`team schema 5 (the change log written by the push, no ordering lock)${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  let [bobUrl, carolUrl] = ['', '']
  const desktops: Desktop[] = []
  const clients: pg.Client[] = []
  const client = async (url: string) => {
    const c = new pg.Client({ connectionString: url })
    c.on('error', () => undefined)
    clients.push(c)
    await c.connect()
    return c
  }
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined)
    for (const d of desktops) d.store.close()
    server?.destroy()
  })

  test('upgrade from 4: old cursors pull only what came after them, new pushes come after every old one, old change ids still apply once', async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    const admin = server.url('team')
    const c = await client(admin)
    await teamDatabaseAtSchema(c, 4)
    await c.query('CREATE ROLE alice LOGIN PASSWORD $$pw-alice$$ IN ROLE spanwright_team')
    await c.query("INSERT INTO team_annotators (name) VALUES ('alice')")
    for (let i = 0; i < 4; i++) await c.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ($1, $1, $2, 'h', nextval('team_seq'))", [`d${i}`, TEXT])
    // Schema 4's own push (the ordering lock, seq from the sequence), as alice.
    const alice = await client(server.url('team', 'alice', 'pw-alice'))
    expect((await push(alice, 'd0', 'alice', null, 1)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    expect((await push(alice, 'd1', 'alice', null, 2)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    const seqOf = async (change: number) => Number((await c.query('SELECT seq FROM team_changes WHERE change_id = $1', [uuid(change)])).rows[0].seq)
    const cursor = await seqOf(2) // a desktop pulled up to here
    expect((await push(alice, 'd0', 'alice', 1, 3, 13)).rows).toEqual([{ outcome: 'applied', version: '2' }])

    expect(await initTeam(admin)).toMatchObject({ from: 4, to: SERVER_SCHEMA_VERSION })
    expect(SERVER_SCHEMA_VERSION).toBeGreaterThanOrEqual(5)
    await alice.end()
    const alice5 = await client(server.url('team', 'alice', 'pw-alice'))
    // Pushes after the upgrade: their positions come after every number given before it.
    expect((await push(alice5, 'd2', 'alice', null, 4)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    expect((await push(alice5, 'd1', 'alice', 1, 5, 14)).rows).toEqual([{ outcome: 'applied', version: '2' }])
    const after = await layersSince(alice5, cursor, 100)
    expect(after.map((l) => [l.documentId, l.version])).toEqual([
      ['d0', 2],
      ['d2', 1],
      ['d1', 2],
    ])
    expect(after[0].seq).toBe(await seqOf(3))
    expect(after[1].seq).toBeGreaterThan(after[0].seq)
    expect(after[2].seq).toBeGreaterThan(after[1].seq)
    // From the start: every layer once, at its newest version.
    expect(await pulled(alice5, 0)).toEqual([
      ['d0', 'alice', 2],
      ['d2', 'alice', 1],
      ['d1', 'alice', 2],
    ])
    // Changes applied before and after the upgrade are applied once.
    expect((await push(alice5, 'd0', 'alice', 1, 3, 13)).rows).toEqual([{ outcome: 'already-applied', version: '2' }])
    expect((await push(alice5, 'd2', 'alice', null, 4)).rows).toEqual([{ outcome: 'already-applied', version: '1' }])
    expect((await c.query('SELECT count(*)::int AS n FROM team_changes')).rows[0]).toEqual({ n: 5 })

    // Desktops after the upgrade: both pull all three, alice's edit goes on from version 2 and reaches the other.
    const urlLead = await addAnnotator(admin, 'lead', { reviewer: false, admin: true })
    const a = desktop('alice')
    const lead = desktop('lead')
    desktops.push(a, lead)
    expect((await syncOnce(a.store, server.url('team', 'alice', 'pw-alice'))).pulled).toBe(7)
    expect((await syncOnce(lead.store, urlLead)).pulled).toBe(7)
    label(a, 'alice', 'd0', 'London', 'GPE')
    expect(await syncOnce(a.store, server.url('team', 'alice', 'pw-alice'))).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    expect(await syncOnce(lead.store, urlLead)).toMatchObject({ pulled: 1 })
    const onLead = lead.store.team.layerContent(docId(lead, 'd0'), lead.store.annotators.byName('alice')!.id)
    expect(onLead.spans.map((s) => s.label)).toEqual(['PERSON', 'GPE'])
  }, 120_000)

  test('a push that commits late is never passed over: a pull meanwhile waits for it, then gets both in order', async () => {
    const admin = server.url('team')
    ;[bobUrl, carolUrl] = [await addAnnotator(admin, 'bob', { reviewer: false, admin: false }), await addAnnotator(admin, 'carol', { reviewer: false, admin: false })]
    const reader = await client(admin)
    const cursor = await lastSeq(reader, 0)
    // Bob's push runs first (it takes the lower position) and stays open; carol's starts later and commits first.
    const bob = await client(bobUrl)
    await bob.query('BEGIN')
    expect((await push(bob, 'd3', 'bob', null, 101)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    const carol = await client(carolUrl)
    expect((await push(carol, 'd3', 'carol', null, 102)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    // Nothing past bob's open push is read yet, so no cursor can step over it.
    expect(await pulled(reader, cursor)).toEqual([])
    await bob.query('COMMIT')
    expect(await pulled(reader, cursor)).toEqual([
      ['d3', 'bob', 1],
      ['d3', 'carol', 1],
    ])
    // A push rolled back leaves no trace; one that waits on nothing is read at once.
    await bob.query('BEGIN')
    await push(bob, 'd2', 'bob', null, 103)
    await bob.query('ROLLBACK')
    const next = await lastSeq(reader, cursor)
    expect((await push(carol, 'd2', 'carol', null, 104)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    expect(await pulled(reader, next)).toEqual([['d2', 'carol', 1]])
    // A layer written again: its older log rows do not fill a page, so a page of one still finds its newest version.
    expect((await push(carol, 'd2', 'carol', 1, 105, 13)).rows).toEqual([{ outcome: 'applied', version: '2' }])
    expect((await push(carol, 'd2', 'carol', 2, 106, 14)).rows).toEqual([{ outcome: 'applied', version: '3' }])
    expect((await layersSince(reader, next, 1)).map((l) => [l.documentId, l.annotator, l.version])).toEqual([['d2', 'carol', 3]])
  }, 60_000)

  test('no member can move the pull order: a log row only at its own transaction position, none updated or deleted; the write lock is not needed', async () => {
    const bob = await client(bobUrl)
    for (const seq of ['999999999', '1', 'team_log_position() + 1']) {
      await expect(bob.query(`INSERT INTO team_changes (change_id, document_id, annotator, version, seq) VALUES (gen_random_uuid(), 'd3', 'bob', 9, ${seq})`)).rejects.toMatchObject({
        code: '42501',
      })
    }
    await expect(bob.query("INSERT INTO team_changes (change_id, document_id, annotator, version) VALUES (gen_random_uuid(), 'd3', 'alice', 9)")).rejects.toMatchObject({ code: '42501' })
    await expect(bob.query('UPDATE team_changes SET seq = 999999999')).rejects.toMatchObject({ code: '42501' })
    await expect(bob.query('DELETE FROM team_changes')).rejects.toMatchObject({ code: '42501' })
    // His own layer cannot be moved to a document the team does not have (checked per row, only when it moves).
    await expect(bob.query("UPDATE team_layers SET document_id = 'no-such-doc' WHERE annotator = 'bob' AND document_id = 'd3'")).rejects.toMatchObject({ code: '23503' })
    expect((await bob.query("UPDATE team_layers SET document_id = 'd0' WHERE annotator = 'bob' AND document_id = 'd3'")).rowCount).toBe(1)
    // A push does not wait for the write lock (documents and gold still take it).
    const holder = await client(server.url('team'))
    await holder.query('BEGIN')
    await holder.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
    expect((await push(bob, 'd1', 'bob', null, 201)).rows).toEqual([{ outcome: 'applied', version: '1' }])
    await holder.query('ROLLBACK')
  }, 60_000)
})
