import { afterEach, describe, expect, test } from 'vitest'
import type pg from 'pg'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import type { Handlers } from '../../../src/main/api/handlerTypes'
import type { Args, Method, Result } from '../../../src/shared/api/contract'
import { KeptTeamConnection, KEPT_CHECK_MS, KEPT_MAX_AGE_MS } from '../../../src/main/team/keptTeam'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { postgresMissing } from '../../helpers/postgresServer'
import { label, memberBackends, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

/**
 * The app's sync keeps its PostgreSQL connection from one sync to the next (keptTeam.ts): a new connection's first
 * statements cost the server about as much as a push of 1,000 changes. Checked here on the server's side, by the
 * backends (pg_stat_activity) each member has open: reused, replaced when the server ended it, never shared by two
 * syncs at once, closed on leaving; and a password or role taken away is still said as at a login.
 */

const missing = postgresMissing()

describe.skipIf(missing)(`the app's kept connection to the team server, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', bob: 'annotator', carl: 'annotator', dora: 'annotator', emil: 'annotator' })
  const kept: KeptTeamConnection[] = []
  const keep = (url: string, limits?: ConstructorParameters<typeof KeptTeamConnection>[1]) => {
    const k = new KeptTeamConnection(url, limits)
    kept.push(k)
    return k
  }
  let admin: pg.Client | null = null
  afterEach(async () => {
    for (const k of kept.splice(0)) await k.close()
    admin = null // the kit ends its raw clients after each test
  })

  const { now: backends, when: backendsWhen } = memberBackends(async () => (admin ??= await kit.rawClient(team.adminUrl())))

  /** A desktop as the Team screen drives it: the real handler table and dispatch, in this process. */
  const app = (d: Desktop) => {
    const h: Handlers = createHandlers({ store: d.store, version: 'test', transport: 'http' })
    return {
      async call<M extends Method>(m: M, args: Args<M>): Promise<Result<M>> {
        const r = await dispatch(h, m, args)
        if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`)
        return r.value as never
      },
    }
  }

  test('the app syncs twice over one backend, replaced after pg_terminate_backend and after a server restart; spanwright sync keeps none open', async () => {
    const d = kit.open('alice')
    const alice = app(d)
    await alice.call('team.connect', { server: urls.alice, password: '', autoSyncSeconds: null })
    await alice.call('team.syncNow', {})
    // The login check's own connection ends too: then one backend is left, the kept one.
    const [first, ...more] = await backendsWhen('alice', (p) => p.length === 1)
    expect(more).toEqual([])
    label(d, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    let s = await alice.call('team.syncNow', {})
    expect(s).toMatchObject({ lastError: null, pending: 0, lastResult: { pushed: 1 } })
    expect(await backends('alice')).toEqual([first])

    // The server ends it (an admin, an idle timeout): the next sync opens another and goes on.
    await admin!.query('SELECT pg_terminate_backend($1)', [first])
    label(d, 'alice', 'doc-1', 'United Nations', 'ORG')
    s = await alice.call('team.syncNow', {})
    expect(s).toMatchObject({ lastError: null, pending: 0, lastResult: { pushed: 1 } })
    const [second] = await backendsWhen('alice', (p) => p.length === 1 && p[0] !== first)
    expect(second).not.toBe(first)

    // The server restarts between two syncs.
    team.server().stop()
    team.server().start()
    admin = null
    label(d, 'alice', 'doc-2', 'Marie Curie', 'PERSON')
    s = await alice.call('team.syncNow', {})
    expect(s).toMatchObject({ lastError: null, pending: 0, lastResult: { pushed: 1 } })
    const third = await backends('alice')
    expect(third).toHaveLength(1)
    expect(third[0]).not.toBe(second)

    // The command line's sync (one-shot) leaves nothing open.
    const b = kit.open('bob')
    await kit.sync(b)
    expect(await backendsWhen('bob', (p) => p.length === 0)).toEqual([])
    await alice.call('team.disconnect', {})
  }, 120_000)

  test('leaving the team closes the kept connection', async () => {
    const d = kit.open('carl')
    const carl = app(d)
    await carl.call('team.connect', { server: urls.carl, password: '', autoSyncSeconds: null })
    await carl.call('team.syncNow', {})
    expect(await backendsWhen('carl', (p) => p.length === 1)).toHaveLength(1)
    await carl.call('team.leave', {})
    expect(await backendsWhen('carl', (p) => p.length === 0)).toEqual([])
  }, 60_000)

  test('a connection that died unheard is found by the check before anything is sent, and the sync goes on over a new one', async () => {
    const d = kit.open('dora')
    const k = keep(urls.dora)
    await syncOnce(d.store, urls.dora, { connection: k })
    const [old] = await backendsWhen('dora', (p) => p.length === 1)
    // The client is not told (as when the network went): only the check before the next sync can find it.
    k.keptClient!.removeAllListeners('end')
    await admin!.query('SELECT pg_terminate_backend($1)', [old])
    await backendsWhen('dora', (p) => p.length === 0)
    label(d, 'dora', 'doc-3', 'Alan Turing', 'PERSON')
    const r = await syncOnce(d.store, urls.dora, { connection: k })
    expect(r).toMatchObject({ pushed: 1, refused: [], conflicts: [] })
    const now = await backends('dora')
    expect(now).toHaveLength(1)
    expect(now[0]).not.toBe(old)
    await k.close()
    expect(await backendsWhen('dora', (p) => p.length === 0)).toEqual([])
  }, 60_000)

  test('two syncs asked for at once run one after the other on the one connection', async () => {
    const d = kit.desktops.find((x) => x.name === 'lead')!
    const k = keep(urls.lead)
    for (let i = 0; i < 3; i++) d.store.documents.insert({ externalId: `kept-${i}`, title: `Kept ${i}`, text: 'Grace Hopper visited Geneva.', meta: {} })
    label(d, 'lead', 'doc-0', 'Charles Babbage', 'PERSON')
    const steps: string[] = []
    const sync = (tag: string) => syncOnce(d.store, urls.lead, { connection: k, pushBatch: 1, batch: 1, onStep: (s) => steps.push(`${tag} ${s}`) })
    const [a, b] = await Promise.all([sync('A'), sync('B')])
    expect(a.pushed + b.pushed).toBe(1)
    const tags = steps.map((s) => s[0])
    // Every step of the one before any step of the other: never interleaved on the connection.
    expect(tags.join('')).toMatch(/^(A+B+|B+A+)$/)
    expect(await backendsWhen('lead', (p) => p.length === 1)).toHaveLength(1)
    await k.close()
  }, 60_000)

  test('an idle kept connection is closed after its idle time', async () => {
    const d = kit.open('emil')
    const k = keep(urls.emil, { idleMs: 200, maxAgeMs: KEPT_MAX_AGE_MS, checkMs: KEPT_CHECK_MS })
    await syncOnce(d.store, urls.emil, { connection: k })
    expect(await backendsWhen('emil', (p) => p.length === 0)).toEqual([])
    expect(k.keptClient).toBeNull()
    // The next sync logs in again.
    label(d, 'emil', 'doc-0', 'Ada Lovelace', 'PERSON')
    expect(await syncOnce(d.store, urls.emil, { connection: k })).toMatchObject({ pushed: 1 })
    await k.close()
  }, 60_000)

  test("a password changed on the server, a login taken away or a role dropped: the kept connection's next login says so as before", async () => {
    admin ??= await kit.rawClient(team.adminUrl())
    // Logged in again at every sync (as a kept connection is once it is KEPT_MAX_AGE_MS old): the new password is met.
    const b = kit.desktops.find((x) => x.name === 'bob')!
    const old = keep(urls.bob, { idleMs: 60_000, maxAgeMs: 0, checkMs: KEPT_CHECK_MS })
    await syncOnce(b.store, urls.bob, { connection: old })
    await admin.query("ALTER ROLE bob PASSWORD 'a-new-one'")
    await expect(syncOnce(b.store, urls.bob, { connection: old })).rejects.toThrow(/wrong password \(or no such user\); the server refused to log in/)
    // The login taken away, with the default limits: the check before the next sync sees it.
    const e = kit.desktops.find((x) => x.name === 'emil')!
    const k = keep(urls.emil)
    await syncOnce(e.store, urls.emil, { connection: k })
    expect(await backends('emil')).toHaveLength(1)
    await admin.query('ALTER ROLE emil NOLOGIN')
    await expect(syncOnce(e.store, urls.emil, { connection: k })).rejects.toThrow(/the server refused the login: role "emil" is not permitted to log in/)
    // A role dropped while its connection is kept.
    const c = kit.open('carl')
    const kc = keep(urls.carl)
    await syncOnce(c.store, urls.carl, { connection: kc })
    expect(await backends('carl')).toHaveLength(1)
    await admin.query('DROP OWNED BY carl')
    await admin.query('DROP ROLE carl')
    await expect(syncOnce(c.store, urls.carl, { connection: kc })).rejects.toThrow(/wrong password \(or no such user\)/)
  }, 60_000)
})
