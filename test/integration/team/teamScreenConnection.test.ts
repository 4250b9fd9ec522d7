import fs from 'node:fs'
import { afterEach, describe, expect, test } from 'vitest'
import type pg from 'pg'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import type { Args, Method, Result } from '../../../src/shared/api/contract'
import { KeptTeamConnection } from '../../../src/main/team/keptTeam'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing } from '../../helpers/postgresServer'
import { label, memberBackends, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

/**
 * The Team screen's other server calls (progress, the documents list, assigning) use the connection the app keeps
 * for its sync, one caller at a time, not one of their own each. Checked on the server's side: the member's role may
 * hold ONE connection (CONNECTION LIMIT 1), so any call that opened a second one is refused by PostgreSQL itself; and
 * the backends (pg_stat_activity) stay one pid. Every team connection has TCP keepalive on (the kernel's timer on its socket, /proc/net/tcp).
 */

const missing = postgresMissing()

describe.skipIf(missing)(`the Team screen's server calls on the kept connection, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator' })
  let admin: pg.Client | null = null
  afterEach(async () => {
    await admin?.query('ALTER ROLE lead CONNECTION LIMIT -1')
    admin = null // the kit ends its raw clients after each test
  })
  const su = async () => (admin ??= await kit.rawClient(team.adminUrl()))

  const { now: backends, when: backendsWhen } = memberBackends(su)

  /** A desktop as the Team screen drives it: the real handler table and dispatch, in this process. */
  const app = (d: Desktop) => {
    const h = createHandlers({ store: d.store, version: 'test', transport: 'http' })
    return async <M extends Method>(m: M, args: Args<M>): Promise<Result<M>> => {
      const r = await dispatch(h, m, args)
      if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`)
      return r.value as never
    }
  }

  test('progress, the documents list, assigning and sync share one backend, even with the role limited to one connection; after pg_terminate_backend the next call answers', async () => {
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    const call = app(lead)
    // Any second connection of lead's is refused by the server ("too many connections for role").
    await (await su()).query('ALTER ROLE lead CONNECTION LIMIT 1')
    await call('team.connect', { server: urls.lead, password: '', autoSyncSeconds: null })
    await call('team.syncNow', {})
    const [kept, ...more] = await backends('lead')
    expect(more).toEqual([])

    const progress = await call('team.progress', {})
    expect(progress.annotators.map((a) => a.name)).toEqual(['alice', 'lead'])
    expect((await call('team.documents', { limit: 10 })).total).toBe(4)
    const assigned = await call('team.assign', { annotator: 'alice', documents: ['doc-0', 'doc-1'] })
    expect(assigned).toMatchObject({ changed: ['doc-0', 'doc-1'], state: { lastError: null } })
    expect((await call('team.documents', { unassignedOnly: true })).rows.map((r) => r.externalId)).toEqual(['doc-2', 'doc-3'])
    label(lead, 'lead', 'doc-2', 'Marie Curie', 'PERSON')
    expect(await call('team.syncNow', {})).toMatchObject({ lastError: null, lastResult: { pushed: 1 } })
    expect((await call('team.progress', {})).annotators.find((a) => a.name === 'alice')).toMatchObject({ assigned: 2 })
    expect(await backends('lead')).toEqual([kept])

    // Asked for at once: one after the other on the one connection (a second would be refused).
    const [p, docs, s] = await Promise.all([call('team.progress', {}), call('team.documents', { query: 'doc-3' }), call('team.syncNow', {})])
    expect(p.documents).toBe(4)
    expect(docs.rows.map((r) => r.externalId)).toEqual(['doc-3'])
    expect(s.lastError).toBeNull()
    expect(await backends('lead')).toEqual([kept])

    // The server ends it between two calls: the next call logs in again and answers.
    await (await su()).query('SELECT pg_terminate_backend($1)', [kept])
    await backendsWhen('lead', (pids) => pids.length === 0)
    expect((await call('team.progress', {})).documents).toBe(4)
    const [again, ...others] = await backends('lead')
    expect(others).toEqual([])
    expect(again).not.toBe(kept)
    expect((await call('team.assign', { annotator: 'alice', documents: ['doc-1'], assigned: false })).changed).toEqual(['doc-1'])
    expect(await backends('lead')).toEqual([again])

    // Disconnected: the calls are refused in words, and the connection is gone.
    await call('team.disconnect', {})
    await expect(call('team.progress', {})).rejects.toThrow(/not connected to a team server/)
    expect(await backendsWhen('lead', (pids) => pids.length === 0)).toEqual([])
  }, 120_000)

  test('every team connection has TCP keepalive on: the kept one and a one-shot', async () => {
    /**
     * The timer the kernel runs on this client's socket, from /proc/net/tcp: an idle established socket with
     * keepalive on has timer 2 (keepalive) pending; without it, 0 (none).
     */
    const timer = (client: pg.Client): string => {
      const port = (client as unknown as { connection: { stream: { localPort: number } } }).connection.stream.localPort
      const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`
      const row = fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').find((l) => l.trim().split(/\s+/)[1] === local)
      if (!row) throw new Error(`no socket ${local} in /proc/net/tcp`)
      return row.trim().split(/\s+/)[5].split(':')[0]
    }
    const k = new KeptTeamConnection(urls.alice)
    const t = await k.open()
    const kept = timer(t.client)
    await k.release(t, false)
    await k.close()
    expect(kept).toBe('02')
    const once = await openTeam(urls.alice)
    try {
      expect(timer(once.client)).toBe('02')
    } finally {
      await once.client.end()
    }
  }, 60_000)
})
