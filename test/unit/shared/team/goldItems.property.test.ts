import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { goldItemProblem, goldPushDecision, sameGoldContent } from '../../../../src/shared/team/goldItems'
import type { GoldItemContent } from '../../../../src/shared/team/goldItems'
import { nextCursor, pullAction } from '../../../../src/shared/team/mergeRules'

/**
 * A model of gold sync built from the pure rules: a server of gold items (one
 * version and sequence number each, deletions kept as tombstones, applied
 * change ids) and reviewers' desktops (items by uid, base versions, an outbox
 * of one change id per dirty item, a pull cursor, the conflicts kept aside).
 * Random edits (a new value, a value two reviewers may both choose, or a
 * deletion), pushes that die after the server committed, pulls that die
 * between batches, and resolutions (keep the server's, or take mine); then
 * every desktop resolves what is left and syncs until quiet.
 */
type Value = string | null
const span = (v: string): GoldItemContent => ({ label: v, trigger: null, cells: { start: 0, end: 1 } })
const content = (v: Value) => (v === null ? null : span(v))

interface Item {
  version: number
  seq: number
  value: Value
  /** The change id that wrote this version. */
  by: string
}
interface Kept {
  uid: string
  mine: Value
  open: boolean
}
interface Desktop {
  items: Map<string, Value>
  base: Map<string, number>
  outbox: Map<string, string>
  /** Change ids pushed and not answered yet (team_gold_sent). */
  sent: Map<string, Set<string>>
  cursor: number
  kept: Kept[]
}

const UIDS = ['u0', 'u1', 'u2', 'u3']
type Op =
  | { kind: 'edit'; desktop: number; uid: number; value: number }
  | { kind: 'push'; desktop: number; dieAfter: number }
  | { kind: 'pull'; desktop: number; batch: number; dieAfter: number }
  | { kind: 'resolve'; desktop: number; which: number; mine: boolean }

const ops = (desktops: number, crashes: boolean, uidOf?: (desktop: number, n: number) => number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), desktop: fc.nat(desktops - 1), uid: fc.nat(UIDS.length - 1), value: fc.nat(3) }),
    fc.record({ kind: fc.constant('push' as const), desktop: fc.nat(desktops - 1), dieAfter: crashes ? fc.nat(4) : fc.constant(-1) }),
    fc.record({ kind: fc.constant('pull' as const), desktop: fc.nat(desktops - 1), batch: fc.integer({ min: 1, max: 3 }), dieAfter: crashes ? fc.nat(4) : fc.constant(-1) }),
    fc.record({ kind: fc.constant('resolve' as const), desktop: fc.nat(desktops - 1), which: fc.nat(3), mine: fc.boolean() }),
  ).map((o) => (uidOf && o.kind === 'edit' ? { ...o, uid: uidOf(o.desktop, o.uid) } : o))

function simulate(list: Op[], desktopCount: number) {
  const server = new Map<string, Item>()
  const applied = new Map<string, { uid: string; version: number }>()
  const written: Value[] = []
  const conflicts: { desktop: number; uid: string }[] = []
  let seq = 0
  let ids = 0
  let edits = 0
  const desktops: Desktop[] = Array.from({ length: desktopCount }, () => ({ items: new Map(), base: new Map(), outbox: new Map(), sent: new Map(), cursor: 0, kept: [] }))

  // Nothing lost on a desktop: a local value is replaced only once it reached the server or was kept aside.
  const replaceable = (d: Desktop, uid: string) => {
    const mine = d.items.get(uid) ?? null
    expect(mine === null || mine === 'S' || written.includes(mine) || d.kept.some((k) => k.mine === mine)).toBe(true)
  }
  const takeServer = (d: Desktop, uid: string) => {
    const s = server.get(uid)
    d.items.set(uid, s?.value ?? null)
    if (s) d.base.set(uid, s.version)
    else d.base.delete(uid)
    d.outbox.delete(uid)
    d.sent.delete(uid)
  }

  const push = (i: number, dieAfter: number): void => {
    const d = desktops[i]
    let done = 0
    for (const [uid, changeId] of [...d.outbox]) {
      const mine = d.items.get(uid) ?? null
      const seen = applied.get(changeId)
      let version: number
      if (!d.sent.has(uid)) d.sent.set(uid, new Set())
      d.sent.get(uid)!.add(changeId)
      if (seen) {
        // Applied before, and another reviewer has written over it since: the server's copy is taken with the answer
        // (this desktop's cursor may be past that write already: a pull met the item while this write was unanswered).
        const s = server.get(uid)
        if (s && s.version > seen.version) {
          takeServer(d, uid)
          continue
        }
        version = seen.version
      } else {
        const s = server.get(uid) ?? null
        let decision = goldPushDecision(d.base.get(uid) ?? null, s && { version: s.version, content: content(s.value) }, content(mine))
        // The server's version is this desktop's own push whose answer was lost: the edit since is based on it.
        if (decision.kind === 'conflict' && s && d.sent.get(uid)!.has(s.by)) {
          d.base.set(uid, s.version)
          decision = goldPushDecision(s.version, { version: s.version, content: content(s.value) }, content(mine))
        }
        if (decision.kind === 'conflict') {
          // Kept aside whole; the desktop shows the server's version.
          d.kept.push({ uid, mine, open: true })
          conflicts.push({ desktop: i, uid })
          takeServer(d, uid)
          continue
        }
        if (decision.kind === 'same') version = decision.version
        else {
          // Nothing lost on the server: a write never replaces a version its writer had not seen.
          expect(s?.version ?? null).toBe(d.base.get(uid) ?? null)
          server.set(uid, { version: decision.version, seq: ++seq, value: mine, by: changeId })
          applied.set(changeId, { uid, version: decision.version })
          written.push(mine)
          version = decision.version
          if (done++ === dieAfter) return
        }
      }
      if (d.outbox.get(uid) === changeId) d.outbox.delete(uid)
      d.sent.delete(uid)
      d.base.set(uid, version)
    }
  }

  const pull = (d: Desktop, batch: number, dieAfter: number): void => {
    for (let n = 0; ; n++) {
      const page = [...server.entries()].filter(([, s]) => s.seq > d.cursor).sort((a, b) => a[1].seq - b[1].seq).slice(0, batch)
      if (!page.length) return
      if (n === dieAfter) return
      for (const [uid, s] of page) {
        if (pullAction({ baseVersion: d.base.get(uid) ?? null, dirty: d.outbox.has(uid) }, s) !== 'apply') continue
        replaceable(d, uid)
        d.items.set(uid, s.value)
        d.base.set(uid, s.version)
        d.sent.delete(uid)
      }
      d.cursor = nextCursor(d.cursor, page.map(([, s]) => s))
    }
  }

  const resolve = (d: Desktop, which: number, mine: boolean) => {
    const open = d.kept.filter((k) => k.open)
    const k = open[which % Math.max(1, open.length)]
    if (!k) return
    k.open = false
    if (!mine) return
    // Take mine: re-applied over the current item, marked on the version this desktop holds.
    d.items.set(k.uid, k.mine)
    d.outbox.set(k.uid, `c${++ids}`)
  }

  for (const o of list) {
    const d = desktops[o.desktop]
    if (o.kind === 'edit') {
      const uid = UIDS[o.uid]
      d.items.set(uid, o.value === 0 ? null : o.value === 1 ? 'S' : `d${o.desktop}#${++edits}`)
      d.outbox.set(uid, `c${++ids}`)
    } else if (o.kind === 'push') push(o.desktop, o.dieAfter)
    else if (o.kind === 'pull') pull(d, o.batch, o.dieAfter)
    else resolve(d, o.which, o.mine)
  }
  const pending = desktops.map((d) => [...d.outbox.keys()].map((uid) => d.items.get(uid) ?? null))
  // The end: everyone syncs; what comes back as a conflict is resolved by keeping the server's; until quiet.
  for (let round = 0; round < 4; round++)
    desktops.forEach((d, i) => {
      push(i, -1)
      pull(d, 2, -1)
      for (const k of d.kept) k.open = false
    })
  return { server, applied, written, desktops, pending, conflicts }
}

describe('gold item merge rules (model of per-item compare-and-set, crashes and resolutions)', () => {
  it('every desktop converges, each change is applied at most once, and no pending edit is lost', () => {
    fc.assert(
      fc.property(fc.array(ops(3, true), { maxLength: 60 }), (list) => {
        const { server, applied, written, desktops, pending } = simulate(list, 3)
        const serverView = new Map(UIDS.map((u) => [u, server.get(u)?.value ?? null]))
        for (const d of desktops) {
          expect(d.outbox.size).toBe(0)
          expect(new Map(UIDS.map((u) => [u, d.items.get(u) ?? null]))).toEqual(serverView)
        }
        for (const [uid, s] of server) expect([...applied.values()].filter((a) => a.uid === uid)).toHaveLength(s.version)
        desktops.forEach((d, i) => {
          for (const v of pending[i]) expect(v === null || v === 'S' || written.includes(v) || d.kept.some((k) => k.mine === v)).toBe(true)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('reviewers editing different items of the same document never conflict', () => {
    // Each desktop edits only its own two of the four uids, with pushes dying after the server committed.
    const own = (desktop: number, n: number) => (desktop * 2 + (n % 2)) % UIDS.length
    fc.assert(
      fc.property(fc.array(ops(2, true, own), { maxLength: 60 }), (list) => {
        const { conflicts, desktops, server } = simulate(list, 2)
        expect(conflicts).toEqual([])
        for (const d of desktops) for (const u of UIDS) expect(d.items.get(u) ?? null).toBe(server.get(u)?.value ?? null)
      }),
      { numRuns: 300 },
    )
  })

  it('a push that died after the server committed, then another edit of the same item: no conflict with its own write', () => {
    const { conflicts, server, desktops } = simulate(
      [
        { kind: 'edit', desktop: 0, uid: 0, value: 2 },
        { kind: 'push', desktop: 0, dieAfter: 0 },
        { kind: 'edit', desktop: 0, uid: 0, value: 3 },
        { kind: 'push', desktop: 0, dieAfter: -1 },
      ],
      2,
    )
    expect(conflicts).toEqual([])
    expect(server.get('u0')).toMatchObject({ version: 2, value: desktops[0].items.get('u0') })
  })

  it('compare-and-set per item: writes on the version it was made on, takes an identical server copy, else a conflict', () => {
    const value = fc.option(fc.constantFrom('A', 'B'), { nil: null })
    fc.assert(
      fc.property(fc.option(fc.nat(4), { nil: null }), fc.option(fc.record({ version: fc.integer({ min: 1, max: 5 }), value }), { nil: null }), value, (base, s, mine) => {
        const d = goldPushDecision(base, s && { version: s.version, content: content(s.value) }, content(mine))
        const serverVersion = s?.version ?? null
        if (base === serverVersion) expect(d).toEqual({ kind: 'write', version: (serverVersion ?? 0) + 1 })
        else if (s && s.value === mine) expect(d).toEqual({ kind: 'same', version: s.version })
        else expect(d).toEqual({ kind: 'conflict' })
      }),
    )
    // Key order does not make content differ (the server's jsonb reorders keys).
    expect(sameGoldContent({ label: 'X', trigger: null, cells: { start: 1, end: 2 } }, { cells: { end: 2, start: 1 }, trigger: null, label: 'X' } as GoldItemContent)).toBe(true)
  })

  it('a pulled item from a hostile client is checked before it is stored', () => {
    expect(goldItemProblem('span', null, 10)).toBeNull()
    expect(goldItemProblem('span', span('PERSON'), 10)).toBeNull()
    expect(goldItemProblem('span', { label: 'P', trigger: null, cells: { start: 3, end: 99 } }, 10)).toMatch(/3-99 is not a range of the document \(10 characters\)/)
    expect(goldItemProblem('span', { label: 'P', cells: { start: 0, end: 1 } }, 10)).toMatch(/^trigger:/)
    expect(goldItemProblem('relation', { label: 'R', head: 'a', tail: 'b', cells: {} }, 10)).toBeNull()
    expect(goldItemProblem('relation', { label: 'R', head: 'a', cells: {} }, 10)).toMatch(/^tail:/)
    expect(goldItemProblem('relation', { label: 'R', head: 'a', tail: 'b', cells: { x: {} } }, 10)).toMatch(/^cells\.x:/)
    expect(goldItemProblem('span', 'a string', 10)).toMatch(/^content:/)
  })
})
