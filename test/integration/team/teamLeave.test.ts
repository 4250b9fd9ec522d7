import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseServerAddress } from '../../../src/shared/team/serverAddress'
import { CredentialVault } from '../../../src/main/services/team/credentialVault'
import { aesCipher } from '../../helpers/aesCipher'
import { tempDir } from '../../helpers/tempWorkspace'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import { main } from '../../../src/main/cli/main'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { listConflicts } from '../../../src/main/services/team/conflictService'
import { inTeam } from '../../../src/main/store/teamMembership'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, goldOf, goldSpan, label, relate, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()
const count = (d: Desktop, table: string) => d.store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number
const outboxRows = (d: Desktop) => count(d, 'team_outbox') + count(d, 'team_gold_outbox')

describe.skipIf(missing)(`a workspace leaves its team and rejoins, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { desktops, open, sync, rawClient, cli } = kit

  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator', rita: 'reviewer', remy: 'reviewer' })

  test('team leave from the CLI: data stays, membership, outbox, sync state and the connection go; writes while out mark nothing; a rejoin pushes only what changed since', async () => {
    const alice = open('alice')
    await sync(alice)
    label(alice, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(alice, 'alice', 'doc-1', 'Geneva', 'GPE')
    label(alice, 'alice', 'doc-2', 'Marie Curie', 'PERSON')
    expect(await sync(alice)).toMatchObject({ pushed: 3, conflicts: [] })
    // What the Team screen keeps about the connection (never the password).
    alice.store.settings.set('team.server', urls.alice.replace(/:[^:@/]+@/, '@'))
    alice.store.settings.set('team.autoSyncSeconds', '30')
    // A change made in the team and not pushed before leaving.
    label(alice, 'alice', 'doc-3', 'Alan Turing', 'PERSON')
    const before = await exported(alice)
    // The desktop app kept alice's password (encrypted) in her folder, and another server's: leaving forgets hers only.
    const home = tempDir()
    const vaultFile = path.join(home, 'team-credentials.json')
    const vault = new CredentialVault(vaultFile, aesCipher())
    const where = parseServerAddress(urls.alice).where
    vault.save(where, 'alices-password')
    vault.save('alice@elsewhere:5432/other', 'another')

    const outer = process.env.SPANWRIGHT_HOME
    process.env.SPANWRIGHT_HOME = home
    const left = await cli(alice, ['team', 'leave']).finally(() => (outer === undefined ? delete process.env.SPANWRIGHT_HOME : (process.env.SPANWRIGHT_HOME = outer)))
    expect(left.code).toBe(0)
    expect(vault.has(where)).toBe(false)
    expect(vault.password('alice@elsewhere:5432/other')).toBe('another')
    expect(left.lines).toEqual([
      expect.stringMatching(/^left the team at 127\.0\.0\.1:\d+\/team: this workspace keeps its documents, annotations and gold, and no longer records changes for sync$/),
      'the team password the desktop app kept for this server is forgotten',
      '1 change was never pushed: kept here, and pushed if this workspace syncs with that team again',
      expect.stringMatching(/^to rejoin: spanwright sync --server URL/),
    ])
    expect(await exported(alice)).toEqual(before)
    expect(inTeam(alice.store.db)).toBe(false)
    expect(outboxRows(alice)).toBe(0)
    expect(alice.store.settings.get('team.server')).toBeNull()
    expect(alice.store.settings.get('team.autoSyncSeconds')).toBeNull()
    expect(alice.store.db.prepare("SELECT key FROM team_sync WHERE key NOT LIKE 'cursor.%' AND key NOT LIKE 'desktop.%' AND key NOT IN ('team.joined', 'team.id')").all()).toEqual([])

    // Out of the team, writes mark nothing; leaving twice is refused in words.
    updateSpan(alice.store, { id: alice.store.spans.layer(alice.store.documents.byExternalId('doc-0')!.id, alice.store.annotators.byName('alice')!.id)[0].id, label: 'ORG' })
    label(alice, 'alice', 'doc-1', 'Monday', 'DATE')
    expect(outboxRows(alice)).toBe(0)
    const again = await cli(alice, ['team', 'leave'])
    expect(again).toEqual({ code: 1, lines: ['ERR spanwright team: this workspace is not in a team (it joins one at its first sync)'] })
    const nowhere = await main(['team', 'leave', '--db', `${alice.dir}/missing.spanwright`], { log: () => undefined, error: () => undefined })
    expect(nowhere).toBe(1)

    // Rejoining: doc-0 and doc-1 changed while out, doc-3 was never pushed; doc-2 is unchanged and stays put.
    expect(await sync(alice)).toMatchObject({ pushed: 3, refused: [], conflicts: [] })
    expect(inTeam(alice.store.db)).toBe(true)
    expect(outboxRows(alice)).toBe(0)
    label(alice, 'alice', 'doc-2', 'Paris.', 'GPE')
    expect(outboxRows(alice)).toBe(1)
    expect(await sync(alice)).toMatchObject({ pushed: 1, conflicts: [] })
    const bob = open('lead')
    await sync(bob)
    expect(await exported(bob)).toEqual(await exported(alice))
  })

  test('a workspace that left one team and syncs with another pushes all it holds there, on no stale version', async () => {
    const lead = desktops.find((d) => d.name === 'lead')!
    label(lead, 'lead', 'doc-0', 'Charles Babbage', 'PERSON')
    expect(await sync(lead)).toMatchObject({ pushed: 1, conflicts: [] })
    expect((await cli(lead, ['team', 'leave'])).code).toBe(0)
    await team.server().createDatabase('team2')
    await initTeam(team.server().url('team2'))
    // The same PostgreSQL role logs in to the other team's database, once that team's admin lets it connect (team schema 7).
    const admin2 = await rawClient(team.server().url('team2'))
    await admin2.query('GRANT CONNECT ON DATABASE team2 TO lead')
    const other = urls.lead.replace(/\/team$/, '/team2')
    const r = await syncOnce(lead.store, other)
    // Its own layer lands as a new one (version 1); the copies it holds of others' layers are theirs to push.
    expect(r.conflicts).toEqual([])
    expect(r.refused.map((x) => x.reason)).toEqual(r.refused.map(() => 'the layer belongs to alice; lead cannot write it'))
    const c = await rawClient(other)
    const layers = (await c.query("SELECT document_id, annotator, version FROM team_layers WHERE annotator = 'lead' ORDER BY document_id")).rows
    expect(layers).toEqual([{ document_id: 'doc-0', annotator: 'lead', version: '1' }])
    expect((await c.query('SELECT count(*)::int AS n FROM team_documents')).rows[0].n).toBe(4)
  })

  test('team.leave through the API (what the Team screen calls after team.disconnect): the state shows no team, a second leave is refused in words, and connecting again rejoins', async () => {
    const remy = open('remy')
    const h = createHandlers({ store: remy.store, version: 'test', transport: 'http' })
    const ok = async <T,>(m: string, args: unknown): Promise<T> => {
      const r = await dispatch(h, m, args)
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`)
      return r.value as T
    }
    await ok('team.connect', { server: urls.remy, password: '', autoSyncSeconds: null })
    await ok('team.syncNow', {})
    label(remy, 'gold', 'doc-3', 'Alan Turing', 'PERSON')
    expect(await dispatch(h, 'team.leave', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    const left = await ok<{ team: string; unpushed: number; state: { connected: boolean; server: string | null } }>('team.leave', {})
    expect(left).toMatchObject({ team: expect.stringMatching(/^127\.0\.0\.1:\d+\/team$/), unpushed: 2, state: { connected: false, server: null } })
    expect(inTeam(remy.store.db)).toBe(false)
    expect(await dispatch(h, 'team.leave', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', message: 'this workspace is not in a team (it joins one at its first sync)' }) })
    await ok('team.connect', { server: urls.remy, password: '', autoSyncSeconds: null })
    const state = await ok<{ lastResult: { pushed: number; conflicts: number } | null }>('team.syncNow', {})
    // The span and the gold status it set were never pushed before leaving: both go now.
    expect(state.lastResult).toMatchObject({ pushed: 2, conflicts: 0 })
    await ok('team.disconnect', {})
  })

  test("a reviewer who left does not push the gold items others changed meanwhile: no conflict, the rejoin pushes her own edits and deletions and pulls theirs", async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    const un = label(rita, 'gold', 'doc-1', 'United Nations', 'ORG')
    const geneva = label(rita, 'gold', 'doc-1', 'Geneva', 'GPE')
    label(rita, 'gold', 'doc-1', 'Monday', 'DATE')
    relate(rita, 'gold', 'doc-1', un, geneva, 'LOCATED_IN')
    await sync(rita)
    await sync(remy)
    expect((await cli(rita, ['team', 'leave'])).code).toBe(0)

    // Meanwhile remy relabels one item; rita, out of the team, deletes the relation and another span, and adds one.
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-1', 'Geneva'), label: 'LOC' })
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [] })
    deleteSpan(rita.store, goldSpan(rita, 'doc-1', 'United Nations'))
    label(rita, 'gold', 'doc-1', 'The United Nations', 'ORG')
    expect(outboxRows(rita)).toBe(0)

    // Rejoin: the deleted span, its cascaded relation and the new span travel; Geneva, untouched by rita, is not pushed over remy's.
    const r = await sync(rita)
    expect(r).toMatchObject({ pushed: 3, refused: [], conflicts: [] })
    expect(listConflicts(rita.store)).toEqual([])
    expect(goldOf(rita, 'doc-1')).toEqual(['DATE Monday', 'LOC Geneva', 'ORG The United Nations'])
    await sync(remy)
    expect(goldOf(remy, 'doc-1')).toEqual(goldOf(rita, 'doc-1'))
    expect(await exported(remy)).toEqual(await exported(rita))
  })
})
