import { describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { rejectItem, reviewData, setReviewStatus } from '../../../src/main/services/review/reviewService'
import { listConflicts, resolveConflict } from '../../../src/main/services/team/conflictService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { openStore } from '../../../src/main/store/store'
import { pushGoldItems } from '../../../src/main/team/serverGold'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, goldOf, goldSpan, label, relabelAtOnce, relate, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()

describe.skipIf(missing)(`gold items: compare-and-set per item against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const { desktops, open, sync, rawClient } = teamTestKit(urls)
  type ServerItem = { uid: string; kind: string; content: { label: string } | null; version: string }
  const serverItems = async (externalId: string) =>
    (await (await rawClient(urls.lead)).query("SELECT uid, kind, content, version FROM team_gold_items WHERE document_id = $1 AND kind <> 'status' ORDER BY uid", [externalId])).rows as ServerItem[]

  teamServerFor({ desktops, open, sync }, urls, { lead: 'admin', carol: 'annotator', rita: 'reviewer', remy: 'reviewer' })

  test('two reviewers edit different gold items of one document: both accepted, no conflict, and both desktops converge', async () => {
    // A desktop that never had gold is not given a gold annotator by syncing.
    expect(desktops[0].store.annotators.byName('gold') ?? null).toBeNull()
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    await sync(remy)
    label(rita, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    label(rita, 'gold', 'doc-2', 'Paris', 'GPE')
    // Two spans, and the gold layer's status of the document (the first edit put it in progress).
    expect(await sync(rita)).toMatchObject({ pushed: 3, conflicts: [], refused: [] })
    await sync(remy)
    expect(goldOf(remy, 'doc-2')).toEqual(['GPE Paris', 'PERSON Marie Curie'])

    // Rita relabels one item; Remy relabels the other, adds a span and a relation between his new span and hers.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-2', 'Marie Curie'), label: 'NORP' })
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-2', 'Paris'), label: 'LOC' })
    const uni = label(remy, 'gold', 'doc-2', 'University of Paris', 'ORG')
    relate(remy, 'gold', 'doc-2', goldSpan(remy, 'doc-2', 'Marie Curie'), uni, 'AFFILIATED_WITH')

    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    expect(await sync(remy)).toMatchObject({ pushed: 3, conflicts: [], refused: [] })
    await sync(rita)
    const expected = ['AFFILIATED_WITH Marie Curie>University of Paris', 'LOC Paris', 'NORP Marie Curie', 'ORG University of Paris']
    expect(goldOf(rita, 'doc-2')).toEqual(expected)
    expect(goldOf(remy, 'doc-2')).toEqual(expected)
    expect(await exported(remy)).toEqual(await exported(rita))
    // Per item on the server: Curie and Paris at version 2, the new span and relation at version 1.
    expect((await serverItems('doc-2')).map((i) => `${i.kind}:${i.content?.label}:v${i.version}`).sort()).toEqual([
      'relation:AFFILIATED_WITH:v1',
      'span:LOC:v2',
      'span:NORP:v2',
      'span:ORG:v1',
    ])
    for (const d of [rita, remy]) expect(await sync(d)).toEqual({ pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] })
    expect(listConflicts(remy.store)).toEqual([])
  })

  test('two reviewers edit the same gold item: a conflict, nothing lost, resolvable both ways, and both desktops converge', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    await sync(remy)
    label(rita, 'gold', 'doc-1', 'United Nations', 'ORG')
    label(rita, 'gold', 'doc-1', 'Geneva', 'GPE')
    await sync(rita)
    await sync(remy)

    // Round 1: both relabel United Nations. Rita's lands; Remy's comes back as a conflict on that one item.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-1', 'United Nations'), label: 'NORP' })
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-1', 'United Nations'), label: 'FAC' })
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-1', 'Geneva'), label: 'LOC' })
    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [] })
    const second = await sync(remy)
    const uid = second.conflicts[0]?.item
    expect(second).toMatchObject({ pushed: 1, conflicts: [{ documentId: 'doc-1', annotator: 'gold', item: expect.any(String) }], refused: [] })
    // Remy's desktop shows the server's version; his is kept aside, listed for the review view with both sides.
    expect(goldOf(remy, 'doc-1')).toEqual(['LOC Geneva', 'NORP United Nations'])
    const docId = remy.store.documents.byExternalId('doc-1')!.id
    const [c] = listConflicts(remy.store, { documentId: docId })
    expect(c).toMatchObject({
      externalId: 'doc-1',
      annotator: 'gold',
      kind: 'conflict',
      item: { uid, kind: 'span' },
      mine: { summary: 'FAC "United Nations" (4–18)', deleted: false },
      theirs: { summary: 'NORP "United Nations" (4–18)', deleted: false },
      canTakeMine: true,
    })
    expect(listConflicts(remy.store, { documentId: remy.store.documents.byExternalId('doc-0')!.id })).toEqual([])
    // `spanwright team conflicts` lists it too.
    const lines: string[] = []
    expect(await main(['team', 'conflicts', '--db', remy.file], { log: (l) => lines.push(l), error: (l) => lines.push(`ERR ${l}`) })).toBe(0)
    expect(lines).toEqual([
      '1 copy kept aside by sync (resolve one: spanwright team resolve ID --keep server|mine)',
      expect.stringMatching(new RegExp(`^conflict #${c.id}: gold span [0-9a-f]{8} of doc-1: .* \\(kept: FAC "United Nations" \\(4–18\\); server: NORP "United Nations" \\(4–18\\)\\)$`)),
    ])

    // Take mine: his version goes back over the server's, and the next sync pushes it as a normal write.
    expect(resolveConflict(remy.store, { id: c.id, keep: 'mine' })).toMatchObject({ remaining: 0 })
    expect(goldOf(remy, 'doc-1')).toEqual(['FAC United Nations', 'LOC Geneva'])
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [], refused: [] })
    await sync(rita)
    expect(goldOf(rita, 'doc-1')).toEqual(['FAC United Nations', 'LOC Geneva'])
    expect(await exported(remy)).toEqual(await exported(rita))
    expect(() => resolveConflict(remy.store, { id: c.id, keep: 'server' })).toThrow(/already resolved/)

    // Round 2: Rita deletes the item while Remy relabels it. Keep the server's: it stays deleted everywhere.
    deleteSpan(rita.store, goldSpan(rita, 'doc-1', 'United Nations'))
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-1', 'United Nations'), label: 'ORG' })
    await sync(rita)
    expect((await sync(remy)).conflicts).toHaveLength(1)
    const [d] = listConflicts(remy.store)
    expect(d).toMatchObject({ mine: { summary: 'ORG "United Nations" (4–18)' }, theirs: { summary: 'deleted', deleted: true } })
    expect(goldOf(remy, 'doc-1')).toEqual(['LOC Geneva'])
    resolveConflict(remy.store, { id: d.id, keep: 'server' })
    expect(await sync(remy)).toMatchObject({ pushed: 0, conflicts: [] })
    await sync(rita)
    expect(goldOf(remy, 'doc-1')).toEqual(['LOC Geneva'])
    expect(goldOf(rita, 'doc-1')).toEqual(['LOC Geneva'])
    expect(await exported(remy)).toEqual(await exported(rita))
    // Nothing was lost on the way: the server kept the deletion as a tombstone, and every version counts one change.
    const items = await serverItems('doc-1')
    expect(items.map((i) => `${i.content?.label ?? 'deleted'}:v${i.version}`).sort()).toEqual(['LOC:v2', 'deleted:v4'])
    const changes = (await (await rawClient(urls.lead)).query("SELECT count(*)::int AS n FROM team_gold_changes WHERE document_id = 'doc-1'")).rows[0] as { n: number }
    expect(changes.n).toBe(7) // 6 on the two spans, 1 the gold layer's status
  })

  test('the same change made by two reviewers is no conflict; a retried push applies nothing twice', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    expect(await relabelAtOnce(sync, [rita, remy], 'doc-3', 'Alan Turing', ['PERSON', 'NORP', 'NORP'])).toMatchObject({ conflicts: [], refused: [] })
    expect(listConflicts(remy.store)).toEqual([])

    // The server commits a push; the desktop never hears back, and pushes again.
    label(rita, 'gold', 'doc-3', 'London', 'GPE')
    // What the Team screen shows as waiting counts gold items too.
    expect(rita.store.team.pendingCount()).toBe(1)
    const [item] = new GoldItemStore(rita.store.db).pending(10)
    const team = await openTeam(urls.rita)
    const first = await pushGoldItems(team.client, team.me, [item])
    await team.client.end()
    expect(first).toEqual([{ kind: 'applied', version: 1 }])
    expect(await sync(rita)).toMatchObject({ pushed: 1, conflicts: [] })
    const raw = await rawClient(urls.lead)
    expect((await raw.query('SELECT count(*)::int AS n FROM team_gold_changes WHERE change_id = $1', [item.changeId])).rows[0]).toEqual({ n: 1 })
    expect((await serverItems('doc-3')).map((i) => `${i.content?.label}:v${i.version}`).sort()).toEqual(['GPE:v1', 'NORP:v2'])
  })

  test('only reviewers write gold items: a plain annotator is refused, through Spanwright and through raw SQL', async () => {
    const carol = open('carol')
    await sync(carol)
    label(carol, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    const r = await sync(carol)
    // The span and the gold layer's status the edit set: each refused, each kept aside.
    const refusal = { layer: { documentId: 'doc-0', annotator: 'gold' }, reason: 'carol is not a reviewer, so cannot write the gold layer' }
    expect(r.refused).toEqual([refusal, refusal])
    expect(goldOf(carol, 'doc-0')).toEqual([])
    const [kept, status] = listConflicts(carol.store)
    expect(status).toMatchObject({ kind: 'refused', item: { uid: 'status', kind: 'status' }, mine: { summary: 'status in_progress' } })
    resolveConflict(carol.store, { id: status.id, keep: 'server' })
    expect(kept).toMatchObject({ kind: 'refused', canTakeMine: false, mine: { summary: 'PERSON "Ada Lovelace" (0–12)' } })
    expect(() => resolveConflict(carol.store, { id: kept.id, keep: 'mine' })).toThrow(/refused this change/)
    resolveConflict(carol.store, { id: kept.id, keep: 'server' })
    expect(listConflicts(carol.store)).toEqual([])

    const asCarol = await rawClient(urls.carol)
    await expect(
      asCarol.query("INSERT INTO team_gold_items (document_id, uid, kind, content, version, seq) VALUES ('doc-0', 'x', 'span', NULL, 1, 1)"),
    ).rejects.toMatchObject({ code: '42501' })
    await expect(asCarol.query("UPDATE team_gold_items SET content = NULL WHERE document_id = 'doc-2'")).rejects.toMatchObject({ code: '42501' })
    await expect(asCarol.query("DELETE FROM team_gold_items WHERE document_id = 'doc-2'")).rejects.toMatchObject({ code: '42501' })
    expect((await serverItems('doc-2')).filter((i) => i.content !== null)).toHaveLength(4)
  })

  test('a relation added to a span another reviewer deleted meanwhile: a conflict; keeping the server\'s version, the deletion wins and both desktops converge', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    await sync(remy)
    const head = label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    label(rita, 'gold', 'doc-0', 'Charles Babbage', 'PERSON')
    await sync(rita)
    await sync(remy)
    deleteSpan(rita.store, head)
    relate(remy, 'gold', 'doc-0', goldSpan(remy, 'doc-0', 'Ada Lovelace'), goldSpan(remy, 'doc-0', 'Charles Babbage'), 'PART_OF')
    await sync(rita)
    expect((await sync(remy)).conflicts).toHaveLength(1)
    resolveConflict(remy.store, { id: listConflicts(remy.store)[0].id, keep: 'server' })
    await sync(rita)
    await sync(remy)
    expect(goldOf(rita, 'doc-0')).toEqual(['GPE London', 'PERSON Charles Babbage'])
    expect(goldOf(remy, 'doc-0')).toEqual(['GPE London', 'PERSON Charles Babbage'])
    expect(listConflicts(remy.store)).toEqual([])
    expect(await exported(remy)).toEqual(await exported(rita))
  })

  test('team resolve ID --keep server|mine from the command line, with plain errors for a bad id or choice', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    await sync(remy)
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-3', 'London'), label: 'LOC' })
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-3', 'London'), label: 'FAC' })
    await sync(rita)
    expect((await sync(remy)).conflicts).toHaveLength(1)
    const [c] = listConflicts(remy.store)
    // The CLI opens the workspace for writing: this test's own handle steps aside meanwhile.
    remy.store.close()
    const lines: string[] = []
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) }
    const run = async (args: string[]) => {
      lines.length = 0
      return main(['team', 'resolve', ...args, '--db', remy.file], io)
    }
    expect(await run(['abc', '--keep', 'mine'])).toBe(1)
    expect(lines).toEqual(['ERR spanwright team: team resolve takes a conflict id (spanwright team conflicts lists them), not "abc"'])
    expect(await run([String(c.id), '--keep', 'maybe'])).toBe(1)
    expect(lines[0]).toMatch(/needs --keep server .* or --keep mine/)
    expect(await run(['99999', '--keep', 'mine'])).toBe(1)
    expect(lines).toEqual(['ERR spanwright team: no conflict with id 99999'])
    expect(await run([String(c.id), '--keep', 'mine'])).toBe(0)
    expect(lines).toEqual([`resolved #${c.id}: kept this desktop's version (FAC "London" (36–42)); the next sync pushes it`, '0 conflicts left'])
    expect(await run([String(c.id), '--keep', 'server'])).toBe(1)
    expect(lines[0]).toMatch(/already resolved/)
    remy.store = openStore(remy.file)
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [] })
    await sync(rita)
    expect(goldOf(rita, 'doc-3')).toContain('FAC London')
    expect(await exported(rita)).toEqual(await exported(remy))
  })

  test('the review status travels too: the same status set by two reviewers agrees, a different one is a conflict the reviewer resolves', async () => {
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    await sync(remy)
    const id = (d: Desktop) => d.store.documents.byExternalId('doc-1')!.id
    const review = (d: Desktop) => d.store.db.prepare('SELECT status, updated_by AS by FROM review_status WHERE document_id = ?').get(id(d))
    setReviewStatus(rita.store, { documentId: id(rita), reviewer: 'rita', status: 'in_review' })
    setReviewStatus(remy.store, { documentId: id(remy), reviewer: 'remy', status: 'in_review' })
    expect(await sync(rita)).toMatchObject({ conflicts: [] })
    expect(await sync(remy)).toMatchObject({ conflicts: [] })
    setReviewStatus(rita.store, { documentId: id(rita), reviewer: 'rita', status: 'adjudicated' })
    await sync(rita)
    await sync(remy)
    expect(review(remy)).toEqual({ status: 'adjudicated', by: 'rita' })
    // A finished review freezes gold on Remy's desktop as on Rita's.
    expect(remy.store.gold.isReviewDone(id(remy))).toBe(true)

    setReviewStatus(rita.store, { documentId: id(rita), reviewer: 'rita', status: 'in_review' })
    setReviewStatus(remy.store, { documentId: id(remy), reviewer: 'remy', status: 'unreviewed' })
    await sync(rita)
    const r = await sync(remy)
    expect(r.conflicts).toEqual([{ documentId: 'doc-1', annotator: 'gold', item: 'review' }])
    const [c] = listConflicts(remy.store, { documentId: id(remy) })
    expect(c).toMatchObject({ item: { uid: 'review', kind: 'review' }, mine: { summary: 'review unreviewed' }, theirs: { summary: 'review in review' } })
    expect(review(remy)).toEqual({ status: 'in_review', by: 'rita' })
    resolveConflict(remy.store, { id: c.id, keep: 'mine' })
    expect(review(remy)).toEqual({ status: 'unreviewed', by: 'rita' })
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [] })
    await sync(rita)
    expect(review(rita)).toEqual({ status: 'unreviewed', by: 'remy' })
  })

  test("a reviewer's rejections of an annotator's items survive that layer being replaced by a pull", async () => {
    const [carol, rita] = [open('carol'), open('rita')]
    await sync(carol)
    await sync(rita)
    const ada = label(carol, 'carol', 'doc-2', 'Marie Curie', 'PERSON')
    const uni = label(carol, 'carol', 'doc-2', 'University of Paris', 'ORG')
    relate(carol, 'carol', 'doc-2', ada, uni, 'AFFILIATED_WITH')
    await sync(carol)
    await sync(rita)
    const doc = rita.store.documents.byExternalId('doc-2')!.id
    const layer = () => rita.store.spans.layer(doc, rita.store.annotators.byName('carol')!.id)
    const rejectedOnRita = () => {
      const r = reviewData(rita.store, { documentId: doc }).rejected
      const spans = layer().filter((s) => r.spans.includes(s.id)).map((s) => `${s.label} ${s.start}-${s.end}`)
      return { spans, relations: r.relations.length }
    }
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'span', id: layer().find((s) => s.label === 'ORG')!.id } })
    const relation = rita.store.relations.layer(doc, rita.store.annotators.byName('carol')!.id)[0]
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'relation', id: relation.id } })
    expect(rejectedOnRita()).toEqual({ spans: ['ORG 23-42'], relations: 1 })

    // Carol adds to her layer; Rita's pull replaces it (every row anew).
    label(carol, 'carol', 'doc-2', 'Paris', 'GPE')
    await sync(carol)
    const before = layer().map((s) => s.id)
    expect((await sync(rita)).pulled).toBeGreaterThan(0)
    expect(layer().map((s) => s.id)).not.toEqual(before)
    expect(layer()).toHaveLength(3)
    expect(rejectedOnRita()).toEqual({ spans: ['ORG 23-42'], relations: 1 })
  })

  test('a push whose answer was lost, then another edit of the same item: no conflict with its own write', async () => {
    const rita = open('rita')
    await sync(rita)
    const geneva = label(rita, 'gold', 'doc-1', 'Geneva', 'GPE')
    const gold = new GoldItemStore(rita.store.db)
    const [item] = gold.pending(10).filter((i) => i.kind === 'span')
    // The sync notes what it sends, the server commits it, and the desktop dies before it hears back.
    gold.noteSent([item])
    const team = await openTeam(urls.rita)
    expect(await pushGoldItems(team.client, team.me, [item])).toEqual([{ kind: 'applied', version: 1 }])
    await team.client.end()
    // The reviewer goes on editing the same item; the next sync finds the server at the version it wrote itself.
    updateSpan(rita.store, { id: geneva, label: 'LOC' })
    expect(await sync(rita)).toMatchObject({ conflicts: [], refused: [] })
    expect(listConflicts(rita.store)).toEqual([])
    const onServer = (await (await rawClient(urls.lead)).query('SELECT content, version FROM team_gold_items WHERE document_id = $1 AND uid = $2', ['doc-1', item.uid])).rows
    expect(onServer).toEqual([{ content: expect.objectContaining({ label: 'LOC' }), version: '2' }])
  })

  test('a relation that reaches a desktop before the spans it names waits for them, and arrives', async () => {
    const rita = open('rita')
    await sync(rita)
    const ada = label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'NORP')
    const babbage = label(rita, 'gold', 'doc-0', 'Charles Babbage', 'NORP')
    relate(rita, 'gold', 'doc-0', ada, babbage, 'PART_OF')
    const pending = new GoldItemStore(rita.store.db).pending(50).filter((i) => i.documentId === 'doc-0')
    // Another client wrote the relation first, its spans after (nothing on the server orders them).
    const team = await openTeam(urls.rita)
    await pushGoldItems(team.client, team.me, pending.filter((i) => i.kind === 'relation'))
    await pushGoldItems(team.client, team.me, pending.filter((i) => i.kind !== 'relation'))
    await team.client.end()
    const remy = open('remy')
    // One item per pulled batch: the relation comes alone, before its spans.
    expect(await syncOnce(remy.store, urls.remy, { batch: 1 })).toMatchObject({ skipped: [], conflicts: [] })
    expect(goldOf(remy, 'doc-0')).toContain('PART_OF Ada Lovelace>Charles Babbage')
    expect(remy.store.db.prepare('SELECT count(*) AS n FROM team_gold_parked').get()).toEqual({ n: 0 })
  })

  test("a reviewer's rejections travel to the other reviewers (not to annotators), and taking one back travels too", async () => {
    const [carol, rita, remy] = [open('carol'), open('rita'), open('remy')]
    await sync(carol)
    const turing = label(carol, 'carol', 'doc-3', 'Alan Turing', 'PERSON')
    const vale = label(carol, 'carol', 'doc-3', 'Maida Vale', 'LOC')
    relate(carol, 'carol', 'doc-3', turing, vale, 'PART_OF')
    await sync(carol)
    for (const d of [rita, remy]) await sync(d)
    const doc = (d: Desktop) => d.store.documents.byExternalId('doc-3')!.id
    const carolsLayer = (d: Desktop) => ({
      spans: d.store.spans.layer(doc(d), d.store.annotators.byName('carol')!.id),
      relations: d.store.relations.layer(doc(d), d.store.annotators.byName('carol')!.id),
    })
    const rejected = (d: Desktop) => {
      const r = reviewData(d.store, { documentId: doc(d) }).rejected
      const { spans, relations } = carolsLayer(d)
      return [...spans.filter((s) => r.spans.includes(s.id)).map((s) => `${s.label} ${s.start}-${s.end}`), ...relations.filter((x) => r.relations.includes(x.id)).map((x) => x.label)]
    }
    const by = (d: Desktop) => d.store.db.prepare('SELECT DISTINCT rejected_by AS by FROM review_rejections WHERE document_id = ?').all(doc(d))

    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'span', id: carolsLayer(rita).spans.find((x) => x.label === 'LOC')!.id } })
    rejectItem(rita.store, { reviewer: 'rita', item: { kind: 'relation', id: carolsLayer(rita).relations[0].id } })
    expect(await sync(rita)).toMatchObject({ conflicts: [], refused: [] })
    await sync(remy)
    expect(rejected(remy)).toEqual(['LOC 24-34', 'PART_OF'])
    expect(by(remy)).toEqual([{ by: 'rita' }])
    // Remy takes the span's rejection back; Rita's desktop follows.
    rejectItem(remy.store, { reviewer: 'remy', item: { kind: 'span', id: carolsLayer(remy).spans.find((x) => x.label === 'LOC')!.id }, rejected: false })
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [] })
    await sync(rita)
    expect(rejected(rita)).toEqual(['PART_OF'])
    // The annotator's desktop is not sent reviewers' decisions to push back: nothing refused, nothing kept aside.
    expect(await sync(carol)).toMatchObject({ refused: [], conflicts: [] })
    expect(rejected(carol)).toEqual([])
    expect(listConflicts(carol.store)).toEqual([])
    // A pulled new copy of Carol's layer keeps the rejection, and nothing more travels.
    label(carol, 'carol', 'doc-3', 'London', 'GPE')
    await sync(carol)
    await sync(rita)
    expect(rejected(rita)).toEqual(['PART_OF'])
    expect(await sync(rita)).toEqual({ pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] })
  })
})
