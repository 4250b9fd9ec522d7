import { describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { listConflicts } from '../../../src/main/services/team/conflictService'
import { updateSpan } from '../../../src/main/services/annotate/annotationService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { desktopId } from '../../../src/main/store/teamDesktopId'
import { pushGoldItems } from '../../../src/main/team/serverGold'
import { openTeam } from '../../../src/main/team/teamClient'
import { postgresMissing } from '../../helpers/postgresServer'
import type { Desktop } from './teamDesktops'
import { goldOf, goldSpan, label, teamServerFor, teamTestKit } from './teamDesktops'

/**
 * Desktops the server no longer lists: one an admin forgot while a push of it had no answer yet, and one a restored
 * backup replaced (its new id retires the old one, so it does not hold pruning back).
 */

const missing = postgresMissing()

describe.skipIf(missing)(`forgotten and replaced desktops, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', vera: 'reviewer', alice: 'annotator' })
  const run = async (...argv: string[]) => {
    const lines: string[] = []
    const code = await main(argv, { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) })
    return { code, lines }
  }
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

  test('a forgotten desktop whose gold push lost its answer, pruned meanwhile, retries it as its own write when the server holds what it wrote, and as a conflict when not', async () => {
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
    for (const d of kit.desktops) if (d !== rita) await sync(d)
    expect(goldOf(vera, 'doc-0')).toEqual(['GPE London', 'NORP Ada Lovelace'])
    expect(goldOf(rita, 'doc-0')).toEqual(['FAC London', 'ORG Ada Lovelace'])
    const forgot = await prune('--forget-desktop', desktopId(rita.store.db))
    expect(forgot.code).toBe(0)
    expect(forgot.lines.at(-1)).toMatch(/ of gold changes every registered desktop has pulled past; 0 kept$/)

    // Her retry: where the server holds what her lost push wrote (Ada Lovelace), her later edit goes on top of it, no
    // conflict. Where it holds vera's later write instead (London), it is a conflict, her copy kept aside.
    const back = await sync(rita)
    expect(back).toMatchObject({ pushed: 1, refused: [] })
    expect(back.conflicts).toEqual([expect.objectContaining({ documentId: 'doc-0', annotator: 'gold' })])
    expect(listConflicts(rita.store).map((c) => JSON.stringify(c.mine))).toEqual([expect.stringContaining('FAC')])
    for (const d of [vera, alice]) await sync(d)
    for (const d of [rita, vera, alice]) expect(goldOf(d, 'doc-0')).toEqual(['GPE London', 'ORG Ada Lovelace'])
  })
})
