import net from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { openStore } from '../../../src/main/store/store'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { addDocuments, desktop, exported, label } from './teamDesktops'

/**
 * The team CLI in the issue's shapes, given a hostile server or bad input: each gets a plain message naming the
 * server (never the password, never a stack) and exit code 1 (2 for a command line it cannot read), and nothing
 * half-done stays behind: the next sync finishes what was cut.
 */

const missing = postgresMissing()

describe.skipIf(missing)(`the team CLI against a hostile server and bad input${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  let admin: string
  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    admin = server.url('team')
    await initTeam(admin)
  }, 120_000)
  afterAll(() => server?.destroy())

  const run = async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await main(argv, { log: (l: string) => out.push(l), error: (l: string) => err.push(l) })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  const plain = (r: { err: string }, password?: string) => {
    expect(r.err).not.toMatch(/\n\s+at /)
    if (password) expect(r.err).not.toContain(password)
  }

  test('a server that drops the connection mid-sync: exit 1, in words, naming the server; the next sync finishes and the desktops converge', async () => {
    const leadUrl = await addAnnotator(admin, 'lead', { reviewer: true, admin: true })
    // A proxy that passes everything until the client has sent `limit` bytes on a connection, then drops it.
    let limit = Infinity
    const proxy = net.createServer((c) => {
      let sent = 0
      const s = net.connect(server.port, '127.0.0.1')
      c.on('data', (b) => {
        sent += b.length
        if (sent > limit) c.destroy()
        else s.write(b)
      })
      s.on('data', (b) => c.write(b))
      for (const [a, b] of [[c, s], [s, c]]) {
        a.on('error', () => undefined)
        a.on('close', () => b.destroy())
      }
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()))
    try {
      const viaProxy = leadUrl.replace(`:${server.port}/`, `:${(proxy.address() as net.AddressInfo).port}/`)
      const lead = desktop('lead')
      addDocuments(lead)
      for (let i = 0; i < 150; i++) lead.store.documents.insert({ externalId: `more-${i}`, title: `more ${i}`, text: 'Ada Lovelace worked with Charles Babbage in London. '.repeat(10), meta: {} })
      for (let i = 0; i < 30; i++) label(lead, 'lead', `more-${i}`, 'London', 'GPE')
      lead.store.close()
      let cut = 0
      for (const bytes of [1_500, 4_000, 12_000, 40_000, 90_000]) {
        limit = bytes
        const r = await run('sync', '--server', viaProxy, '--db', lead.file)
        plain(r, new URL(leadUrl).password)
        if (r.code === 0) continue
        cut++
        expect(r.code).toBe(1)
        expect(r.err).toMatch(/^spanwright sync: lead@127\.0\.0\.1:\d+\/team: the connection to the server was lost \((Connection terminated unexpectedly|read ECONNRESET)\); try again when it is back \(a sync resumes where it stopped\)\.$/)
      }
      expect(cut).toBeGreaterThanOrEqual(3)
      // team status cut after its connection opened: the same words.
      limit = 1_000
      const status = await run('team', 'status', '--server', viaProxy)
      expect(status).toMatchObject({ code: 1, err: expect.stringMatching(/^spanwright team: lead@127\.0\.0\.1:\d+\/team: the connection to the server was lost \(/) })
      limit = Infinity
      expect(await run('sync', '--server', viaProxy, '--db', lead.file)).toMatchObject({ code: 0 })
      // A desktop that pulls everything has what the cut syncs pushed, once each.
      const fresh = desktop('lead')
      fresh.store.close()
      expect((await run('sync', '--server', leadUrl, '--db', fresh.file)).code).toBe(0)
      const [a, b] = [openStore(lead.file), openStore(fresh.file)]
      try {
        expect(b.documents.count()).toBe(154)
        expect(await exported({ ...fresh, store: b })).toEqual(await exported({ ...lead, store: a }))
      } finally {
        a.close()
        b.close()
      }
    } finally {
      proxy.close()
    }
  })

  test('a URL with a wrong database name, a role that may not log in, a URL of another scheme or a port out of range: exit 1, in words', async () => {
    const ws = desktop('nobody')
    ws.store.close()
    const noDb = server.url('no_such_team')
    for (const argv of [['team', 'init', '--server', noDb], ['team', 'status', '--server', noDb], ['sync', '--server', noDb, '--db', ws.file]]) {
      const r = await run(...argv)
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/^spanwright (team|sync): team_owner@127\.0\.0\.1:\d+\/no_such_team: there is no such database on that server\.$/)
      plain(r, 'owner-secret')
    }
    const c = new pg.Client({ connectionString: admin })
    await c.connect()
    try {
      await c.query("CREATE ROLE cannot_login PASSWORD 'pw-9f8e' NOLOGIN IN ROLE spanwright_team")
      await c.query('GRANT CONNECT ON DATABASE team TO cannot_login')
    } finally {
      await c.end()
    }
    for (const argv of [['team', 'status', '--server', server.url('team', 'cannot_login', 'pw-9f8e')], ['sync', '--server', server.url('team', 'cannot_login', 'pw-9f8e'), '--db', ws.file]]) {
      const r = await run(...argv)
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/cannot_login@127\.0\.0\.1:\d+\/team: the server refused the login: role "cannot_login" is not permitted to log in$/)
      plain(r, 'pw-9f8e')
    }
    const other = await run('sync', '--server', `mysql://lead:pw-1234@127.0.0.1:${server.port}/team`, '--db', ws.file)
    expect(other).toMatchObject({ code: 1, err: 'spanwright sync: --server is a postgres:// URL (not mysql://), such as postgres://NAME:PASSWORD@HOST:5432/DATABASE' })
    const port = await run('team', 'status', '--server', 'postgres://lead:pw-1234@127.0.0.1:99999/team')
    expect(port).toMatchObject({ code: 1, err: expect.stringMatching(/--server is a postgres:\/\/ URL, such as .* \(the port a number from 1 to 65535\)$/) })
    plain(port, 'pw-1234')
  })

  test('add-annotator NAME with quotes, spaces, capitals, a reserved name or an option-like name: refused before the server is asked, and no role made', async () => {
    const roles = async () => {
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      try {
        return (await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_roles')).rows[0].n
      } finally {
        await c.end()
      }
    }
    const before = await roles()
    for (const name of ["o'brien", 'bob smith', 'x"; DROP ROLE team_owner; --', '', 'Bob', 'zoë', 'gold', 'public', 'none', 'pg_monitor', 'spanwright_admin', 'a'.repeat(64)]) {
      const r = await run('team', 'add-annotator', name, '--server', admin, '--reviewer')
      expect(r.code, name).toBe(1)
      expect(r.err).toBe(
        `spanwright team: ${JSON.stringify(name)} cannot be an annotator's name: use lowercase letters, digits and _ (at most 63, not starting with a digit), and not gold, public, none, spanwright… or pg_…`,
      )
    }
    const dash = await run('team', 'add-annotator', '-rf', '--server', admin)
    expect(dash.code).toBe(2)
    expect(dash.err).toMatch(/^spanwright team: Unknown option '-r'/)
    const twice = await run('team', 'add-annotator', 'team_owner', '--server', admin)
    expect(twice).toMatchObject({ code: 1, err: expect.stringMatching(/a role named team_owner already exists on this server/) })
    expect(await roles()).toBe(before)
  })
})
