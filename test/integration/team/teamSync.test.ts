import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { main } from '../../../src/main/cli/main'
import { TeamConflictStore } from '../../../src/main/store/teamConflictStore'
import { noteLayersSent } from '../../../src/main/store/teamLayerSent'
import { pushChanges } from '../../../src/main/team/serverLayers'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { openTeam } from '../../../src/main/team/teamClient'
import { addAnnotator, initTeam, teamStatus } from '../../../src/main/team/teamAdmin'
import { holdableProxy } from '../../helpers/holdableProxy'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { addDocuments, docId, exported, label, relate, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

describe.skipIf(missing)(`team sync against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const { desktops, open, sync, rawClient } = teamTestKit(urls)

  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    urls.lead = await addAnnotator(server.url('team'), 'lead', { reviewer: false, admin: true })
    for (const n of ['alice', 'bob', 'carol']) urls[n] = await addAnnotator(server.url('team'), n, { reviewer: false, admin: false })
    for (const n of ['rita', 'remy']) urls[n] = await addAnnotator(server.url('team'), n, { reviewer: true, admin: false })
    const lead = open('lead')
    addDocuments(lead)
    await sync(lead)
  })
  afterAll(() => {
    for (const d of desktops) d.store.close()
    server?.destroy()
  })

  test('three desktops converge: every layer, span for span, in each workspace export', async () => {
    const [alice, bob, carol] = [open('alice'), open('bob'), open('carol')]
    for (const d of [alice, bob, carol]) expect((await sync(d)).pulled).toBeGreaterThanOrEqual(4)
    // Pulled documents are in the search index (written as one bulk batch, indexed at its end).
    expect(alice.store.db.prepare("SELECT d.external_id FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH 'Geneva'").pluck().all()).toEqual(['doc-1'])
    label(alice, 'alice', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(alice, 'alice', 'doc-0', 'London', 'GPE')
    const curie = label(alice, 'alice', 'doc-2', 'Marie Curie', 'PERSON')
    const paris = label(alice, 'alice', 'doc-2', 'University of Paris', 'ORG')
    relate(alice, 'alice', 'doc-2', curie, paris, 'AFFILIATED_WITH')
    label(bob, 'bob', 'doc-0', 'Charles Babbage', 'PERSON')
    label(bob, 'bob', 'doc-1', 'United Nations', 'ORG')
    label(carol, 'carol', 'doc-2', 'Marie Curie', 'PERSON')
    const gone = label(carol, 'carol', 'doc-2', 'University of Paris', 'ORG')
    deleteSpan(carol.store, gone)

    const first = await sync(alice)
    expect(first).toMatchObject({ pushed: 2, refused: [], conflicts: [] })
    await sync(bob)
    await sync(carol)
    await sync(alice)
    await sync(bob)
    const [a, b, c] = await Promise.all([exported(alice), exported(bob), exported(carol)])
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    const layers = a.map((l) => JSON.parse(l) as { id: string; annotator: string; spans: { text: string }[]; relations: unknown[] })
    expect(layers.map((l) => `${l.annotator}:${l.id}:${l.spans.map((s) => s.text).join('|')}:${l.relations.length}`).sort()).toEqual([
      'alice:doc-0:Ada Lovelace|London:0',
      'alice:doc-2:Marie Curie|University of Paris:1',
      'bob:doc-0:Charles Babbage:0',
      'bob:doc-1:United Nations:0',
      'carol:doc-2:Marie Curie:0',
    ])
    // A second round moves nothing: every change was applied once.
    for (const d of [alice, bob, carol]) expect(await sync(d)).toEqual({ pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] })

    // And the server's progress view counts them.
    const status = await teamStatus(urls.alice)
    expect(status.documents).toBe(4)
    expect(status.annotators.find((x) => x.name === 'bob')).toMatchObject({ layers: 2, spans: 2, inProgress: 2 })
  })

  test('a relation travels by its spans, whatever order they were made in (heads and tails as positions in offset order)', async () => {
    const [carol, bob] = [open('carol'), open('bob')]
    await sync(carol)
    await sync(bob)
    // Made right to left, so row ids run against offset order.
    const london = label(carol, 'carol', 'doc-3', 'London', 'GPE')
    const vale = label(carol, 'carol', 'doc-3', 'Maida Vale', 'LOC')
    const turing = label(carol, 'carol', 'doc-3', 'Alan Turing', 'PERSON')
    relate(carol, 'carol', 'doc-3', vale, london, 'PART_OF')
    relate(carol, 'carol', 'doc-3', turing, london, 'PART_OF')
    expect(await sync(carol)).toMatchObject({ pushed: 1, refused: [] })
    await sync(bob)
    const onBob = bob.store.team.layerContent(docId(bob, 'doc-3'), bob.store.annotators.byName('carol')!.id)
    const text = 'Alan Turing was born in Maida Vale, London.'
    const words = (i: number) => text.slice(onBob.spans[i].cells.start as number, onBob.spans[i].cells.end as number)
    expect(onBob.spans.map((_, i) => words(i))).toEqual(['Alan Turing', 'Maida Vale', 'London'])
    expect(onBob.relations.map((r) => `${r.label} ${words(r.head)}>${words(r.tail)}`)).toEqual(['PART_OF Maida Vale>London', 'PART_OF Alan Turing>London'])
  })

  test("bob cannot write alice's layer, through Spanwright nor raw SQL as bob; her layer on the server is unchanged", async () => {
    const alice = open('alice')
    await sync(alice)
    label(alice, 'alice', 'doc-3', 'Alan Turing', 'PERSON')
    await sync(alice)
    const raw = await rawClient(urls.alice)
    const before = (await raw.query("SELECT content, version FROM team_layers WHERE document_id = 'doc-3' AND annotator = 'alice'")).rows
    expect(before).toHaveLength(1)

    // Through Spanwright: bob's desktop writes into alice's layer, then syncs as bob.
    const bob = open('bob')
    await sync(bob)
    label(bob, 'bob', 'doc-3', 'Alan Turing', 'PERSON')
    label(bob, 'alice', 'doc-3', 'London', 'GPE')
    const r = await sync(bob)
    expect(r.pushed).toBe(1)
    expect(r.refused).toEqual([{ layer: { documentId: 'doc-3', annotator: 'alice' }, reason: "the layer belongs to alice; bob cannot write it" }])
    // The server's copy replaced bob's local one: alice's layer on bob's desktop is hers again.
    const onBob = bob.store.team.layerContent(docId(bob, 'doc-3'), bob.store.annotators.byName('alice')!.id)
    expect(onBob.spans.map((s) => s.label)).toEqual(['PERSON'])
    expect(bob.store.team.conflicts()).toMatchObject([{ kind: 'refused', annotator: 'alice', documentId: 'doc-3' }])

    // Through raw SQL as bob: every way of writing her row is refused or touches nothing.
    const asBob = await rawClient(urls.bob)
    const upd = await asBob.query("UPDATE team_layers SET content = '{\"spans\":[],\"relations\":[],\"status\":null}' WHERE annotator = 'alice'")
    expect(upd.rowCount).toBe(0)
    const del = await asBob.query("DELETE FROM team_layers WHERE annotator = 'alice'")
    expect(del.rowCount).toBe(0)
    await expect(
      asBob.query(
        `INSERT INTO team_layers (document_id, annotator, content, spans, version) VALUES ('doc-0', 'alice', '{}', 0, 99)
         ON CONFLICT (document_id, annotator) DO UPDATE SET content = excluded.content`,
      ),
    ).rejects.toMatchObject({ code: '42501' })
    await expect(asBob.query("UPDATE team_layers SET annotator = 'alice' WHERE annotator = 'bob'")).rejects.toMatchObject({ code: '42501' })
    await expect(asBob.query("INSERT INTO team_documents (external_id, title, text, text_hash, seq) VALUES ('x', 'x', 'x', 'x', 1)")).rejects.toMatchObject({
      code: '42501',
    })
    await expect(asBob.query("DELETE FROM team_documents WHERE external_id = 'doc-3'")).rejects.toMatchObject({ code: '42501' })
    await expect(asBob.query('DELETE FROM spanwright_schema_version')).rejects.toMatchObject({ code: '42501' })
    // Nor can he move everyone's pull order: a change-log row's seq must come from the sequence, under the write lock.
    await expect(
      asBob.query("INSERT INTO team_changes (change_id, document_id, annotator, version, seq) VALUES (gen_random_uuid(), 'doc-3', 'bob', 9, 999999999)"),
    ).rejects.toMatchObject({ code: '42501' })
    await expect(asBob.query("UPDATE team_changes SET seq = 999999999 WHERE annotator = 'bob'")).rejects.toMatchObject({ code: '42501' })
    await expect(asBob.query("DELETE FROM team_changes WHERE annotator = 'alice'")).rejects.toMatchObject({ code: '42501' })
    const after = (await raw.query("SELECT content, version FROM team_layers WHERE document_id = 'doc-3' AND annotator = 'alice'")).rows
    expect(after).toEqual(before)
  })

  test('two reviewers edit the same gold item: the second gets a conflict, and nothing is lost', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    await sync(remy)
    const item = label(rita, 'gold', 'doc-1', 'United Nations', 'ORG')
    await sync(rita)
    await sync(remy)
    // Both now hold gold v1; each relabels the same item (gold travels item by item: Remy's new span is no conflict).
    updateSpan(rita.store, { id: item, label: 'NORP' })
    const remysItem = remy.store.db.prepare("SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'gold'").get() as { id: number }
    updateSpan(remy.store, { id: remysItem.id, label: 'FAC' })
    label(remy, 'gold', 'doc-1', 'Geneva', 'GPE')

    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [] })
    const second = await sync(remy)
    expect(second).toMatchObject({ pushed: 1, conflicts: [{ documentId: 'doc-1', annotator: 'gold', item: expect.any(String) }] })
    // Remy's edit is kept whole beside the server's copy, which his desktop now shows.
    const kept = new TeamConflictStore(remy.store.db).open()
    expect(kept).toHaveLength(1)
    expect(kept[0].mine).toMatchObject({ label: 'FAC', cells: { start: 4, end: 18 } })
    expect(kept[0].theirs).toMatchObject({ label: 'NORP', cells: { start: 4, end: 18 } })
    await sync(rita)
    expect(await exported(remy)).toEqual(await exported(rita))
    // And he can find it: `spanwright team conflicts` lists it, --json gives the copy whole.
    const lines: string[] = []
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) }
    expect(await main(['team', 'conflicts', '--db', remy.file], io)).toBe(0)
    expect(lines).toEqual([
      '1 copy kept aside by sync (resolve one: spanwright team resolve ID --keep server|mine)',
      expect.stringMatching(
        /^conflict #\d+: gold span [0-9a-f]{8} of doc-1: someone else wrote gold span [0-9a-f]{8} of doc-1 since this desktop's copy \(version 1\) \(kept: FAC "United Nations" \(4–18\); server: NORP "United Nations" \(4–18\)\)$/,
      ),
    ])
    lines.length = 0
    expect(await main(['team', 'conflicts', '--db', remy.file, '--json'], io)).toBe(0)
    expect((JSON.parse(lines[0]) as { mine: unknown }).mine).toEqual(kept[0].mine)
    // A plain annotator cannot write gold at all.
    const carol = open('carol')
    await sync(carol)
    label(carol, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    expect((await sync(carol)).refused[0].reason).toBe('carol is not a reviewer, so cannot write the gold layer')
  })

  test('offline: changes made while the server is down are pushed when it is back', async () => {
    const alice = open('alice')
    const bob = open('bob')
    await sync(alice)
    await sync(bob)
    server.stop()
    label(alice, 'alice', 'doc-1', 'Geneva', 'GPE')
    await expect(sync(alice)).rejects.toThrow(/not reachable \(connection refused\)/)
    label(alice, 'alice', 'doc-1', 'Monday', 'DATE')
    expect(alice.store.team.pendingCount()).toBe(1)
    server.start()
    expect(await sync(alice)).toMatchObject({ pushed: 1, refused: [], conflicts: [] })
    await sync(bob)
    const onBob = bob.store.team.layerContent(docId(bob, 'doc-1'), bob.store.annotators.byName('alice')!.id)
    expect(onBob.spans.map((s) => s.label)).toEqual(['GPE', 'DATE'])
    expect(await exported(bob)).toEqual(await exported(alice))
  })

  test('a push retried after its answer was lost applies nothing twice', async () => {
    const alice = open('alice')
    await sync(alice)
    label(alice, 'alice', 'doc-3', 'Maida Vale', 'LOC')
    const [change] = alice.store.team.pending()
    // The server commits the push; the desktop never hears back.
    const team = await openTeam(urls.alice)
    const first = await pushChanges(team.client, team.me, [change])
    await team.client.end()
    expect(first).toEqual([{ kind: 'applied', version: expect.any(Number) }])
    const again = await sync(alice)
    expect(again).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    const raw = await rawClient(urls.alice)
    const layer = (await raw.query("SELECT version FROM team_layers WHERE document_id = 'doc-3' AND annotator = 'alice'")).rows[0] as { version: string }
    expect(Number(layer.version)).toBe((first[0] as { version: number }).version)
    const applied = (await raw.query('SELECT count(*)::int AS n FROM team_changes WHERE change_id = $1', [change.changeId])).rows[0] as { n: number }
    expect(applied.n).toBe(1)
    expect(alice.store.team.pendingCount()).toBe(0)
  })

  test('a layer edited again after a push whose answer was lost (the connection dropped after the server committed) is no conflict: the retry knows its own write', async () => {
    const [alice, bob] = [open('alice'), open('bob')]
    await sync(alice)
    const span = label(alice, 'alice', 'doc-0', 'London', 'GPE')
    await sync(alice)
    const raw = await rawClient(server.url('team'))
    const layerRow = async () => (await raw.query("SELECT version, content FROM team_layers WHERE document_id = 'doc-0' AND annotator = 'alice'")).rows[0] as { version: string; content: { spans: { label: string }[] } }
    const base = Number((await layerRow()).version)
    updateSpan(alice.store, { id: span, label: 'LOC' })
    const [lost] = alice.store.team.pending()
    // The sync reaches the server through a relay; the push waits inside the server's push function, before its
    // commit, for the layer's row, which this test holds locked.
    const proxy = await holdableProxy(Number(new URL(urls.alice).port))
    const through = new URL(urls.alice)
    through.port = String(proxy.port)
    await raw.query('BEGIN')
    await raw.query("SELECT 1 FROM team_layers WHERE document_id = 'doc-0' AND annotator = 'alice' FOR UPDATE")
    const syncing = syncOnce(alice.store, through.toString()).then(() => 'finished', (e: Error) => e.message)
    // Watched from another session (a transaction sees the server's activity as it was at its start).
    const watch = await rawClient(server.url('team'))
    const count = async (sql: string, params: unknown[] = []) => ((await watch.query(sql, params)).rows[0] as { n: number }).n
    const waitFor = async (what: () => Promise<boolean>) => {
      while (!(await what())) await new Promise((r) => setTimeout(r, 10))
    }
    await waitFor(async () => (await count("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%team_push_layers%'")) === 1)
    // The network stalls: the answer will wait in the relay. The server commits the push, and the connection drops.
    proxy.hold()
    await raw.query('COMMIT')
    await waitFor(async () => (await count('SELECT count(*)::int AS n FROM team_changes WHERE change_id = $1', [lost.changeId])) === 1)
    await proxy.close()
    expect(await syncing).toMatch(/the connection to the server was lost/)
    expect(Number((await layerRow()).version)).toBe(base + 1)

    // The annotator edits the same layer again before the next sync: its push is based on the lost write, which is its own.
    updateSpan(alice.store, { id: span, label: 'FAC' })
    expect(await sync(alice)).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    expect(alice.store.team.conflicts()).toEqual([])
    expect(alice.store.team.pendingCount()).toBe(0)
    const labels = (d: typeof alice) => d.store.team.layerContent(docId(d, 'doc-0'), d.store.annotators.byName('alice')!.id).spans.map((s) => s.label)
    expect(labels(alice)).toContain('FAC')
    expect(labels(alice)).not.toContain('LOC')
    const onServer = await layerRow()
    expect([Number(onServer.version), onServer.content.spans.map((s) => s.label)]).toEqual([base + 2, labels(alice)])
    expect(await count("SELECT count(*)::int AS n FROM team_changes WHERE document_id = 'doc-0' AND annotator = 'alice' AND version > $1", [base])).toBe(2)
    // Another desktop pulls exactly that edit, and both hold the same workspace.
    await sync(bob)
    expect(labels(bob)).toEqual(labels(alice))
    expect(await exported(bob)).toEqual(await exported(alice))
  })

  test("a retry whose lost write another desktop of the same member has since written over is still a conflict, its copy kept aside", async () => {
    const [one, two] = [open('alice'), open('alice')]
    await sync(one)
    await sync(two)
    const span = label(one, 'alice', 'doc-2', 'Marie Curie', 'PERSON')
    const [lost] = one.store.team.pending()
    // Sent as a sync sends it (noted first); the server commits it, and the answer never comes.
    noteLayersSent(one.store.db, [lost])
    const t = await openTeam(urls.alice)
    expect(await pushChanges(t.client, t.me, [lost])).toEqual([{ kind: 'applied', version: expect.any(Number) }])
    await t.client.end()
    // Alice's other desktop pulls that write and writes the layer again on top of it.
    await sync(two)
    label(two, 'alice', 'doc-2', 'University of Paris', 'ORG')
    expect(await sync(two)).toMatchObject({ pushed: 1, conflicts: [] })
    // The first desktop edits again: the server's version is not the write it lost, so this is a conflict.
    updateSpan(one.store, { id: span, label: 'NORP' })
    expect(await sync(one)).toMatchObject({ pushed: 0, conflicts: [{ documentId: 'doc-2', annotator: 'alice' }] })
    expect(one.store.team.conflicts()).toMatchObject([{ kind: 'conflict', documentId: 'doc-2', annotator: 'alice' }])
    expect(await exported(one)).toEqual(await exported(two))
  })

  test('pushes racing on one layer: the same change twice applies once; two different changes on one base, one lands and one conflicts', async () => {
    const alice = open('alice')
    await sync(alice)
    const [one, two] = [await openTeam(urls.alice), await openTeam(urls.alice)]
    try {
      for (let round = 0; round < 5; round++) {
        label(alice, 'alice', 'doc-1', 'Geneva', round % 2 ? 'GPE' : 'LOC')
        const [change] = alice.store.team.pending()
        const answers = (await Promise.all([pushChanges(one.client, one.me, [change]), pushChanges(two.client, two.me, [change])])).map(([o]) => o.kind).sort()
        expect(answers).toEqual(['already-applied', 'applied'])
        const raw = await rawClient(urls.alice)
        expect((await raw.query('SELECT count(*)::int AS n FROM team_changes WHERE change_id = $1', [change.changeId])).rows[0]).toEqual({ n: 1 })
        alice.store.team.markPushed(change, Number((await raw.query("SELECT version FROM team_layers WHERE document_id = 'doc-1' AND annotator = 'alice'")).rows[0].version))
      }
      // Two desktops of alice's, both on the same version, each with its own edit.
      label(alice, 'alice', 'doc-1', 'Monday', 'DATE')
      const [mine] = alice.store.team.pending()
      const theirs = { ...mine, changeId: 'ffffffffffffffffffffffffffffffff', contentJson: JSON.stringify({ spans: [], relations: [], status: null }) }
      const answers = await Promise.all([pushChanges(one.client, one.me, [mine]), pushChanges(two.client, two.me, [theirs])])
      expect(answers.map(([o]) => o.kind).sort()).toEqual(['applied', 'conflict'])
    } finally {
      await one.client.end()
      await two.client.end()
    }
  })

  test("a malformed layer written by a hostile client into its own row is skipped on pull, and the rest still arrives", async () => {
    const raw = await rawClient(urls.carol)
    const bad = { spans: [{ label: 'PERSON', cells: { start: 5, end: 9999 } }], relations: [], status: null }
    // Through the same push function every desktop uses: the server stores content as given (a desktop checks it on pull).
    const before = (await raw.query("SELECT version FROM team_layers WHERE document_id = 'doc-3' AND annotator = 'carol'")).rows as { version: string }[]
    const pushed = await raw.query('SELECT outcome FROM team_push_layers($1::jsonb)', [
      JSON.stringify([{ i: 0, c: '0123456789abcdef0123456789abcdef', d: 'doc-3', a: 'carol', b: before.length ? Number(before[0].version) : null, content: bad }]),
    ])
    expect(pushed.rows).toEqual([{ outcome: 'applied' }])
    const alice = open('alice')
    const r = await sync(alice)
    expect(r.skipped).toEqual([
      { layer: { documentId: 'doc-3', annotator: 'carol' }, reason: expect.stringMatching(/^the server's copy is malformed \(spans\.0: 5-9999 is not a range of the document \(\d+ characters\)\)/) },
    ])
    expect(r.pulled).toBeGreaterThan(4)
    expect(alice.store.team.layerKeys()).toContainEqual({ documentId: 'doc-2', annotator: 'carol' })
    expect(await sync(alice)).toMatchObject({ pulled: 0, skipped: [] })
  })

  test('a layer whose row the local database refuses (a CHECK the shape check cannot know) is skipped alone; the rest of its batch lands', async () => {
    const raw = await rawClient(urls.carol)
    const cur = (await raw.query("SELECT version FROM team_layers WHERE document_id = 'doc-1' AND annotator = 'carol'")).rows as { version: string }[]
    const refusedRow = { spans: [{ label: 'PERSON', cells: { start: 4, end: 18, kind: 'no-such-kind' } }], relations: [], status: null }
    const pushed = await raw.query('SELECT outcome FROM team_push_layers($1::jsonb)', [
      JSON.stringify([{ i: 0, c: 'abcdefabcdefabcdefabcdefabcdef01', d: 'doc-1', a: 'carol', b: cur.length ? Number(cur[0].version) : null, content: refusedRow }]),
    ])
    expect(pushed.rows).toEqual([{ outcome: 'applied' }])
    const dave = open('bob')
    const r = await syncOnce(dave.store, urls.bob, { batch: 1000 })
    expect(r.skipped).toContainEqual({
      layer: { documentId: 'doc-1', annotator: 'carol' },
      reason: expect.stringMatching(/^the server's copy could not be stored \(CHECK constraint failed: kind IN \('entity', 'trigger'\)\); kept this desktop's copy$/),
    })
    // Every other layer of that one batch arrived.
    const raw2 = await rawClient(urls.bob)
    const others = (await raw2.query("SELECT document_id, annotator FROM team_layers WHERE NOT (document_id = 'doc-1' AND annotator = 'carol') AND annotator != 'gold' AND (spans > 0 OR status IS NOT NULL)")).rows as { document_id: string; annotator: string }[]
    const held = dave.store.team.layerKeys()
    const skipped = r.skipped.map((x) => x.layer)
    for (const o of others) if (!skipped.some((k) => k.documentId === o.document_id && k.annotator === o.annotator)) expect(held).toContainEqual({ documentId: o.document_id, annotator: o.annotator })
    expect(others.length - skipped.length).toBeGreaterThan(5)
    expect(held).not.toContainEqual({ documentId: 'doc-1', annotator: 'carol' })
  })
})
