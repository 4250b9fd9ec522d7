import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareAndSet, mayWriteLayer, nextCursor, pullAction, refusedPushAction } from '../../../../src/shared/team/mergeRules'
import type { TeamMember } from '../../../../src/shared/team/mergeRules'

/**
 * A model of the team protocol built from the pure rules: a server (layers with
 * versions and sequence numbers, the applied change ids) and desktops (layers,
 * base versions, an outbox of one change id per dirty layer, a pull cursor).
 * Random edits, pushes that die after the server committed (the ack lost),
 * and pulls that die between batches; then every desktop syncs until quiet.
 * A desktop notes the change ids it sends until a push is answered whole, so
 * a refused push can tell its own lost write from another's.
 */
interface ServerLayer {
  version: number
  seq: number
  content: string
}
interface Desktop {
  me: TeamMember
  layers: Map<string, string>
  base: Map<string, number>
  outbox: Map<string, string>
  /** Change ids sent since the last push answered whole, by layer. */
  sent: Map<string, Set<string>>
  cursor: number
  kept: string[]
  keptKeys: string[]
}

const MEMBERS: TeamMember[] = [
  { name: 'alice', reviewer: false },
  { name: 'bob', reviewer: false },
  { name: 'rita', reviewer: true },
  { name: 'remy', reviewer: true },
]
const DOCS = ['d0', 'd1']
const ANNOTATORS = ['alice', 'bob', 'gold']

type Op =
  | { kind: 'edit'; desktop: number; doc: number; annotator: number }
  | { kind: 'push'; desktop: number; dieAfter: number }
  | { kind: 'pull'; desktop: number; batch: number; dieAfter: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), desktop: fc.nat(3), doc: fc.nat(1), annotator: fc.nat(2) }),
  fc.record({ kind: fc.constant('push' as const), desktop: fc.nat(3), dieAfter: fc.nat(4) }),
  fc.record({ kind: fc.constant('pull' as const), desktop: fc.nat(3), batch: fc.integer({ min: 1, max: 3 }), dieAfter: fc.nat(4) }),
)

function simulate(ops: Op[]) {
  const server = new Map<string, ServerLayer>()
  const applied = new Map<string, { key: string; version: number }>()
  const written: string[] = []
  let seq = 0
  let ids = 0
  let edits = 0
  const desktops: Desktop[] = MEMBERS.map((me) => ({ me, layers: new Map(), base: new Map(), outbox: new Map(), sent: new Map(), cursor: 0, kept: [], keptKeys: [] }))
  const annotatorOf = (key: string) => key.split('/')[1]

  // Nothing lost on a desktop: a local copy is replaced only once it reached the server or was kept aside.
  const replaceable = (d: Desktop, key: string) => {
    const mine = d.layers.get(key)
    expect(mine === undefined || written.includes(mine) || d.kept.includes(mine) || !mine.startsWith(`${d.me.name}#`)).toBe(true)
  }
  const takeServerCopy = (d: Desktop, key: string) => {
    replaceable(d, key)
    const s = server.get(key)
    if (s) {
      d.layers.set(key, s.content)
      d.base.set(key, s.version)
    } else {
      d.layers.delete(key)
      d.base.delete(key)
    }
    d.outbox.delete(key)
  }
  const keepAside = (d: Desktop, key: string) => {
    d.kept.push(d.layers.get(key)!)
    d.keptKeys.push(key)
    takeServerCopy(d, key)
  }

  const push = (d: Desktop, dieAfter: number | null): void => {
    let done = 0
    for (const [key, changeId] of [...d.outbox]) {
      if (!mayWriteLayer(annotatorOf(key), d.me)) {
        keepAside(d, key)
        continue
      }
      let version: number
      const seen = applied.get(changeId)
      if (seen) version = seen.version
      else {
        d.sent.set(key, (d.sent.get(key) ?? new Set()).add(changeId))
        let cas = compareAndSet(d.base.get(key) ?? null, server.get(key)?.version ?? null)
        if (cas.kind === 'conflict') {
          // The server's log says which version this desktop's unanswered pushes of the layer wrote.
          const landed = [...d.sent.get(key)!].map((id) => applied.get(id)?.version ?? null).filter((v) => v !== null)
          const serverVersion = server.get(key)?.version ?? null
          if (refusedPushAction(serverVersion, landed.length ? Math.max(...landed) : null) === 'conflict') {
            keepAside(d, key)
            continue
          }
          // Its own lost write: rebased on it, and pushed again.
          d.base.set(key, serverVersion!)
          cas = compareAndSet(serverVersion, serverVersion)
        }
        if (cas.kind !== 'write') throw new Error('a rebased change lands')
        // Nothing lost on the server: a write never replaces a version its writer had not seen.
        expect(server.get(key)?.version ?? null).toBe(d.base.get(key) ?? null)
        server.set(key, { version: cas.version, seq: ++seq, content: d.layers.get(key)! })
        applied.set(changeId, { key, version: cas.version })
        written.push(d.layers.get(key)!)
        version = cas.version
        // The server committed; the desktop dies before it hears so.
        if (dieAfter !== null && done++ === dieAfter) return
      }
      if (d.outbox.get(key) === changeId) d.outbox.delete(key)
      d.base.set(key, version)
    }
    // Every push sent was answered: the notes go (a push that died keeps them).
    d.sent.clear()
  }

  const pull = (d: Desktop, batch: number, dieAfter: number | null): void => {
    for (let n = 0; ; n++) {
      const page = [...server.entries()].filter(([, l]) => l.seq > d.cursor).sort((a, b) => a[1].seq - b[1].seq).slice(0, batch)
      if (!page.length) return
      // A batch and its cursor land together (one local transaction), or not at all.
      if (dieAfter !== null && n === dieAfter) return
      for (const [key, l] of page) {
        if (pullAction({ baseVersion: d.base.get(key) ?? null, dirty: d.outbox.has(key) }, l) !== 'apply') continue
        replaceable(d, key)
        d.layers.set(key, l.content)
        d.base.set(key, l.version)
      }
      d.cursor = nextCursor(d.cursor, page.map(([, l]) => l))
    }
  }

  for (const o of ops) {
    const d = desktops[o.desktop]
    if (o.kind === 'edit') {
      const key = `${DOCS[o.doc]}/${ANNOTATORS[o.annotator]}`
      d.layers.set(key, `${d.me.name}#${++edits}`)
      d.outbox.set(key, `c${++ids}`)
    } else if (o.kind === 'push') push(d, o.dieAfter)
    else pull(d, o.batch, o.dieAfter)
  }
  const before = desktops.map((d) => [...d.outbox.keys()].map((k) => d.layers.get(k)!))
  for (let round = 0; round < 2; round++) for (const d of desktops) (push(d, null), pull(d, 2, null))
  return { server, applied, written, desktops, before }
}

/** The protocol's promises, after random operations and a final round of syncs. */
function converges(ops: Op[]): void {
  const { server, applied, written, desktops, before } = simulate(ops)
  const serverView = new Map([...server].map(([k, l]) => [k, l.content]))
  for (const d of desktops) {
    expect(d.outbox.size).toBe(0)
    expect(new Map(d.layers)).toEqual(serverView)
  }
  // At most once: a layer's version counts exactly the change ids applied to it.
  for (const [key, l] of server) expect([...applied.values()].filter((a) => a.key === key)).toHaveLength(l.version)
  // Nothing lost: what was pending at the end reached the server or was kept aside as a conflict or refusal.
  desktops.forEach((d, i) => {
    for (const content of before[i]) expect(written.includes(content) || d.kept.includes(content)).toBe(true)
  })
  // A layer only its owner writes (not gold) is never a conflict with that owner's own earlier writes, even
  // when a push's answer was lost and the layer was edited again before the retry.
  for (const d of desktops) expect(d.keptKeys.filter((k) => k.split('/')[1] === d.me.name)).toEqual([])
  // Ownership: only an owner (or a reviewer, for gold) ever got a write in.
  for (const [key, l] of server) {
    const author = l.content.split('#')[0]
    expect(mayWriteLayer(key.split('/')[1], MEMBERS.find((m) => m.name === author)!)).toBe(true)
  }
}

// One annotator's desktop working on its own layers, its pushes dying after the server's commit, its edits going on.
const ownOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), desktop: fc.constant(0), doc: fc.nat(1), annotator: fc.constant(0) }),
  fc.record({ kind: fc.constant('push' as const), desktop: fc.constant(0), dieAfter: fc.nat(1) }),
  fc.record({ kind: fc.constant('pull' as const), desktop: fc.nat(1), batch: fc.integer({ min: 1, max: 3 }), dieAfter: fc.nat(2) }),
)

describe('team merge rules (model of push, pull and crashes)', () => {
  it('every desktop converges to the server, each change is applied at most once, and no pending edit is lost', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), converges), { numRuns: 300 })
  })

  it('a push whose answer was lost, then another edit of the layer before the retry (a rebased retry losing its answer too): never a conflict with its own write', () => {
    fc.assert(fc.property(fc.array(ownOp, { minLength: 4, maxLength: 30 }), converges), { numRuns: 100 })
  })

  it('compare-and-set writes only on the version it was made on', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(5), { nil: null }), fc.option(fc.nat(5), { nil: null }), (base, current) => {
        const r = compareAndSet(base, current)
        expect(r.kind === 'write').toBe(base === current)
        if (r.kind === 'write') expect(r.version).toBe((current ?? 0) + 1)
      }),
    )
  })

  it('a pull skips what this desktop already has and never overwrites unpushed edits', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(9), { nil: null }), fc.boolean(), fc.integer({ min: 1, max: 10 }), (base, dirty, version) => {
        const a = pullAction({ baseVersion: base, dirty }, { version })
        if (base !== null && version <= base) expect(a).toBe('skip')
        else expect(a).toBe(dirty ? 'keep-local' : 'apply')
      }),
    )
    expect(nextCursor(5, [{ seq: 3 }, { seq: 9 }, { seq: 7 }])).toBe(9)
    expect(nextCursor(5, [])).toBe(5)
  })
})
