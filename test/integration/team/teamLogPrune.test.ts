import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { updateSpan } from '../../../src/main/services/annotate/annotationService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { openStore } from '../../../src/main/store/store'
import { desktopId } from '../../../src/main/store/teamDesktopId'
import { pushGoldItems } from '../../../src/main/team/serverGold'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing } from '../../helpers/postgresServer'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { SERVER_SCHEMA_VERSION } from '../../../src/main/team/serverMigrations'
import { teamDatabaseAtSchema } from './teamAtSchema'
import pg from 'pg'
import type { Desktop } from './teamDesktops'
import { exported, goldOf, goldSpan, label, teamServerFor, teamTestKit } from './teamDesktops'

/**
 * Team schema 8: `team prune` also drops the change logs' records every
 * registered desktop has pulled past (records of layer writes overwritten
 * since, and gold change records), a workspace whose file moved to another
 * disk retires its old desktop id, and `team status` says which members wait
 * for which documents and which assignments no desktop of theirs has pulled.
 */

const missing = postgresMissing()

describe.skipIf(missing)(`team prune of the change logs, moved desktops, and what members wait for, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, rawClient } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', alice: 'annotator', bob: 'annotator' })
  const run = async (...argv: string[]) => {
    const lines: string[] = []
    const code = await main(argv, { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) })
    return { code, lines }
  }
  const prune = (...more: string[]) => run('team', 'prune', '--server', team.adminUrl(), ...more)
  const sql = async <T extends object>(q: string, params: unknown[] = []) => (await (await rawClient(team.adminUrl())).query<T & pg_row>(q, params)).rows
  type pg_row = Record<string, unknown>
  const count = async (q: string, params: unknown[] = []) => Number((await sql<{ n: string }>(q, params))[0].n)
  const lead = () => kit.desktops.find((d) => d.name === 'lead')!

  test("records of overwritten layer writes and gold changes go once every registered desktop has pulled past them; a desktop behind holds them; a forgotten one far behind, a new one and later edits all converge", async () => {
    const [alice, rita, bob] = [open('alice'), open('rita'), open('bob')]
    for (const d of [alice, rita, bob]) await sync(d)
    // Bob's desktop goes quiet. Alice writes her layer of doc-0 three times, rita a gold span twice.
    for (const words of ['Ada Lovelace', 'Charles Babbage', 'London']) {
      label(alice, 'alice', 'doc-0', words, words === 'London' ? 'GPE' : 'PERSON')
      await sync(alice)
    }
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    await sync(rita)
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'London'), label: 'LOC' })
    await sync(rita)
    for (const d of [lead(), alice, rita]) await sync(d)
    const aliceLog = "SELECT count(*) AS n FROM team_changes WHERE annotator = 'alice' AND document_id = 'doc-0'"
    expect(await count(aliceLog)).toBe(3)
    expect(await count('SELECT count(*) AS n FROM team_gold_changes')).toBeGreaterThanOrEqual(2)

    // Bob has pulled neither: everything stays, and bob is named.
    const held = await prune()
    expect(held.code).toBe(0)
    expect(held.lines[1]).toMatch(/the furthest behind: bob's desktop [0-9a-f-]{36} \(pulled up to \d+, last seen /)
    expect(held.lines[2]).toMatch(/^ {2}change logs: dropped 0 records of layer writes since overwritten and 0 of gold changes every registered desktop has pulled past; [1-9]\d* kept$/)
    expect(await count(aliceLog)).toBe(3)

    // Forgotten, bob no longer holds them back: the two overwritten records of alice's layer go, her current one stays.
    const bobId = desktopId(bob.store.db)
    const forgot = await prune('--forget-desktop', bobId)
    expect(forgot.lines[2]).toMatch(/^ {2}change logs: dropped 2 records of layer writes since overwritten and [2-9]\d* of gold changes every registered desktop has pulled past; 0 kept$/)
    expect(await count(aliceLog)).toBe(1)
    expect(await count('SELECT count(*) AS n FROM team_gold_changes')).toBe(0)

    // Bob comes back from far behind, a newcomer pulls from nothing: both get alice's whole layer and rita's gold.
    expect(await sync(bob)).toMatchObject({ pushed: 0, conflicts: [], refused: [] })
    const newcomer = open('bob')
    await sync(newcomer)
    for (const d of [bob, newcomer]) {
      expect(goldOf(d, 'doc-0')).toEqual(['LOC London'])
      expect(await exported(d)).toEqual(await exported(alice))
    }
    // Writes go on over the pruned history: alice's next version, rita's next gold edit, pulled by all.
    label(alice, 'alice', 'doc-1', 'Geneva', 'GPE')
    updateSpan(alice.store, { id: alice.store.spans.layer(alice.store.documents.byExternalId('doc-0')!.id, alice.store.annotators.byName('alice')!.id)[0].id, label: 'NORP' })
    expect(await sync(alice)).toMatchObject({ pushed: 2, conflicts: [] })
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-0', 'London'), label: 'GPE' })
    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [] })
    for (const d of [bob, newcomer, lead(), alice]) await sync(d)
    for (const d of [bob, newcomer, lead(), rita]) expect(await exported(d)).toEqual(await exported(alice))
    expect(goldOf(newcomer, 'doc-0')).toEqual(['GPE London'])
  })

  test('a gold push whose answer was lost keeps its record until its own desktop has pulled past it, so the retry is known as its own and is no conflict', async () => {
    const rita = kit.desktops.find((d) => d.name === 'rita')!
    label(rita, 'gold', 'doc-1', 'United Nations', 'ORG')
    await sync(rita)
    for (const d of kit.desktops) if (d !== rita) await sync(d)
    // Rita relabels the span; the push lands on the server, but its answer never reaches her desktop.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-1', 'United Nations'), label: 'NORP' })
    const gold = new GoldItemStore(rita.store.db, true)
    const sent = gold.pending(200, null, 'on-server')
    expect(sent).toHaveLength(1)
    gold.noteSent(sent)
    const conn = await openTeam(urls.rita)
    try {
      expect(await pushGoldItems(conn.client, conn.me, sent)).toEqual([{ kind: 'applied', version: 2 }])
    } finally {
      await conn.client.end()
    }
    // She edits it again on top, not knowing; every other desktop pulls the relabel; an admin prunes.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-1', 'United Nations'), label: 'GPE' })
    for (const d of kit.desktops) if (d !== rita) await sync(d)
    const pruned = await prune()
    expect(pruned.code).toBe(0)
    expect(pruned.lines.join('\n')).toMatch(/the furthest behind: rita's desktop/)
    expect(await count('SELECT count(*) AS n FROM team_gold_changes WHERE change_id = $1::uuid', [sent[0].changeId])).toBe(1)

    // Her retry finds the record: the server's version is her own lost write, so her edit goes on top of it.
    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    for (const d of kit.desktops) if (d !== rita) await sync(d)
    for (const d of kit.desktops) expect(goldOf(d, 'doc-1')).toEqual(['GPE United Nations'])
  })

  test('a workspace moved to another disk takes a new desktop id and retires its old one; a copy leaves the row of an original that synced since, and an original that had not comes back registered and converges', async () => {
    const rita = kit.desktops.find((d) => d.name === 'rita')!
    const alice = kit.desktops.find((d) => d.name === 'alice' && d.store.db.open)!
    await sync(alice)
    const before = desktopId(alice.store.db)
    const ids = async () => (await sql<{ id: string }>("SELECT desktop_id::text AS id FROM team_desktops WHERE member = 'alice'")).map((r) => r.id)
    expect(await ids()).toContain(before)
    // Another disk: the file is copied there and the original removed, so it gets a new inode.
    const moveTo = (d: Desktop, dir: string) => {
      d.store.db.pragma('wal_checkpoint(TRUNCATE)')
      d.store.close()
      const to = path.join(fs.mkdtempSync(path.join(d.dir, dir)), 'alice.spanwright')
      fs.copyFileSync(d.file, to)
      return to
    }
    // Moved twice before it syncs: the id the server knows is the one retired.
    for (const disk of ['other-disk-', 'third-disk-']) {
      const moved = moveTo(alice, disk)
      fs.rmSync(alice.file)
      for (const suffix of ['-wal', '-shm']) fs.rmSync(alice.file + suffix, { force: true })
      alice.file = moved
      alice.store = openStore(moved)
      expect(desktopId(alice.store.db)).not.toBe(before)
    }
    const after = desktopId(alice.store.db)
    expect(await sync(alice)).toMatchObject({ pushed: 0, conflicts: [], refused: [] })
    expect(await ids()).toContain(after)
    expect(await ids()).not.toContain(before)

    // A copy of it, while the original goes on syncing (it pulls past the copy): the original's row stays.
    const copyFile = moveTo(alice, 'copy-')
    alice.store = openStore(alice.file)
    const copy: Desktop = { name: 'alice', file: copyFile, dir: path.dirname(copyFile), store: openStore(copyFile) }
    kit.desktops.push(copy)
    label(rita, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    await sync(rita)
    await sync(alice)
    await sync(copy)
    expect(await ids()).toEqual(expect.arrayContaining([after, desktopId(copy.store.db)]))

    // A copy taken while the original has not synced since retires the original's id: the original then registers
    // again, checks for deletions pruned meanwhile, and converges.
    const second = moveTo(alice, 'copy2-')
    alice.store = openStore(alice.file)
    const copy2: Desktop = { name: 'alice', file: second, dir: path.dirname(second), store: openStore(second) }
    kit.desktops.push(copy2)
    await sync(copy2)
    expect(await ids()).not.toContain(after)
    expect(await sync(alice)).toMatchObject({ pushed: 0, conflicts: [], refused: [] })
    expect(await ids()).toContain(after)
    expect(await exported(alice)).toEqual(await exported(rita))
    expect(await exported(copy2)).toEqual(await exported(rita))
  })

  test('team status says which documents a member waits for, and which assigned documents none of their desktops has pulled yet', async () => {
    const bob = kit.desktops.find((d) => d.name === 'bob' && d.store.db.open)!
    await sync(bob)
    // Bob imports three documents the team does not have and labels them: his layers wait for them. One id holds a
    // terminal escape: the admin's terminal is shown it escaped, not fed it.
    const newIds = ['bob-new-0', 'bob-new-1', 'bob-new-2\u001b[2J']
    for (const externalId of newIds) {
      bob.store.documents.insert({ externalId, title: externalId, text: 'Grace Hopper wrote COBOL.', meta: {} })
      label(bob, 'bob', externalId, 'Grace Hopper', 'PERSON')
    }
    expect((await sync(bob)).waiting).toEqual({ layers: 3, goldItems: 0, documents: 3 })
    const assign = await run('team', 'assign', '--server', urls.lead, '--annotator', 'bob', '--doc', 'doc-2', '--doc', 'doc-3')
    expect(assign.code).toBe(0)

    const status = await run('team', 'status', '--server', urls.lead)
    const bobAt = status.lines.findIndex((l) => /^ {2}bob: /.test(l))
    expect(status.lines.slice(bobAt, bobAt + 3)).toEqual([
      expect.stringMatching(/^ {2}bob: .* 2 assigned \(0 of them done\)$/),
      "    2 of them assigned since bob's desktops last synced (on none of them yet)",
      "    bob's changes wait for 3 documents the team does not have (an admin adds them): bob-new-0, bob-new-1, bob-new-2\\u001b[2J",
    ])

    // Bob syncs: the assignments are on his desktop. The lead adds his documents: nothing waits any more.
    await sync(bob)
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    for (const externalId of newIds) lead.store.documents.insert({ externalId, title: externalId, text: 'Grace Hopper wrote COBOL.', meta: {} })
    await sync(lead)
    expect((await sync(bob)).waiting).toBeUndefined()
    const after = await run('team', 'status', '--server', urls.bob)
    const at = after.lines.findIndex((l) => /^ {2}bob: /.test(l))
    expect(after.lines[at]).toMatch(/ 2 assigned \(0 of them done\)$/)
    expect(after.lines[at + 1] ?? '').not.toMatch(/^ {4}/)
  })

  test('upgrading a team database from schema 7: gold change records made before take the position of the upgrade, and go once every desktop has pulled past it', async () => {
    await team.server().createDatabase('old7')
    const url = team.server().url('old7')
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      await teamDatabaseAtSchema(c, 7)
      await c.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ('d0', 'd0', 'Ada Lovelace', 'h', nextval('team_seq'))")
      const item = async (uid: string, change: string) => {
        await c.query("INSERT INTO team_gold_items (document_id, uid, kind, content, version, seq) VALUES ('d0', $1, 'span', '{}', 1, nextval('team_seq'))", [uid])
        await c.query("INSERT INTO team_gold_changes (change_id, document_id, uid, version) VALUES ($1, 'd0', $2, 1)", [change, uid])
      }
      await item('s1', '00000000-0000-4000-8000-000000000001')
      await item('s2', '00000000-0000-4000-8000-000000000002')
      const last = Number((await c.query<{ s: string }>("SELECT last_value AS s FROM team_seq")).rows[0].s)
      // One desktop has pulled everything, one only the first item.
      await c.query("INSERT INTO team_desktops (desktop_id, member, gold_cursor) VALUES ('00000000-0000-4000-8000-00000000000a', 'lead', $1), ('00000000-0000-4000-8000-00000000000b', 'rita', $2)", [last, last - 1])
      expect(await initTeam(url)).toMatchObject({ from: 7, to: SERVER_SCHEMA_VERSION })
      expect((await c.query('SELECT DISTINCT seq FROM team_gold_changes')).rows).toEqual([{ seq: String(last) }])
      expect((await c.query('SELECT layer_cursor, assign_cursor FROM team_desktops')).rows).toEqual([
        { layer_cursor: '0', assign_cursor: '0' },
        { layer_cursor: '0', assign_cursor: '0' },
      ])
      const held = await run('team', 'prune', '--server', url)
      expect(held.lines.at(-1)).toMatch(/change logs: dropped 0 records of layer writes since overwritten and 0 of gold changes every registered desktop has pulled past; 2 kept$/)
      await c.query("UPDATE team_desktops SET gold_cursor = $1 WHERE member = 'rita'", [last])
      const pruned = await run('team', 'prune', '--server', url)
      expect(pruned.lines.at(-1)).toMatch(/change logs: dropped 0 records of layer writes since overwritten and 2 of gold changes every registered desktop has pulled past; 0 kept$/)
    } finally {
      await c.end()
    }
  })
})
