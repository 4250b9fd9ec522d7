import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { listConflicts } from '../../../src/main/services/team/conflictService'
import { updateSpan } from '../../../src/main/services/annotate/annotationService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { desktopId } from '../../../src/main/store/teamDesktopId'
import { openStore } from '../../../src/main/store/store'
import { pushGoldItems } from '../../../src/main/team/serverGold'
import { pushChanges } from '../../../src/main/team/serverLayers'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing } from '../../helpers/postgresServer'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { SERVER_SCHEMA_VERSION } from '../../../src/main/team/serverMigrations'
import { teamDatabaseAtSchema } from './teamAtSchema'
import type { Desktop } from './teamDesktops'
import { exported, goldOf, goldSpan, label, teamServerFor, teamTestKit } from './teamDesktops'

/**
 * The server's rows of desktops (team_desktops): a desktop an admin forgot while a push of it had no answer yet; one
 * a restored backup replaced (its new id retires the old one, so it does not hold pruning back); and who may read
 * them (team schema 9: a member their own, reviewers and admins everyone's).
 */

const missing = postgresMissing()

describe.skipIf(missing)(`the server's rows of desktops: forgotten, replaced, and who may read them, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, rawClient } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', vera: 'reviewer', alice: 'annotator', bob: 'annotator' })
  const run = async (...argv: string[]) => {
    const lines: string[] = []
    const code = await main(argv, { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) })
    return { code, lines }
  }
  /** The desktop of `name` a test before left open, or a new one. */
  const byName = (name: string) => kit.desktops.find((d) => d.name === name && d.store.db.open) ?? open(name)
  const prune = (...more: string[]) => run('team', 'prune', '--server', team.adminUrl(), ...more)

  /** `d` pushes its pending gold edits; they land on the server but the answer never reaches the desktop. */
  async function pushAnswerLost(d: Desktop, count: number): Promise<void> {
    const gold = new GoldItemStore(d.store.db, true)
    const sent = gold.pending(200, null, 'on-server')
    expect(sent).toHaveLength(count)
    gold.noteSent(sent)
    const conn = await openTeam(urls[d.name])
    try {
      expect((await pushGoldItems(conn.client, conn.me, sent)).map((o) => o.kind)).toEqual(sent.map(() => 'applied'))
    } finally {
      await conn.client.end()
    }
  }

  test('a forgotten desktop whose gold push lost its answer, pruned meanwhile, retries it as its own write when the server holds what it wrote, and as a conflict when not; a forgotten layer push is already applied', async () => {
    const [rita, vera, alice] = [open('rita'), open('vera'), open('alice')]
    for (const d of [rita, vera, alice]) await sync(d)
    label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    await sync(rita)
    for (const d of [vera, alice, rita]) await sync(d)
    // Two relabels whose answers are lost; rita edits both again on top, not knowing. Vera, having pulled the second,
    // relabels it herself. Then an admin forgets rita's desktop and prunes: the records of rita's writes go.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'Ada Lovelace'), label: 'NORP' })
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'London'), label: 'LOC' })
    await pushAnswerLost(rita, 2)
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'Ada Lovelace'), label: 'ORG' })
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'London'), label: 'FAC' })
    await sync(vera)
    updateSpan(vera.store, { id: goldSpan(vera, 'doc-0', 'London'), label: 'GPE' })
    await sync(vera)
    // Alice's layer push loses its answer too, and her desktop is forgotten with rita's.
    label(alice, 'alice', 'doc-0', 'London', 'GPE')
    const conn = await openTeam(urls.alice)
    try {
      expect((await pushChanges(conn.client, conn.me, alice.store.team.pending(10, undefined, 'on-server'))).map((o) => o.kind)).toEqual(['applied'])
    } finally {
      await conn.client.end()
    }
    for (const d of kit.desktops) if (d !== rita && d !== alice) await sync(d)
    expect(goldOf(vera, 'doc-0')).toEqual(['GPE London', 'NORP Ada Lovelace'])
    expect(goldOf(rita, 'doc-0')).toEqual(['FAC London', 'ORG Ada Lovelace'])
    expect((await prune('--forget-desktop', desktopId(alice.store.db))).code).toBe(0)
    const forgot = await prune('--forget-desktop', desktopId(rita.store.db))
    expect(forgot.code).toBe(0)
    expect(forgot.lines.at(-1)).toMatch(/ of gold changes every registered desktop has pulled past; 0 kept$/)

    // Her retry: where the server holds what her lost push wrote (Ada Lovelace), her later edit goes on top of it, no
    // conflict. Where it holds vera's later write instead (London), it is a conflict, her copy kept aside.
    const back = await sync(rita)
    expect(back).toMatchObject({ pushed: 1, refused: [] })
    expect(back.conflicts).toEqual([expect.objectContaining({ documentId: 'doc-0', annotator: 'gold' })])
    expect(listConflicts(rita.store).map((c) => JSON.stringify(c.mine))).toEqual([expect.stringContaining('FAC')])
    // Alice's retry of the same layer change: its record stays while it is the layer's current write, so it is
    // already applied, no conflict.
    expect(await sync(alice)).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    await sync(vera)
    for (const d of [rita, vera, alice]) expect(goldOf(d, 'doc-0')).toEqual(['GPE London', 'ORG Ada Lovelace'])
    expect(await exported(vera)).toEqual(await exported(alice))
  })

  test('a restored backup retires the desktop id it replaced, and no change that id pushed or had still to push is lost; two copies of one backup restored on two machines are two desktops and converge', async () => {
    const [alice, rita] = [byName('alice'), byName('rita')]
    for (const d of [rita, alice]) await sync(d)
    const ids = async () => (await (await rawClient(team.adminUrl())).query<{ id: string }>("SELECT desktop_id::text AS id FROM team_desktops WHERE member = 'alice' ORDER BY id")).rows.map((r) => r.id)
    const old = desktopId(alice.store.db)
    expect(await ids()).toEqual([old])
    const layer = (d: Desktop, externalId: string) => {
      const doc = d.store.documents.byExternalId(externalId)!
      return d.store.spans.layer(doc.id, d.store.annotators.byName('alice')!.id).map((x) => `${x.label} ${doc.text.slice(x.start, x.end)}`)
    }

    // The backup holds a label not pushed yet (doc-1). After it, the old id pushes that one and one more (doc-2),
    // and labels a third it has not pushed when the backup is restored (doc-3).
    label(alice, 'alice', 'doc-1', 'United Nations', 'ORG')
    const made = await kit.cli(alice, ['backup'])
    const backup = made.lines.find((l) => l.startsWith('  to '))!.slice('  to '.length)
    await sync(alice)
    label(alice, 'alice', 'doc-2', 'Marie Curie', 'PERSON')
    await sync(alice)
    label(alice, 'alice', 'doc-3', 'Alan Turing', 'PERSON')
    // A copy of the backup goes to a second machine.
    const secondDir = fs.mkdtempSync(path.join(alice.dir, 'second-machine-'))
    const copy = path.join(secondDir, path.basename(backup))
    fs.copyFileSync(backup, copy)

    const restored = await kit.cli(alice, ['restore', '--from', backup])
    expect(restored.code).toBe(0)
    const keptAt = restored.lines.find((l) => l.startsWith('the workspace it replaced is kept at '))!.slice('the workspace it replaced is kept at '.length)
    // The restore says what the replaced workspace had not pushed yet, and where it is.
    expect(restored.lines.at(-1)).toBe(
      `  it had changes to 1 layer or gold item not yet pushed to its team: restore that copy (--from ${JSON.stringify(path.basename(keptAt))}) and sync to push them`,
    )
    expect(layer(alice, 'doc-3')).toEqual([])
    // Its first sync: a new id, the replaced one retired; what the old id pushed after the backup comes back.
    expect(await sync(alice)).toMatchObject({ conflicts: [], refused: [] })
    const restoredId = desktopId(alice.store.db)
    expect(restoredId).not.toBe(old)
    expect(await ids()).toEqual([restoredId])
    expect([...layer(alice, 'doc-1'), ...layer(alice, 'doc-2')]).toEqual(['ORG United Nations', 'PERSON Marie Curie'])
    for (const d of kit.desktops) if (d.store.db.open && d !== alice) await sync(d)
    expect((await prune()).lines.join('\n')).not.toContain(old)

    // The second machine restores its copy as its workspace: it takes an id of its own too, the label both copies
    // hold is applied once, and the two are two desktops of alice's that converge.
    const second = path.join(secondDir, 'alice.spanwright')
    expect((await run('restore', '--db', second, '--from', copy)).code).toBe(0)
    const onSecond: Desktop = { name: 'alice', file: second, dir: secondDir, store: openStore(second) }
    kit.desktops.push(onSecond)
    expect(await sync(onSecond)).toMatchObject({ conflicts: [], refused: [] })
    expect(await ids()).toEqual([restoredId, desktopId(onSecond.store.db)].sort())
    expect(Number((await (await rawClient(team.adminUrl())).query<{ n: string }>("SELECT count(*) AS n FROM team_changes WHERE annotator = 'alice' AND document_id = 'doc-1'")).rows[0].n)).toBe(1)

    // The label the old id had still to push is in the copy the restore kept: restored in turn, it is pushed, and the
    // id it replaces (the first restore's) is retired as well.
    expect((await kit.cli(alice, ['restore', '--from', path.basename(keptAt)])).code).toBe(0)
    expect(await sync(alice)).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    expect(await ids()).toEqual([desktopId(alice.store.db), desktopId(onSecond.store.db)].sort())
    for (const d of [rita, onSecond]) await sync(d)
    for (const d of [rita, onSecond]) expect(await exported(d)).toEqual(await exported(alice))
    expect(layer(rita, 'doc-3')).toEqual(['PERSON Alan Turing'])
  })

  test('a member reads only their own desktops\' rows (what they pulled, what they wait for), under raw SQL too; reviewers and admins read everyone\'s, in team status as well', async () => {
    const [alice, bob] = [byName('alice'), byName('bob')]
    // Each imports a document the team lacks and labels it: the server learns what each one's changes wait for.
    for (const [d, externalId] of [[alice, 'alice-private-0'], [bob, 'bob-private-0']] as const) {
      d.store.documents.insert({ externalId, title: externalId, text: 'Grace Hopper wrote COBOL.', meta: {} })
      label(d, d.name, externalId, 'Grace Hopper', 'PERSON')
      expect((await sync(d)).waiting).toEqual({ layers: 1, goldItems: 0, documents: 1 })
    }
    expect((await run('team', 'assign', '--server', urls.lead, '--annotator', 'bob', '--doc', 'doc-3')).code).toBe(0)
    const rows = async (url: string) =>
      (await (await rawClient(url)).query<{ member: string; sample: string[] }>('SELECT member, waiting_sample AS sample FROM team_desktops ORDER BY member')).rows
    const members = async (url: string) => [...new Set((await rows(url)).map((r) => r.member))]

    // Raw SQL under alice's role: her own rows only; bob's are not there, even asked for by name.
    expect(await members(urls.alice)).toEqual(['alice'])
    expect((await rows(urls.alice)).flatMap((r) => r.sample)).toEqual(['alice-private-0'])
    expect((await (await rawClient(urls.alice)).query("SELECT 1 FROM team_desktops WHERE member = 'bob' OR waiting_sample @> ARRAY['bob-private-0']")).rowCount).toBe(0)
    // A reviewer and an admin read everyone's; so does the tables' owner (team prune).
    for (const url of [urls.rita, urls.lead, team.adminUrl()]) expect(await members(url)).toEqual(expect.arrayContaining(['alice', 'bob', 'lead', 'rita']))

    // team status: alice sees her own waiting line, and nothing of what bob's desktops pulled or wait for.
    const statusAs = async (url: string) => (await run('team', 'status', '--server', url)).lines
    const block = (lines: string[], who: string) => {
      const at = lines.findIndex((l) => l.startsWith(`  ${who}: `))
      const end = lines.findIndex((l, i) => i > at && !l.startsWith('    '))
      return lines.slice(at, end < 0 ? undefined : end)
    }
    const asAlice = await statusAs(urls.alice)
    expect(block(asAlice, 'alice').join('\n')).toContain("alice's changes wait for 1 document the team does not have (an admin adds them): alice-private-0")
    expect(block(asAlice, 'bob')).toEqual([expect.stringMatching(/^ {2}bob: .* 1 assigned \(0 of them done\)$/)])
    expect(asAlice.join('\n')).not.toContain('bob-private-0')
    for (const url of [urls.rita, urls.lead]) {
      const lines = block(await statusAs(url), 'bob')
      expect(lines.join('\n')).toContain("bob's changes wait for 1 document the team does not have (an admin adds them): bob-private-0")
      expect(lines.join('\n')).toContain("1 of them assigned since bob's desktops last synced")
    }
  })

  test('upgrading a team database from schema 8: the desktops\' rows stay, and a member reads only their own from then on', async () => {
    await team.server().createDatabase('old8')
    const url = team.server().url('old8')
    const c = await rawClient(url)
    await teamDatabaseAtSchema(c, 8)
    await c.query(`INSERT INTO team_desktops (desktop_id, member, waiting_documents, waiting_sample) VALUES
      ('00000000-0000-4000-8000-00000000000a', 'alice', 1, '{alice-doc}'), ('00000000-0000-4000-8000-00000000000b', 'bob', 2, '{bob-doc,bob-doc-2}')`)
    // Alice's role (the roles are the server's, so she is a member here too) reads both rows at schema 8, her own at 9.
    const asAlice = async () => {
      await c.query('SET ROLE alice')
      try {
        return (await c.query<{ member: string }>('SELECT member FROM team_desktops ORDER BY member')).rows.map((r) => r.member)
      } finally {
        await c.query('RESET ROLE')
      }
    }
    expect(await asAlice()).toEqual(['alice', 'bob'])
    expect(await initTeam(url)).toMatchObject({ from: 8, to: SERVER_SCHEMA_VERSION })
    expect(await asAlice()).toEqual(['alice'])
    // The upgrade gives the database its id too (team schema 10), readable by members.
    expect((await c.query('SELECT count(*)::int AS n FROM team_identity')).rows).toEqual([{ n: 1 }])
    expect((await c.query('SELECT member, waiting_documents, waiting_sample FROM team_desktops ORDER BY member')).rows).toEqual([
      { member: 'alice', waiting_documents: 1, waiting_sample: ['alice-doc'] },
      { member: 'bob', waiting_documents: 2, waiting_sample: ['bob-doc', 'bob-doc-2'] },
    ])
  })
})
