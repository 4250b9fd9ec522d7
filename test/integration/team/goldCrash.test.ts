import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { deleteSpan, updateSpan } from '../../../src/main/services/annotate/annotationService'
import { listConflicts, resolveConflict } from '../../../src/main/services/team/conflictService'
import { GoldItemStore } from '../../../src/main/store/goldItemStore'
import { syncOnce } from '../../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../../src/main/team/teamAdmin'
import { postgresMissing, startPostgres } from '../../helpers/postgresServer'
import type { PostgresServer } from '../../helpers/postgresServer'
import { seeded } from '../../helpers/seededRandom'
import { addDocuments, desktop, exported, label, TEXTS } from './teamDesktops'
import type { Desktop } from './teamDesktops'

const missing = postgresMissing()
const ROUNDS = Number(process.env.SPANWRIGHT_GOLD_ROUNDS ?? 12)
const WORDS = TEXTS.map((t) => t.replace(/[.,]/g, '').split(' ').filter((w) => /^[A-Z]/.test(w)))
const LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP']

class Stopped extends Error {}

/**
 * The export, with each layer's spans in a canonical order: spans on the same
 * offsets are ordered by local id, which differs between desktops.
 */
async function canonicalExport(d: Desktop): Promise<string[]> {
  return (await exported(d)).map((line) => {
    const l = JSON.parse(line) as { spans: { id: string; start: number; end: number; label: string }[]; relations: { head: string; tail: string; label: string }[] }
    const key = new Map(l.spans.map((s) => [s.id, `${s.start}-${s.end}:${s.label}`]))
    return JSON.stringify({
      ...l,
      spans: l.spans.map((s) => key.get(s.id)).sort(),
      relations: l.relations.map((r) => `${key.get(r.head)}>${key.get(r.tail)}:${r.label}`).sort(),
    })
  }).sort()
}

describe.skipIf(missing)(`gold sync stopped after any step resumes against a real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: PostgresServer
  const urls: Record<string, string> = {}
  const desktops: Desktop[] = []
  beforeAll(async () => {
    server = await startPostgres()
    await server.createDatabase('team')
    await initTeam(server.url('team'))
    urls.lead = await addAnnotator(server.url('team'), 'lead', { reviewer: false, admin: true })
    for (const n of ['rita', 'remy']) urls[n] = await addAnnotator(server.url('team'), n, { reviewer: true, admin: false })
    const lead = desktop('lead')
    desktops.push(lead)
    addDocuments(lead)
    await syncOnce(lead.store, urls.lead)
  })
  afterAll(() => {
    for (const d of desktops) d.store.close()
    server?.destroy()
  })

  test(`${ROUNDS} rounds of edits by two reviewers, each sync stopped after a random step: they converge, with no duplicate and no gap`, async () => {
    const random = seeded(14)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
    const [rita, remy] = ['rita', 'remy'].map((n) => {
      const d = desktop(n)
      desktops.push(d)
      return d
    })
    // Small batches, so a sync has many steps to be stopped after.
    const sync = (d: Desktop, stopAfter = Infinity) => {
      let steps = 0
      return syncOnce(d.store, urls[d.name], {
        batch: 2,
        pushBatch: 2,
        onStep: () => {
          if (++steps > stopAfter) throw new Stopped()
        },
      })
    }
    for (const d of [rita, remy]) await sync(d)
    const goldSpans = (d: Desktop) => d.store.db.prepare("SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'gold'").all() as { id: number }[]
    let stopped = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const d of [rita, remy]) {
        for (let e = 0; e < 3; e++) {
          const existing = goldSpans(d)
          const r = random()
          try {
            if (r < 0.5 || !existing.length) {
              const doc = Math.floor(random() * TEXTS.length)
              label(d, 'gold', `doc-${doc}`, pick(WORDS[doc]), pick(LABELS))
            } else if (r < 0.8) updateSpan(d.store, { id: pick(existing).id, label: pick(LABELS) })
            else deleteSpan(d.store, pick(existing).id)
          } catch (err) {
            // The same label twice on the same words is refused by the editor's rules; that edit is simply not made.
            if (!/already|same/i.test((err as Error).message)) throw err
          }
        }
        await sync(d, Math.floor(random() * 8)).catch((err: unknown) => {
          if (!(err instanceof Stopped)) throw err
          stopped++
        })
        // Now and then resolve a kept-aside copy one way or the other.
        const open = listConflicts(d.store)
        if (open.length && random() < 0.5) resolveConflict(d.store, { id: open[0].id, keep: random() < 0.5 ? 'server' : 'mine' })
      }
    }
    expect(stopped).toBeGreaterThan(0)

    // Settle: sync until quiet, resolving what is left by keeping the server's versions.
    for (let i = 0; i < 4; i++)
      for (const d of [rita, remy]) {
        await sync(d)
        for (const c of listConflicts(d.store)) resolveConflict(d.store, { id: c.id, keep: 'server' })
      }
    for (const d of [rita, remy]) expect(await sync(d)).toEqual({ pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] })
    expect(await canonicalExport(remy)).toEqual(await canonicalExport(rita))
    // A new desktop's first pull gives the same.
    const fresh = desktop('remy')
    desktops.push(fresh)
    await syncOnce(fresh.store, urls.remy)
    expect(await canonicalExport(fresh)).toEqual(await canonicalExport(rita))

    for (const d of [rita, remy, fresh]) {
      expect(new GoldItemStore(d.store.db).pendingCount()).toBe(0)
      // No duplicate: one local row per gold item.
      expect(d.store.db.prepare('SELECT document_id, uid FROM spans WHERE uid IS NOT NULL GROUP BY document_id, uid HAVING count(*) > 1').all()).toEqual([])
    }
    const raw = new pg.Client({ connectionString: urls.lead })
    await raw.connect()
    try {
      // No gap and nothing twice: every item's version counts exactly the change ids applied to it.
      const mismatched = await raw.query(
        `SELECT g.document_id, g.uid, g.version, (SELECT count(*) FROM team_gold_changes c WHERE c.document_id = g.document_id AND c.uid = g.uid) AS changes
           FROM team_gold_items g WHERE g.version <> (SELECT count(*) FROM team_gold_changes c WHERE c.document_id = g.document_id AND c.uid = g.uid)`,
      )
      expect(mismatched.rows).toEqual([])
      const live = Number((await raw.query<{ n: string }>("SELECT count(*) AS n FROM team_gold_items WHERE content IS NOT NULL AND kind <> 'status'")).rows[0].n)
      expect(live).toBe(goldSpans(rita).length + (rita.store.db.prepare("SELECT count(*) AS n FROM relations WHERE uid IS NOT NULL").get() as { n: number }).n)
      expect(live).toBeGreaterThan(0)
    } finally {
      await raw.end()
    }
  })
})
