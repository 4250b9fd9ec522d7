import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { desktopId } from '../../../src/main/store/teamDesktopId'
import { openStore } from '../../../src/main/store/store'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { cli as cliProcess } from '../../helpers/cliRun'
import { postgresMissing } from '../../helpers/postgresServer'
import { exported, goldOf, goldSpan, label, relate, teamServerFor, teamTestKit } from './teamDesktops'

/**
 * A desktop that stopped syncing holds gold-tombstone pruning back until an
 * admin forgets it (`team prune --forget-desktop ID`, with the id and the
 * last-seen time prune prints). If that desktop syncs again after all, it
 * must not keep, push back or bring back the deleted items whose tombstones
 * were pruned meanwhile: it drops them as pulled deletions, an edit of its
 * own to one of them comes back as a conflict (kept aside), and every
 * desktop converges.
 */

const missing = postgresMissing()

describe.skipIf(missing)(`team prune --forget-desktop: a desktop that stopped syncing, against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const urls: Record<string, string> = {}
  const kit = teamTestKit(urls)
  const { open, sync, cli, rawClient } = kit
  const team = teamServerFor(kit, urls, { lead: 'admin', rita: 'reviewer', remy: 'reviewer' })
  const prune = async (url: string, ...more: string[]) => {
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    const r = await cli(lead, ['team', 'prune', '--server', url, ...more])
    return { code: r.code, lines: r.lines }
  }
  const serverGold = async () =>
    (
      await (await rawClient(team.adminUrl())).query<{ uid: string; live: boolean }>(
        "SELECT uid, content IS NOT NULL AS live FROM team_gold_items WHERE document_id = 'doc-0' AND kind IN ('span', 'relation') ORDER BY uid",
      )
    ).rows
  const desktopRows = async () => (await (await rawClient(team.adminUrl())).query<{ member: string }>('SELECT member FROM team_desktops ORDER BY member')).rows.map((r) => r.member)

  test('prune names the dead desktop with its id and last-seen time; forgetting it lets pruning go on; when it comes back it drops what was pruned, its edit of a pruned item is a conflict, and all converge', async () => {
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    const ada = label(rita, 'gold', 'doc-0', 'Ada Lovelace', 'PERSON')
    const babbage = label(rita, 'gold', 'doc-0', 'Charles Babbage', 'PERSON')
    label(rita, 'gold', 'doc-0', 'London', 'GPE')
    relate(rita, 'gold', 'doc-0', ada, babbage, 'PART_OF')
    await sync(rita)
    await sync(remy)
    await sync(lead)
    expect(goldOf(remy, 'doc-0')).toEqual(['GPE London', 'PART_OF Ada Lovelace>Charles Babbage', 'PERSON Ada Lovelace', 'PERSON Charles Babbage'])

    // Remy's desktop goes quiet, with two edits it has not sent: one of an item that will stay, one of an item rita deletes.
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-0', 'Ada Lovelace'), label: 'NORP' })
    updateSpan(remy.store, { id: goldSpan(remy, 'doc-0', 'London'), label: 'LOC' })
    deleteSpan(rita.store, goldSpan(rita, 'doc-0', 'Charles Babbage')) // its relation goes with it
    deleteSpan(rita.store, goldSpan(rita, 'doc-0', 'London'))
    expect(await sync(rita)).toMatchObject({ pushed: 3, conflicts: [] })
    await sync(lead)
    expect((await serverGold()).filter((g) => !g.live)).toHaveLength(3)

    const held = await prune(team.adminUrl())
    expect(held.code).toBe(0)
    expect(held.lines[0]).toMatch(/pruned 0 deleted gold items every one of the 3 registered desktops has pulled; 3 kept$/)
    const named = /the furthest behind: remy's desktop ([0-9a-f-]{36}) \(pulled up to \d+, last seen (\S+)\); if it will never sync again: spanwright team prune --server ADMIN_URL --forget-desktop \1$/.exec(held.lines[1])
    expect(named, held.lines[1]).not.toBeNull()
    const [, remyDesktop, seen] = named!
    expect(Number.isNaN(Date.parse(seen))).toBe(false)

    // Refusals change nothing: not an id, an id no desktop has, a member's URL.
    expect(await prune(team.adminUrl(), '--forget-desktop', 'remy')).toEqual({ code: 1, lines: [expect.stringMatching(/--forget-desktop takes a desktop id .* not "remy"/)] })
    const unknown = await prune(team.adminUrl(), '--forget-desktop', '00000000-0000-4000-8000-000000000000')
    expect(unknown.code).toBe(1)
    expect(unknown.lines.join(' ')).toMatch(/no desktop 00000000-0000-4000-8000-000000000000 is registered with the team; nothing was changed/)
    const asRita = await prune(urls.rita, '--forget-desktop', remyDesktop)
    expect(asRita.code).toBe(1)
    expect(asRita.lines.join(' ')).toMatch(/permission denied|must be owner/)
    expect(await desktopRows()).toEqual(['lead', 'remy', 'rita'])

    const forgot = await prune(team.adminUrl(), '--forget-desktop', remyDesktop)
    expect(forgot.code).toBe(0)
    expect(forgot.lines).toEqual([
      expect.stringMatching(new RegExp(`: forgot remy's desktop ${remyDesktop} \\(pulled up to \\d+, last seen ${seen.replace(/[.]/g, '\\.')}\\); if it syncs again, it first drops the deleted gold items it missed$`)),
      expect.stringMatching(/: pruned 3 deleted gold items every one of the 2 registered desktops has pulled; 0 kept$/),
      expect.stringMatching(/^ {2}change logs: dropped \d+ records? of layer writes since overwritten and [1-9]\d* of gold changes every registered desktop has pulled past; 0 kept$/),
    ])
    expect((await serverGold()).filter((g) => !g.live)).toEqual([])

    // Remy comes back: its edit of the kept span is pushed; its edit of the pruned one comes back as a conflict (kept aside);
    // the span and relation whose deletions were pruned are dropped, not kept, not pushed back.
    const back = await sync(remy)
    expect(back).toMatchObject({ pushed: 1, refused: [] })
    expect(back.conflicts).toHaveLength(1)
    expect(goldOf(remy, 'doc-0')).toEqual(['NORP Ada Lovelace'])
    expect((await cli(remy, ['team', 'conflicts', '--json'])).lines.join('\n')).toContain('"LOC"')
    expect(await serverGold()).toEqual([expect.objectContaining({ live: true })])
    expect(await desktopRows()).toEqual(['lead', 'remy', 'rita'])
    expect(await sync(remy)).toMatchObject({ pushed: 0, pulled: 0, conflicts: [] })

    for (const d of [rita, lead]) await sync(d)
    expect(goldOf(rita, 'doc-0')).toEqual(['NORP Ada Lovelace'])
    expect(await exported(remy)).toEqual(await exported(rita))
    expect(await exported(lead)).toEqual(await exported(rita))
  })

  test('a desktop forgotten (and pruned past) in the middle of its own sync stays forgotten, and its next sync drops what it missed', async () => {
    const lead = kit.desktops.find((d) => d.name === 'lead')!
    const [rita, remy] = [open('rita'), open('remy')]
    await sync(rita)
    label(rita, 'gold', 'doc-1', 'United Nations', 'ORG')
    label(rita, 'gold', 'doc-1', 'Geneva', 'GPE')
    await sync(rita)
    for (const d of [remy, lead]) await sync(d)
    expect(goldOf(remy, 'doc-1')).toEqual(['GPE Geneva', 'ORG United Nations'])
    // Two gold changes for remy to pull, one page each: a new span, then a deletion. Everyone else pulls both.
    label(rita, 'gold', 'doc-1', 'Monday', 'DATE')
    deleteSpan(rita.store, goldSpan(rita, 'doc-1', 'Geneva'))
    await sync(rita)
    for (const d of kit.desktops) if (d !== remy && d !== rita) await sync(d) // the lead's, and the first test's

    // After remy's first page, an admin forgets remy's desktop and prunes, in another process: the deletion goes
    // before remy's pull reaches it.
    const remyDesktop = desktopId(remy.store.db)
    let pruned: { code: number | null; out: string; err: string } | null = null
    await syncOnce(remy.store, urls.remy, {
      batch: 1,
      onStep: (step) => {
        if (step === 'gold pulled' && !pruned) pruned = cliProcess(['team', 'prune', '--server', team.adminUrl(), '--forget-desktop', remyDesktop])
      },
    })
    expect(pruned, 'the prune ran during the pull').not.toBeNull()
    expect(pruned!.code, pruned!.err).toBe(0)
    expect(pruned!.out).toMatch(/: pruned [1-9]\d* deleted gold items? every one of the \d+ registered desktops has pulled/)
    expect(goldOf(remy, 'doc-1'), 'the deletion was pruned before remy pulled it').toEqual(['DATE Monday', 'GPE Geneva', 'ORG United Nations'])
    // Its end-of-sync report does not register it again, so its next sync knows it may have missed deletions.
    expect(
      (await (await rawClient(team.adminUrl())).query('SELECT 1 FROM team_desktops WHERE desktop_id = $1', [remyDesktop])).rowCount,
    ).toBe(0)

    expect(await sync(remy)).toMatchObject({ pushed: 0, conflicts: [] })
    expect(goldOf(remy, 'doc-1')).toEqual(['DATE Monday', 'ORG United Nations'])
    expect(await exported(remy)).toEqual(await exported(rita))
    expect((await (await rawClient(team.adminUrl())).query('SELECT 1 FROM team_desktops WHERE desktop_id = $1', [remyDesktop])).rowCount).toBe(1)
  })

  test("a new desktop's first pull holds pruning back from its start: a deletion made while it pulls is not pruned before it has it", async () => {
    const rita = kit.desktops.find((d) => d.name === 'rita')!
    label(rita, 'gold', 'doc-2', 'Marie Curie', 'PERSON')
    label(rita, 'gold', 'doc-2', 'Paris', 'GPE')
    await sync(rita)
    for (const d of kit.desktops) if (d !== rita) await sync(d)
    const others = [rita, ...kit.desktops.filter((d) => d !== rita)] // rita's sync first: it pushes the deletion
    const newcomer = open('remy')
    // Once a pulled gold page has given the newcomer Marie Curie, rita deletes that span and every other desktop
    // pulls the deletion, then an admin prunes: all in other processes, while the newcomer's pull is under way.
    let pruneOut: string | null = null
    await syncOnce(newcomer.store, urls.remy, {
      batch: 1,
      onStep: (step) => {
        if (step !== 'gold pulled' || pruneOut !== null || !goldOf(newcomer, 'doc-2').includes('PERSON Marie Curie')) return
        deleteSpan(rita.store, goldSpan(rita, 'doc-2', 'Marie Curie'))
        for (const d of others) {
          d.store.close()
          const r = cliProcess(['sync', '--server', urls[d.name], '--db', d.file])
          if (r.code !== 0) throw new Error(r.err)
        }
        const pruned = cliProcess(['team', 'prune', '--server', team.adminUrl()])
        pruneOut = pruned.out + pruned.err
      },
    })
    for (const d of others) d.store = openStore(d.file)
    expect(pruneOut, 'the prune ran during the pull').not.toBeNull()
    // The newcomer registered before it pulled: it holds the deletion's tombstone back, and names itself as the one behind.
    expect(pruneOut).toMatch(/: pruned 0 deleted gold items every one of the \d+ registered desktops has pulled; 1 kept/)
    expect(goldOf(newcomer, 'doc-2')).toEqual(['GPE Paris'])
    expect(await exported(newcomer)).toEqual(await exported(rita))
  })

  test('a copy of a workspace (taken to another computer, or a restored backup) is a desktop of its own: a deletion pruned on the original\'s word is dropped by the copy too', async () => {
    const rita = kit.desktops.find((d) => d.name === 'rita')!
    label(rita, 'gold', 'doc-3', 'Alan Turing', 'PERSON')
    await sync(rita)
    for (const d of kit.desktops) if (d !== rita) await sync(d)
    const remy = kit.desktops.find((d) => d.name === 'remy')!
    expect(goldOf(remy, 'doc-3')).toContain('PERSON Alan Turing')
    // The copy: remy's file as it is now, opened elsewhere. A move on the same disk keeps the id.
    remy.store.db.pragma('wal_checkpoint(TRUNCATE)')
    const copyFile = path.join(fs.mkdtempSync(path.join(remy.dir, 'elsewhere-')), 'remy.spanwright')
    fs.copyFileSync(remy.file, copyFile)
    const copy = { name: 'remy', file: copyFile, dir: path.dirname(copyFile), store: openStore(copyFile) }
    kit.desktops.push(copy)
    expect(desktopId(copy.store.db)).not.toBe(desktopId(remy.store.db))
    remy.store.close()
    const moved = path.join(remy.dir, 'moved.spanwright')
    const reopened = openStore(remy.file)
    const before = desktopId(reopened.db)
    reopened.close()
    fs.renameSync(remy.file, moved)
    remy.file = moved
    remy.store = openStore(moved)
    expect(desktopId(remy.store.db)).toBe(before)

    // Rita deletes the span; every desktop but the copy pulls it; the tombstone is pruned before the copy syncs.
    deleteSpan(rita.store, goldSpan(rita, 'doc-3', 'Alan Turing'))
    await sync(rita)
    for (const d of kit.desktops) if (d !== rita && d !== copy) await sync(d)
    expect((await prune(team.adminUrl())).lines.join('\n')).toMatch(/: pruned [1-9]\d* deleted gold items?/)
    expect(await sync(copy)).toMatchObject({ pushed: 0, conflicts: [] })
    expect(goldOf(copy, 'doc-3')).not.toContain('PERSON Alan Turing')
    expect(await exported(copy)).toEqual(await exported(rita))
  })
})
