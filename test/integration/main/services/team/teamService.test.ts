import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import type { Handlers } from '../../../../../src/main/api/handlerTypes'
import { main } from '../../../../../src/main/cli/main'
import type { Args, Method, Result } from '../../../../../src/shared/api/contract'
import type { TeamSyncState } from '../../../../../src/shared/api/methods/team'
import { addAnnotator, initTeam } from '../../../../../src/main/team/teamAdmin'
import { CredentialVault } from '../../../../../src/main/services/team/credentialVault'
import { withTeamCredentials } from '../../../../../src/main/services/team/teamCredentials'
import { openStore } from '../../../../../src/main/store/store'
import { aesCipher } from '../../../../helpers/aesCipher'
import { tempDir } from '../../../../helpers/tempWorkspace'
import { postgresMissing, startPostgres } from '../../../../helpers/postgresServer'
import type { PostgresServer } from '../../../../helpers/postgresServer'
import { addDocuments, desktop, label } from '../../../../integration/team/teamDesktops'
import type { Desktop } from '../../../../integration/team/teamDesktops'

const missing = postgresMissing()

/** One desktop as the Team screen drives it: its own workspace, the real handler table, the real dispatch. */
interface App {
  d: Desktop
  h: Handlers
  call<M extends Method>(m: M, args: Args<M>): Promise<Result<M>>
  fail(m: Method, args: unknown): Promise<{ code: string; message: string }>
}

/** Polls the state until `ok` holds (a sync runs in the background); gives up after 60 s with the last state. */
async function until(app: App, ok: (s: TeamSyncState) => boolean): Promise<TeamSyncState> {
  let s = await app.call('team.state', {})
  for (let i = 0; i < 600 && !ok(s); i++) {
    await new Promise((r) => setTimeout(r, 100))
    s = await app.call('team.state', {})
  }
  return s
}

describe.skipIf(missing)(`the Team screen's calls against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const passwords: Record<string, string> = {}
  const apps: App[] = []

  const open = (name: string): App => {
    const d = desktop(name)
    const h = createHandlers({ store: d.store, version: 'test', transport: 'http' })
    const app: App = {
      d,
      h,
      async call(m, args) {
        const r = await dispatch(h, m, args)
        if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`)
        return r.value as never
      },
      async fail(m, args) {
        const r = await dispatch(h, m, args)
        if (r.ok) throw new Error(`${m} succeeded`)
        return r.error
      },
    }
    apps.push(app)
    return app
  }
  /** user@host:port/db, as a person types it on the Team screen (the password goes in its own field). */
  const address = (name: string) => {
    const u = new URL(urls[name])
    return `${u.username}@${u.hostname}:${u.port}${u.pathname}`
  }

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    urls.lead = await addAnnotator(server.url('team'), 'lead', { reviewer: false, admin: true })
    for (const n of ['alice', 'bob']) urls[n] = await addAnnotator(server.url('team'), n, { reviewer: false, admin: false })
    for (const n of Object.keys(urls)) passwords[n] = decodeURIComponent(new URL(urls[n]).password)
  }, 120_000)
  afterAll(async () => {
    for (const a of apps) {
      await dispatch(a.h, 'team.disconnect', {})
      a.d.store.close()
    }
    server?.destroy()
  })

  test('connect: a wrong password is refused in plain words (and not echoed); the right one connects and syncs', async () => {
    const lead = open('lead')
    addDocuments(lead.d, 4)
    const wrong = await lead.fail('team.connect', { server: address('lead'), password: 'not-the-password' })
    expect(wrong.message).toMatch(/wrong password \(or no such user\)/)
    expect(wrong.message).not.toContain('not-the-password')
    expect((await lead.call('team.state', {})).connected).toBe(false)
    const bad = await lead.fail('team.connect', { server: 'nobody-knows-this', password: 'x' })
    expect(bad.message).toMatch(/names no (user|database)/)

    const s = await lead.call('team.connect', { server: address('lead'), password: passwords.lead, autoSyncSeconds: null })
    expect(s).toMatchObject({ connected: true, passwordKept: 'memory', me: { name: 'lead', admin: true }, where: address('lead').replace(/\/team$/, '/team'), autoSyncSeconds: null })
    expect(s.server).toBe(`postgres://${address('lead')}`)
    // Annotating under the team name from now on.
    expect((await lead.call('app.info', {})).annotator).toBe('lead')
    const after = await lead.call('team.syncNow', {})
    expect(after.lastError).toBeNull()
    expect(after.lastSyncAt).not.toBeNull()
    expect(after.syncing).toBe(false)
    expect(after.pending).toBe(0)
    const docs = await lead.call('team.documents', {})
    expect(docs.total).toBe(4)
    expect(docs.rows.map((r) => r.externalId)).toEqual(['doc-0', 'doc-1', 'doc-2', 'doc-3'])
  })

  test("sync now, progress per annotator, refusals listed with their reasons", async () => {
    const alice = open('alice')
    // A URL with the password in it (what team add-annotator prints) works as well, with the field left empty.
    await alice.call('team.connect', { server: urls.alice, password: '', autoSyncSeconds: null })
    await alice.call('team.syncNow', {})
    expect((await alice.call('documents.list', { annotator: 'alice' })).map((d) => d.externalId)).toEqual(['doc-0', 'doc-1', 'doc-2', 'doc-3'])
    label(alice.d, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    await alice.call('documents.setStatus', { documentId: alice.d.store.documents.byExternalId('doc-0')!.id, annotator: 'alice', status: 'done' })
    // Bob's layer, written on alice's desktop: the server refuses it, and the screen lists why.
    label(alice.d, 'bob', 'doc-1', 'Geneva', 'GPE')
    expect((await alice.call('team.state', {})).pending).toBe(2)
    // While it runs, the state says so (the sync waits on the server; the state is read meanwhile).
    const running = alice.call('team.syncNow', {})
    let during = await alice.call('team.state', {})
    for (let i = 0; i < 200 && !during.syncing; i++) during = await alice.call('team.state', {})
    expect(during.syncing).toBe(true)
    expect(during.progress).toMatchObject({ pendingAtStart: 2, step: expect.any(String) })
    const s = await running
    expect(s.syncing).toBe(false)
    expect(s.progress).toBeNull()
    expect(s.lastResult).toMatchObject({ pushed: 1, refused: 1 })
    expect(s.pending).toBe(0)
    expect(s.problems.refused).toBe(1)
    expect(s.problems.list).toEqual([{ documentId: 'doc-1', annotator: 'bob', kind: 'refused', reason: expect.stringMatching(/bob/) }])
    const progress = await alice.call('team.progress', {})
    expect(progress.documents).toBe(4)
    expect(progress.annotators.find((a) => a.name === 'alice')).toMatchObject({ done: 1, layers: 1, spans: 1 })
    expect(progress.annotators.map((a) => a.name)).toEqual(['alice', 'bob', 'lead'])
  })

  test('automatic sync: runs by itself every N seconds, survives the server going away, and stops when turned off', async () => {
    const bob = open('bob')
    let s = await bob.call('team.connect', { server: address('bob'), password: passwords.bob, autoSyncSeconds: 5 })
    expect(s.autoSyncSeconds).toBe(5)
    expect(s.nextSyncAt).not.toBeNull()
    s = await until(bob, (x) => x.lastSyncAt !== null && !x.syncing)
    expect(s.lastError).toBeNull()
    // An edit is pushed by a tick, with no Sync now.
    label(bob.d, 'bob', 'doc-2', 'Marie Curie', 'PERSON')
    // Pending reaches 0 inside the sync; it has finished when syncing is false again.
    s = await until(bob, (x) => x.pending === 0 && !x.syncing)
    expect(s.pending).toBe(0)
    expect(s.lastResult?.pushed).toBe(1)

    // The server goes away: the loop keeps going, with a plain reason and the next attempt's time.
    server.stop()
    try {
      label(bob.d, 'bob', 'doc-3', 'Alan Turing', 'PERSON')
      s = await until(bob, (x) => x.lastError !== null)
      expect(s.lastError).toMatch(/not reachable|connection/)
      expect(s.connected).toBe(true)
      expect(s.nextSyncAt).not.toBeNull()
      expect(s.pending).toBe(1)
    } finally {
      server.start()
    }
    s = await until(bob, (x) => x.lastError === null && x.pending === 0)
    expect(s).toMatchObject({ lastError: null, pending: 0 })

    // Off: no timer, and an edit stays pending until Sync now.
    s = await bob.call('team.autoSync', { seconds: null })
    expect(s).toMatchObject({ autoSyncSeconds: null, nextSyncAt: null })
    label(bob.d, 'bob', 'doc-0', 'Charles Babbage', 'PERSON')
    await new Promise((r) => setTimeout(r, 6_000))
    expect((await bob.call('team.state', {})).pending).toBe(1)
    expect((await bob.call('team.syncNow', {})).pending).toBe(0)
    // The interval is remembered in the workspace, and only the address (never the password).
    expect(bob.d.store.settings.get('team.autoSyncSeconds')).toBe('off')
  }, 120_000)

  test('assignments: an admin assigns, every desktop pulls them, and the library lists "assigned to me" first, composed with the filters', async () => {
    const [lead, alice, bob] = [apps[0], apps[1], apps[2]]
    // Not an admin: refused in plain words, nothing written.
    const refused = await alice.fail('team.assign', { annotator: 'alice', documents: ['doc-3'] })
    expect(refused.message).toMatch(/only team admins assign documents, and alice is not one/)
    const unknown = await lead.fail('team.assign', { annotator: 'alice', documents: ['doc-3', 'no-such-doc'] })
    expect(unknown.message).toMatch(/not in the team workspace: no-such-doc.*nothing was assigned/)
    expect((await lead.fail('team.assign', { annotator: 'zed', documents: ['doc-3'] })).message).toMatch(/no annotator named "zed"/)

    const r = await lead.call('team.assign', { annotator: 'alice', documents: ['doc-3', 'doc-2'] })
    expect(r.changed.sort()).toEqual(['doc-2', 'doc-3'])
    expect((await lead.call('team.assign', { annotator: 'alice', documents: ['doc-2'] })).changed).toEqual([])
    expect((await lead.call('team.documents', { unassignedOnly: true })).rows.map((x) => x.externalId)).toEqual(['doc-0', 'doc-1'])
    expect((await lead.call('team.documents', { query: 'doc-3' })).rows).toEqual([{ externalId: 'doc-3', title: 'Doc 3', assignees: ['alice'] }])

    await alice.call('team.syncNow', {})
    const list = await alice.call('documents.list', { annotator: 'alice', assigned: 'first' })
    expect(list.map((d) => [d.externalId, d.assigned])).toEqual([
      ['doc-2', true],
      ['doc-3', true],
      ['doc-0', false],
      ['doc-1', false],
    ])
    // Pages across the two runs line up with the whole list.
    const paged: string[] = []
    for (let offset = 0; offset < 4; offset++) paged.push(...(await alice.call('documents.list', { annotator: 'alice', assigned: 'first', offset, limit: 1 })).map((d) => d.externalId))
    expect(paged).toEqual(list.map((d) => d.externalId))
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'first', offset: 3, limit: 5 })).map((d) => d.externalId)).toEqual(['doc-1'])
    // Composes with a sort (each part sorted) and with the filters.
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'first', sort: 'externalId', dir: 'desc' })).map((d) => d.externalId)).toEqual([
      'doc-3',
      'doc-2',
      'doc-1',
      'doc-0',
    ])
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'only' })).map((d) => d.externalId)).toEqual(['doc-2', 'doc-3'])
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'only', query: 'Curie' })).map((d) => d.externalId)).toEqual(['doc-2'])
    expect((await alice.call('documents.counts', { annotator: 'alice', assigned: 'only' })).total).toBe(2)
    // doc-0 is done (and not assigned): the status filter and the assignment compose both ways.
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'only', status: 'done' })).map((d) => d.externalId)).toEqual([])
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'first', status: 'todo', sort: 'title', dir: 'desc' })).map((d) => d.externalId)).toEqual([
      'doc-3',
      'doc-2',
      'doc-1',
    ])
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'only', sort: 'spans', dir: 'desc' })).map((d) => d.externalId)).toEqual(['doc-3', 'doc-2'])
    expect((await alice.call('documents.counts', { annotator: 'alice', assigned: 'first' })).total).toBe(4)
    // Bob's library has no assignments: the usual order.
    await bob.call('team.syncNow', {})
    expect((await bob.call('documents.list', { annotator: 'bob', assigned: 'first' })).map((d) => [d.externalId, d.assigned])).toEqual([
      ['doc-0', false],
      ['doc-1', false],
      ['doc-2', false],
      ['doc-3', false],
    ])

    // A withdrawal travels too.
    expect((await lead.call('team.assign', { annotator: 'alice', documents: ['doc-3'], assigned: false })).changed).toEqual(['doc-3'])
    await alice.call('team.syncNow', {})
    expect((await alice.call('documents.list', { annotator: 'alice', assigned: 'only' })).map((d) => d.externalId)).toEqual(['doc-2'])
    const progress = await alice.call('team.progress', {})
    expect(progress.annotators.find((a) => a.name === 'alice')).toMatchObject({ assigned: 1, assignedDone: 0 })

    // "Next document" after finishing one: her assignments first, then corpus order (her doc-0 is done).
    const id = (x: string) => alice.d.store.documents.byExternalId(x)!.id
    const next = async (from: string, assignedFirst: boolean) =>
      (await alice.call('documents.next', { annotator: 'alice', documentId: id(from), notDone: true, assignedFirst }))?.externalId ?? null
    expect(await next('doc-0', true)).toBe('doc-2')
    expect(await next('doc-0', false)).toBe('doc-1')
    expect(await next('doc-2', true)).toBe('doc-3')
    await alice.call('documents.setStatus', { documentId: id('doc-2'), annotator: 'alice', status: 'done' })
    expect(await next('doc-0', true)).toBe('doc-1')
    expect(await next('doc-3', true)).toBe('doc-1')
  })

  test('the CLI: team assign (named documents, or the first N nobody has) and team status with assignments', async () => {
    const lines: string[] = []
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) }
    expect(await main(['team', 'assign', '--server', urls.lead, '--annotator', 'bob', '--unassigned', '2'], io)).toBe(0)
    expect(lines).toEqual([expect.stringMatching(/: assigned 2 documents to bob$/), '  doc-0', '  doc-1'])
    lines.length = 0
    expect(await main(['team', 'assign', '--server', urls.lead, '--annotator', 'alice', '--doc', 'doc-0'], io)).toBe(0)
    expect(lines[0]).toMatch(/assigned 1 document to alice$/)
    lines.length = 0
    expect(await main(['team', 'unassign', '--server', urls.lead, '--annotator', 'alice', '--doc', 'doc-0', '--doc', 'doc-1'], io)).toBe(0)
    expect(lines).toEqual([expect.stringMatching(/withdrew 1 document from alice$/), '  doc-0'])
    lines.length = 0
    // Refusals: exit 1 with the reason on stderr, nothing written.
    const refused = async (argv: string[]) => {
      lines.length = 0
      expect(await main(argv, io)).toBe(1)
      return lines.join('\n')
    }
    expect(await refused(['team', 'assign', '--server', urls.lead, '--annotator', 'bob'])).toMatch(/needs --doc EXTERNAL_ID .* or --unassigned N/)
    expect(await refused(['team', 'assign', '--server', urls.lead, '--annotator', 'bob', '--unassigned', '0'])).toMatch(/--unassigned takes a count/)
    expect(await refused(['team', 'assign', '--server', urls.alice, '--annotator', 'bob', '--doc', 'doc-0'])).toMatch(/only team admins/)
    const status = async (url: string) => {
      lines.length = 0
      expect(await main(['team', 'status', '--server', url], io)).toBe(0)
      return [...lines]
    }
    const progress = [
      expect.stringMatching(/: 4 documents, 3 annotators$/),
      '  alice: 1 done, 0 in progress, 1 layer, 1 span, 1 assigned (0 of them done)',
      expect.stringMatching(/^ {2}bob: .* 2 assigned \(0 of them done\)$/),
      expect.stringMatching(/^ {2}lead \(admin\): .* 0 assigned \(0 of them done\)$/),
    ]
    // An admin is told what bob's desktops pulled: alice's desktop pulled hers; bob's were just assigned (team schema 8
    // knows how far each desktop pulled). Alice, a member, is not (schema 9: a member reads only their own desktops).
    expect(await status(urls.lead)).toEqual([...progress.slice(0, 3), "    2 of them assigned since bob's desktops last synced (on none of them yet)", progress[3]])
    expect(await status(urls.alice)).toEqual(progress)
  })

  test('the desktop keeps the password in the keychain: encrypted in the config folder, and a restart reconnects by itself', async () => {
    const config = tempDir()
    const vaultFile = path.join(config, 'team-credentials.json')
    const key = crypto.randomBytes(32)
    const first = open('alice')
    const forward = (h: Handlers) => (m: unknown, a: unknown, r?: unknown) => dispatch(h, m, a, r)
    const desk = withTeamCredentials(forward(first.h), new CredentialVault(vaultFile, aesCipher(key)))
    const wrong = await desk.call('team.connect', { server: address('alice'), password: 'nope' })
    expect(wrong.ok).toBe(false)
    expect(fs.existsSync(vaultFile)).toBe(false)
    const r = await desk.call('team.connect', { server: address('alice'), password: passwords.alice, autoSyncSeconds: null })
    expect(r.ok && (r.value as TeamSyncState).passwordKept).toBe('keychain')
    const kept = fs.readFileSync(vaultFile)
    expect(kept.includes(Buffer.from(passwords.alice))).toBe(false)
    expect(kept.includes(Buffer.from(address('alice')))).toBe(true)

    // The process ends (the worker's memory is gone; the vault is not), and the app starts again on the same workspace.
    await dispatch(first.h, 'team.disconnect', {})
    first.d.store.close()
    const store = openStore(first.d.file)
    try {
      const h = createHandlers({ store, version: 'test', transport: 'ipc' })
      expect((await dispatch(h, 'team.state', {})).ok && (await h['team.state']({})).connected).toBe(false)
      const again = withTeamCredentials(forward(h), new CredentialVault(vaultFile, aesCipher(key)), { retryMs: 0 })
      // It starts while the server is away: connected all the same, and sync keeps retrying.
      server.stop()
      try {
        // A connect typed by hand to a server that cannot be reached is refused plainly; only a reconnect keeps trying.
        const typed = await dispatch(h, 'team.connect', { server: address('alice'), password: passwords.alice })
        expect(!typed.ok && typed.error.message).toMatch(/not reachable/)
        await again.restore()
        const offline = await h['team.state']({})
        expect(offline).toMatchObject({ connected: true, me: { name: 'alice' }, lastError: expect.stringMatching(/not reachable/) })
      } finally {
        server.start()
      }
      const s = await again.call('team.syncNow', {})
      expect(s.ok && s.value).toMatchObject({ connected: true, passwordKept: 'keychain', me: { name: 'alice' }, lastError: null })
      // The API worker loses its memory (a crash and restart): the next state read through the app reconnects.
      await dispatch(h, 'team.disconnect', {})
      await again.call('team.state', {})
      let back = await h['team.state']({})
      for (let i = 0; i < 300 && !back.connected; i++) {
        await new Promise((r) => setTimeout(r, 100))
        back = await h['team.state']({})
      }
      expect(back).toMatchObject({ connected: true, me: { name: 'alice' } })
      // Another machine's keychain cannot open it: the screen asks for the password.
      await dispatch(h, 'team.disconnect', {})
      await withTeamCredentials(forward(h), new CredentialVault(vaultFile, aesCipher())).restore()
      expect((await h['team.state']({})).connected).toBe(false)
      // Disconnect through the app forgets it.
      await again.restore()
      expect((await h['team.state']({})).connected).toBe(true)
      await again.call('team.disconnect', {})
      expect(new CredentialVault(vaultFile, aesCipher(key)).has(address('alice'))).toBe(false)

      // A kept password the server now refuses (an admin changed it): one attempt, then it is forgotten and asked for.
      const vault = new CredentialVault(vaultFile, aesCipher(key))
      vault.save(address('alice'), 'an-old-password')
      const connects: unknown[] = []
      const counting = withTeamCredentials((m, a, r) => (m === 'team.connect' && connects.push(m), dispatch(h, m, a, r)), vault, { retryMs: 0 })
      await counting.restore()
      expect(connects).toHaveLength(1)
      expect(vault.has(address('alice'))).toBe(false)
      await counting.call('team.state', {})
      await counting.restore()
      expect(connects).toHaveLength(1)
      expect((await h['team.state']({})).connected).toBe(false)
    } finally {
      await dispatch(createHandlers({ store, version: 'test', transport: 'ipc' }), 'team.disconnect', {})
      store.close()
    }
    first.d.store = openStore(first.d.file)
    first.h = createHandlers({ store: first.d.store, version: 'test', transport: 'http' })
  })

  test('no password in the workspace: the file, its WAL and its backups hold the address only', async () => {
    for (const a of apps) {
      a.d.store.db.pragma('wal_checkpoint(TRUNCATE)')
      await dispatch(a.h, 'workspace.backup', {})
      const files = listFiles(a.d.dir)
      expect(files.length).toBeGreaterThan(1)
      for (const f of files) {
        const bytes = fs.readFileSync(f)
        for (const [name, pw] of Object.entries(passwords)) {
          expect(bytes.includes(Buffer.from(pw)), `${name}'s password in ${f}`).toBe(false)
          expect(bytes.includes(Buffer.from(encodeURIComponent(pw))), `${name}'s password (URL-encoded) in ${f}`).toBe(false)
        }
      }
    }
    // The address is there: that is how the screen offers to reconnect.
    expect(apps[0].d.store.settings.get('team.server')).toBe(`postgres://${address('lead')}`)
  })
})

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}
