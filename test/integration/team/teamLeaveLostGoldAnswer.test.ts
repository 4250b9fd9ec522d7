import { describe, expect, test } from 'vitest'
import { updateSpan } from '../../../src/main/services/annotate/annotationService'
import { setReviewStatus } from '../../../src/main/services/review/reviewService'
import { listConflicts } from '../../../src/main/services/team/conflictService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { pushGoldItems } from '../../../src/main/team/serverGold'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { openTeam } from '../../../src/main/team/teamClient'
import { addExistingMember } from '../../../src/main/team/teamExistingMember'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing } from '../../helpers/postgresServer'
import { addDocuments, goldOf, goldSpan, label, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()

/**
 * A gold push whose answer never came back (team_gold_sent: the change ids and content it sent), then `team leave`:
 * what a later join does with that record. Rejoining the same team still knows the write as its own; joining another
 * team forgets it, with the versions it knew of the old one.
 */
describe.skipIf(missing)(`a gold push whose answer was lost, then team leave and a join, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, rawClient, cli } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', remy: 'reviewer' })

  /** The desktop's pending gold items reach `url`'s server, which commits them; the answer never comes back. */
  async function lostGoldPush(d: Desktop, url: string): Promise<void> {
    const gold = new GoldItemStore(d.store.db)
    const items = gold.pending(100, null, 'on-server')
    expect(items.length).toBeGreaterThan(0)
    // Noted before they are sent, as goldSync's push does.
    gold.noteSent(items)
    const t = await openTeam(url)
    try {
      expect((await pushGoldItems(t.client, t.me, items)).map((o) => o.kind)).toEqual(items.map(() => 'applied'))
    } finally {
      await t.client.end()
    }
  }
  const itemOn = async (url: string, documentId: string, uid: string) =>
    (await (await rawClient(url)).query('SELECT version::int AS version, content, updated_by AS by FROM team_gold_items WHERE document_id = $1 AND uid = $2', [documentId, uid]))
      .rows[0] as { version: number; content: { label?: string; review?: string }; by: string } | undefined
  const spanUid = (d: Desktop, id: number) => (d.store.db.prepare('SELECT uid FROM spans WHERE id = ?').get(id) as { uid: string }).uid

  test('rejoining the same team: the lost gold write is known as its own, so the edit made since goes on top of it, with no conflict and nothing lost', async () => {
    const rita = open('rita')
    await sync(rita)
    label(rita, 'gold', 'doc-1', 'Geneva', 'GPE')
    expect(await sync(rita)).toMatchObject({ conflicts: [], refused: [] })
    const uid = spanUid(rita, goldSpan(rita, 'doc-1', 'Geneva'))
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-1', 'Geneva'), label: 'LOC' })
    await lostGoldPush(rita, urls.rita)
    const lost = (await itemOn(team.adminUrl(), 'doc-1', uid))!
    expect(lost.content.label).toBe('LOC')
    expect((await cli(rita, ['team', 'leave'])).lines).toContain('1 change was never pushed: kept here, and pushed if this workspace syncs with that team again')
    // Out of the team, rita edits the item again: on top of the write whose answer was lost.
    updateSpan(rita.store, { id: goldSpan(rita, 'doc-1', 'Geneva'), label: 'FAC' })

    expect(await sync(rita)).toMatchObject({ pushed: 1, refused: [], conflicts: [] })
    expect(listConflicts(rita.store)).toEqual([])
    // The edit is neither lost nor set aside: the desktop and the server both hold it, one version after the lost write.
    expect(goldOf(rita, 'doc-1')).toEqual(['FAC Geneva'])
    expect(await itemOn(team.adminUrl(), 'doc-1', uid)).toMatchObject({ version: lost.version + 1, content: { label: 'FAC' }, by: 'rita' })
    expect(rita.store.db.prepare('SELECT count(*) AS n FROM team_gold_sent').get()).toEqual({ n: 0 })
  })

  test("joining another team forgets the old team's record: an item that team holds as the lost push sent it is a conflict there, not overwritten", async () => {
    // Team A (database team): rita marks doc-2's review in review; the push commits and its answer is lost. She leaves,
    // and out of the team sets it back to unreviewed (an edit on top of what she sent A).
    const rita = open('rita')
    await sync(rita)
    const doc2 = (d: Desktop) => d.store.documents.byExternalId('doc-2')!.id
    setReviewStatus(rita.store, { documentId: doc2(rita), reviewer: 'rita', status: 'in_review' })
    await lostGoldPush(rita, urls.rita)
    expect(await itemOn(team.adminUrl(), 'doc-2', 'review')).toMatchObject({ content: { review: 'in_review' }, by: 'rita' })
    expect((await cli(rita, ['team', 'leave'])).code).toBe(0)
    setReviewStatus(rita.store, { documentId: doc2(rita), reviewer: 'rita', status: 'unreviewed' })

    // Team B (database team2, same server, lead its admin): remy, a reviewer there, marked doc-2's review in review on his own.
    await team.server().createDatabase('team2')
    await initTeam(team.server().url('team2'))
    for (const [name, reviewer, admin] of [['lead', false, true], ['remy', true, false], ['rita', true, false]] as const)
      await addExistingMember(team.server().url('team2'), name, { reviewer, admin })
    // PostgreSQL roles and their passwords are server-wide: each member reaches B by their URL for A, naming team2.
    const [leadInB, remyInB, ritaInB] = [urls.lead, urls.remy, urls.rita].map((u) => u.replace(/\/team$/, '/team2'))
    const lead = open('lead')
    addDocuments(lead)
    await syncOnce(lead.store, leadInB)
    const remy = open('remy')
    await syncOnce(remy.store, remyInB)
    setReviewStatus(remy.store, { documentId: doc2(remy), reviewer: 'remy', status: 'in_review' })
    expect(await syncOnce(remy.store, remyInB)).toMatchObject({ conflicts: [], refused: [] })
    const onB = await itemOn(team.server().url('team2'), 'doc-2', 'review')
    expect(onB).toMatchObject({ content: { review: 'in_review' }, by: 'remy' })

    // rita's first sync with B: B's item is what her lost push sent A, but written by remy, not by her: her edit was not
    // made on top of it. A conflict, both copies kept; B's item is untouched.
    const first = await syncOnce(rita.store, ritaInB)
    expect(first.conflicts).toContainEqual({ documentId: 'doc-2', annotator: 'gold', item: 'review' })
    expect(await itemOn(team.server().url('team2'), 'doc-2', 'review')).toEqual(onB)
    const [kept] = listConflicts(rita.store, { documentId: doc2(rita) }).filter((c) => c.item?.uid === 'review')
    expect(kept).toMatchObject({ kind: 'conflict', mine: { summary: 'review unreviewed' }, theirs: { summary: 'review in review' } })
    // And A's record is gone: nothing of it can vouch for a later push, here or back in A.
    expect(rita.store.db.prepare('SELECT count(*) AS n FROM team_gold_sent').get()).toEqual({ n: 0 })
  })
})
