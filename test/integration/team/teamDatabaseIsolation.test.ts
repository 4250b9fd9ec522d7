import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { teamDatabaseAtSchema } from './teamAtSchema'
import { addDocuments, label, teamTestKit } from './teamDesktops'

/**
 * Two team databases on one PostgreSQL server, as a lab hosting several
 * projects has them. The group roles are shared by the whole server, so the
 * only thing between one team's member and the other team's data is who may
 * connect: a member of lab_a, even its admin, cannot open lab_b, neither
 * through Spanwright nor with a raw client, and writes nothing there.
 */

const missing = postgresMissing()
const otherDatabase = (url: string, db: string) => {
  const u = new URL(url)
  u.pathname = `/${db}`
  return u.toString()
}

describe.skipIf(missing)(`two team databases on one server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  beforeAll(async () => {
    server = await startPostgres()
    for (const db of ['lab_a', 'lab_b']) {
      await server.createDatabase(db)
      await initTeam(server.url(db))
    }
    urls.alice = await addAnnotator(server.url('lab_a'), 'alice', { reviewer: false, admin: false })
    urls.carol = await addAnnotator(server.url('lab_a'), 'carol', { reviewer: true, admin: true })
    urls.bob = await addAnnotator(server.url('lab_b'), 'bob', { reviewer: false, admin: true })
  }, 120_000)
  afterAll(() => {
    for (const d of kit.desktops) d.store.close()
    server?.destroy()
  })

  test("a member of lab_a, or its admin, cannot connect to lab_b: a plain refusal, and lab_b holds nothing of theirs; lab_b's own member syncs as before", async () => {
    const bob = kit.open('bob')
    addDocuments(bob)
    await kit.sync(bob)
    for (const name of ['alice', 'carol']) {
      const intruder = kit.open(name)
      addDocuments(intruder)
      label(intruder, name, 'doc-0', 'Ada Lovelace', 'PERSON')
      await expect(syncOnce(intruder.store, otherDatabase(urls[name], 'lab_b'))).rejects.toThrow(
        new RegExp(`${name}@127\\.0\\.0\\.1:\\d+/lab_b: this user is not a member of this team database`),
      )
      const raw = new pg.Client({ connectionString: otherDatabase(urls[name], 'lab_b') })
      raw.on('error', () => undefined)
      await expect(raw.connect()).rejects.toMatchObject({ code: '42501' })
      await raw.end().catch(() => undefined)
    }
    const admin = await kit.rawClient(server.url('lab_b'))
    const layers = await admin.query<{ annotator: string }>('SELECT DISTINCT annotator FROM team_layers ORDER BY 1')
    expect(layers.rows.map((r) => r.annotator)).toEqual([])
    expect((await admin.query('SELECT count(*)::int AS n FROM team_documents')).rows[0].n).toBe(4)
    // Their own team works as before.
    const alice = kit.desktops.find((d) => d.name === 'alice')!
    const lead = kit.open('carol')
    addDocuments(lead)
    await kit.sync(lead)
    expect((await kit.sync(alice)).pushed).toBe(1)
  })

  test('one person in two teams: add-annotator --existing lets a role of lab_a into lab_b with its own password and its server-wide rights, never wider or narrower', async () => {
    const add = async (...args: string[]) => {
      const lines: string[] = []
      const io = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(`ERR ${s}`) }
      return { code: await main(['team', 'add-annotator', ...args, '--server', server.url('lab_b'), '--existing'], io), lines }
    }
    // carol is a reviewer and an admin (of lab_a): lab_b may not take her as less, nor alice as more.
    const carolPlain = await add('carol')
    expect(carolPlain.code).toBe(1)
    expect(carolPlain.lines.join('\n')).toMatch(/carol is a reviewer and an admin on this server, and those rights are server-wide .* add-annotator carol --existing --reviewer --admin/)
    expect((await add('alice', '--reviewer')).lines.join('\n')).toMatch(/alice is an annotator only on this server/)
    expect((await add('nobody')).lines.join('\n')).toMatch(/there is no role named nobody on this server/)
    // A role Spanwright did not make (the server's superuser here) is not taken over.
    const superuser = new URL(server.url('lab_b')).username
    expect((await add(superuser)).lines.join('\n')).toMatch(new RegExp(`the role ${superuser} was not made by spanwright team add-annotator`))
    const admin = await kit.rawClient(server.url('lab_b'))
    expect((await admin.query("SELECT name FROM team_annotators WHERE name IN ('alice', 'carol')")).rows).toEqual([])

    // alice joins as she is: the URL names lab_b and holds no password; hers opens it.
    const joined = await add('alice')
    expect(joined.code).toBe(0)
    const url = new URL(joined.lines.at(-1)!)
    expect([url.username, url.password, url.pathname]).toEqual(['alice', '', '/lab_b'])
    url.password = new URL(urls.alice).password
    const alice = kit.open('alice')
    await expect(syncOnce(alice.store, url.toString())).resolves.toMatchObject({ refused: [] })
    label(alice, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    expect((await syncOnce(alice.store, url.toString())).pushed).toBe(1)
    expect((await admin.query("SELECT annotator FROM team_layers WHERE annotator = 'alice'")).rows).toHaveLength(1)
    expect((await admin.query("SELECT reviewer, admin FROM team_annotators WHERE name = 'alice'")).rows).toEqual([{ reviewer: false, admin: false }])
    expect((await add('alice')).lines.join('\n')).toMatch(/alice is already a member of this team/)
    // carol, accepted with her rights, is recorded with them.
    expect((await add('carol', '--reviewer', '--admin')).code).toBe(0)
    expect((await admin.query("SELECT reviewer, admin FROM team_annotators WHERE name = 'carol'")).rows).toEqual([{ reviewer: true, admin: true }])
  })

  test('members added in parallel (an admin\'s script) are all added, each able to connect', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `p${i}`)
    const added = await Promise.all(names.map((n) => addAnnotator(server.url('lab_b'), n, { reviewer: false, admin: false })))
    for (const url of added) await (await kit.rawClient(url)).query('SELECT count(*) FROM team_layers')
  })

  test('upgrading a schema-6 database takes CONNECT from everyone else and keeps it for the members it already has', async () => {
    await server.createDatabase('old')
    const c = await kit.rawClient(server.url('old'))
    await teamDatabaseAtSchema(c, 6)
    await c.query('CREATE ROLE dora LOGIN PASSWORD $$pw-dora$$ IN ROLE spanwright_team')
    await c.query("INSERT INTO team_annotators (name) VALUES ('dora')")
    const dora = server.url('old', 'dora', 'pw-dora')
    // Before: anyone on the server could connect, a member of lab_a too.
    await (await kit.rawClient(otherDatabase(urls.alice, 'old'))).query('SELECT 1')
    expect((await initTeam(server.url('old'))).to).toBeGreaterThanOrEqual(7)
    await (await kit.rawClient(dora)).query('SELECT count(*) FROM team_layers')
    const d = kit.open('dora')
    await expect(syncOnce(d.store, dora)).resolves.toMatchObject({ refused: [] })
    const raw = new pg.Client({ connectionString: otherDatabase(urls.alice, 'old') })
    raw.on('error', () => undefined)
    await expect(raw.connect()).rejects.toMatchObject({ code: '42501' })
    await raw.end().catch(() => undefined)
  })
})
