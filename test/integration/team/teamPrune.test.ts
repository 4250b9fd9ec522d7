import { describe, expect, test } from 'vitest'
import { main } from '../../../src/main/cli/main'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { postgresMissing } from '../../helpers/postgresServer'
import { addDocuments, exported, goldOf, goldSpan, label, teamServerFor, teamTestKit } from './teamDesktops'

const missing = postgresMissing()

describe.skipIf(missing)(`team prune: tombstones every registered desktop has pulled, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { desktops, open, sync, rawClient } = kit
  const prune = async (url: string) => {
    const lines: string[] = []
    const code = await main(['team', 'prune', '--server', url], { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) })
    return { code, lines }
  }
  const tombstones = async () =>
    (await (await rawClient(team.adminUrl())).query("SELECT uid FROM team_gold_items WHERE content IS NULL AND kind <> 'status' ORDER BY uid")).rows.map((r) => r.uid as string)

  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', remy: 'reviewer' }, { documents: false })

  test('a tombstone goes only once every registered desktop has pulled it; desktops that join later and a further edit are unaffected; a member cannot prune', async () => {
    const nobody = await prune(team.adminUrl())
    expect(nobody).toEqual({ code: 0, lines: [expect.stringMatching(/no desktop has reported what it pulled yet .*; nothing pruned$/)] })
    const lead = open('lead')
    addDocuments(lead)
    await sync(lead)
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    await sync(rita)
    await sync(remy)
    deleteSpan(rita.store, goldSpan(rita, 'doc-0', 'London'))
    await sync(rita)
    const [gone] = await tombstones()
    expect(gone).toBeDefined()

    // Remy (and the lead's desktop) have not pulled the deletion yet: it stays.
    const early = await prune(team.adminUrl())
    expect(early.code).toBe(0)
    expect(early.lines[0]).toMatch(/pruned 0 deleted gold items every one of the 3 registered desktops has pulled; 1 kept$/)
    expect(early.lines[1]).toMatch(/the furthest behind: (lead|remy)'s desktop/)
    expect(await tombstones()).toEqual([gone])

    await sync(remy)
    await sync(lead)
    expect(goldOf(remy, 'doc-0')).toEqual(['PERSON Ada Lovelace'])
    // A member (not the tables' owner) cannot delete gold items.
    const asRita = await prune(urls.rita)
    expect(asRita.code).toBe(1)
    expect(asRita.lines.join(' ')).toMatch(/permission denied|must be owner/)
    expect(await tombstones()).toEqual([gone])
    expect(await prune(team.adminUrl())).toEqual({
      code: 0,
      lines: [
        expect.stringMatching(/pruned 1 deleted gold item every one of the 3 registered desktops has pulled; 0 kept$/),
        expect.stringMatching(/^ {2}change logs: dropped \d+ records? of layer writes since overwritten and [1-9]\d* of gold changes every registered desktop has pulled past; 0 kept$/),
      ],
    })
    expect(await tombstones()).toEqual([])

    // A desktop that joins now gets the same gold; edits go on as before.
    const rosa = open('remy')
    await sync(rosa)
    expect(goldOf(rosa, 'doc-0')).toEqual(['PERSON Ada Lovelace'])
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-0', 'Ada Lovelace'), label: 'NORP' })
    expect(await sync(remy)).toMatchObject({ pushed: 1, conflicts: [] })
    for (const d of [rita, rosa]) await sync(d)
    expect(await exported(rita)).toEqual(await exported(remy))
    expect(await exported(rosa)).toEqual(await exported(remy))
  })
})
