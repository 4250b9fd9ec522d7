import { describe, expect, test } from 'vitest'
import { updateSpan } from '../../../src/main/services/annotate/annotationService'
import { listConflicts } from '../../../src/main/services/team/conflictService'
import { noteLayersSent } from '../../../src/main/store/teamLayerSent'
import { pushChanges } from '../../../src/main/team/serverLayers'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { openTeam } from '../../../src/main/team/teamClient'
import { addExistingMember } from '../../../src/main/team/teamExistingMember'
import { initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing } from '../../helpers/postgresServer'
import { addDocuments, label, teamServerFor, teamTestKit } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()

/**
 * A push whose answer never came back (local migration 21's notes, team_layer_sent), then `team leave`: what a later
 * join does with those notes. Rejoining the same team still knows that write as its own; joining another team forgets
 * them with the rest of what the workspace knew of the old one.
 */
describe.skipIf(missing)(`a push whose answer was lost, then team leave and a join, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, rawClient, cli } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', alice: 'annotator' })

  /** The desktop's pending change to its layer reaches `url`'s server, which commits it; the answer never comes back. */
  async function lostPush(d: Desktop, url: string): Promise<void> {
    const [change] = d.store.team.pending()
    // Noted before it is sent, as syncLoop's push does.
    noteLayersSent(d.store.db, [change])
    const t = await openTeam(url)
    try {
      expect(await pushChanges(t.client, t.me, [change])).toEqual([{ kind: 'applied', version: expect.any(Number) }])
    } finally {
      await t.client.end()
    }
  }
  const layerOn = async (url: string, annotator: string, documentId: string) =>
    (await (await rawClient(url)).query('SELECT version::int AS version, content FROM team_layers WHERE document_id = $1 AND annotator = $2', [documentId, annotator])).rows[0] as {
      version: number
      content: { spans: { label: string }[] }
    }
  const spanOf = (d: Desktop, annotator: string, externalId: string) =>
    d.store.spans.layer(d.store.documents.byExternalId(externalId)!.id, d.store.annotators.byName(annotator)!.id)[0].id

  /** doc-0 labelled London GPE and synced, then relabelled LOC and pushed with its answer lost: the server's copy after it. */
  const loseAnswerOfPush = async (d: Desktop, annotator: string, url: string) => {
    await sync(d)
    label(d, annotator, 'doc-0', 'London', 'GPE')
    expect(await sync(d)).toMatchObject({ pushed: 1, conflicts: [] })
    updateSpan(d.store, { id: spanOf(d, annotator, 'doc-0'), label: 'LOC' })
    await lostPush(d, url)
    return layerOn(team.adminUrl(), annotator, 'doc-0')
  }

  test('rejoining the same team: the lost write is known as its own, so the edits made since go on top of it, with no conflict', async () => {
    const alice = open('alice')
    const lost = await loseAnswerOfPush(alice, 'alice', urls.alice)
    expect((await cli(alice, ['team', 'leave'])).lines).toContain('1 change was never pushed: kept here, and pushed if this workspace syncs with that team again')
    // Out of the team, alice edits the layer again: on top of the write whose answer was lost.
    updateSpan(alice.store, { id: spanOf(alice, 'alice', 'doc-0'), label: 'FAC' })

    expect(await sync(alice)).toMatchObject({ pushed: 1, refused: [], conflicts: [] })
    expect(listConflicts(alice.store)).toEqual([])
    const now = await layerOn(team.adminUrl(), 'alice', 'doc-0')
    expect(now.version).toBe(lost.version + 1)
    expect(now.content.spans.map((s) => s.label)).toEqual(['FAC'])
  })

  test('joining another team forgets the old team\'s notes: a copy that team gave back is never pushed over the old team\'s layer on their word', async () => {
    // In team A (database team), lead's push of doc-0 commits and its answer is lost; lead leaves.
    const lead = open('lead')
    addDocuments(lead)
    const onA = await loseAnswerOfPush(lead, 'lead', urls.lead)
    expect((await cli(lead, ['team', 'leave'])).code).toBe(0)

    // Team B (database team2, same server): lead is its admin too, and on another desktop labelled doc-0 otherwise there.
    await team.server().createDatabase('team2')
    await initTeam(team.server().url('team2'))
    await addExistingMember(team.server().url('team2'), 'lead', { reviewer: false, admin: true })
    const inB = urls.lead.replace(/\/team$/, '/team2')
    const other = open('lead')
    addDocuments(other)
    await syncOnce(other.store, inB)
    label(other, 'lead', 'doc-0', 'Ada Lovelace', 'PERSON')
    expect(await syncOnce(other.store, inB)).toMatchObject({ pushed: 1, conflicts: [] })

    // lead's first sync with B: its doc-0 meets B's (a real conflict: B's copy replaces it, lead's is kept aside), and
    // the sync stops right after that batch.
    const stopped = syncOnce(lead.store, inB, {
      onStep: (s) => {
        if (s === 'changes pushed') throw new Error('stopped after the first pushed batch')
      },
    })
    await expect(stopped).rejects.toThrow(/stopped after the first pushed batch/)
    const leadsConflicts = () => listConflicts(lead.store).filter((c) => c.annotator === 'lead' && c.kind === 'conflict')
    expect(leadsConflicts()).toHaveLength(1)
    expect((await cli(lead, ['team', 'leave'])).code).toBe(0)

    // Back to A: the copy lead holds is B's, not a descendant of the write A holds, though that write's id was noted.
    const back = await sync(lead)
    expect(back.conflicts).toEqual([{ documentId: 'doc-0', annotator: 'lead' }])
    expect(await layerOn(team.adminUrl(), 'lead', 'doc-0')).toEqual(onA)
    expect(onA.content.spans.map((s) => s.label)).toEqual(['LOC'])
    // Nothing is lost: B's copy is kept aside beside A's, which lead's desktop now shows.
    expect(leadsConflicts()).toHaveLength(2)
    expect(lead.store.spans.layer(lead.store.documents.byExternalId('doc-0')!.id, lead.store.annotators.byName('lead')!.id).map((s) => s.label)).toEqual(['LOC'])
  })
})
