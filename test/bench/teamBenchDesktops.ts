// A worker thread of the team bench: it holds some of the simulated desktops
// (each its own workspace file and its own PostgreSQL client, as on its own
// computer) and runs, on the main thread's word, their edits, their pushes,
// the bare INSERT of the same rows through the same client library, and their
// pulls. The desktops are spread over worker threads so that their local work
// (SQLite reads and writes) is not all charged to one thread. Two shapes: each
// sync on a connection of its own (`spanwright sync`), and each sync on the
// connection the desktop keeps (the app's automatic sync, keptTeam.ts), against
// the bare INSERT on a connection each annotator keeps likewise.
import crypto from 'node:crypto'
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import pg from 'pg'
import { createSpan, deleteSpan } from '../../src/main/services/annotate/annotationService'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import { KEPT_CHECK_MS, KEPT_IDLE_MS, KeptTeamConnection } from '../../src/main/team/keptTeam'
import { syncOnce } from '../../src/main/team/syncLoop'

export interface DesktopsData {
  dir: string
  root: string
  names: string[]
  urls: string[]
  admin: string
  documents: number
  changes: number
}
export type Command =
  | { type: 'edit'; round: number }
  | { type: 'push' }
  | { type: 'bare' }
  | { type: 'open-kept' }
  | { type: 'push-kept' }
  | { type: 'bare-kept' }
  | { type: 'close-kept' }
  | { type: 'pull' }
  | { type: 'close' }

const BARE_INSERT = 'INSERT INTO bench_bare SELECT r.d, r.a, r.content FROM jsonb_to_recordset($1::jsonb) AS r(d text, a text, content jsonb)'

/** Each annotator's rows in batches of 1,000 (as the push sends them), through its own client, all at once. */
async function bareInsert(clients: pg.Client[], rows: { d: string; a: string; content: unknown }[][]): Promise<void> {
  await Promise.all(
    rows.map(async (mine, i) => {
      for (let k = 0; k < mine.length; k += 1000) await clients[i].query(BARE_INSERT, [JSON.stringify(mine.slice(k, k + 1000))])
    }),
  )
}

/** Every span of every annotator layer, as (document, annotator, label, start, end), sorted and hashed. */
function localDigest(s: Store): string {
  const rows = s.db
    .prepare(
      `SELECT d.external_id || ' ' || a.name || ' ' || l.name || ' ' || x.start || ' ' || x."end" AS k FROM spans x
         JOIN documents d ON d.id = x.document_id JOIN annotators a ON a.id = x.annotator_id JOIN label_types l ON l.id = x.label_id
        WHERE a.name != 'gold'`,
    )
    .pluck()
    .all() as string[]
  return crypto.createHash('sha256').update(rows.sort().join('\n')).digest('hex')
}

if (parentPort) {
  const port = parentPort
  const { dir, root, names, urls, admin, documents: D, changes: C } = workerData as DesktopsData
  const desktops = names.map((n) => {
    const s = openStore(path.join(dir, `${n}.spanwright`), { rollingBackups: false })
    installSchema(s, path.join(root, 'resources/schema/news.json'))
    return s
  })
  await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i])))
  const docIds = desktops.map((s) => Array.from({ length: D }, (_, k) => s.documents.byExternalId(`d${k}`)!.id))
  let rows: { d: string; a: string; content: unknown }[][] = []
  // The app's shape: each desktop's kept connection, and a kept client per annotator for the bare INSERT.
  let kept: KeptTeamConnection[] = []
  let bareKept: pg.Client[] = []

  const run = async (m: Command): Promise<unknown> => {
    switch (m.type) {
      case 'edit': {
        const r = m.round
        // C span changes per annotator: round 0 adds a span to C layers; later rounds move one span in each of them.
        desktops.forEach((s, i) =>
          s.transaction(() => {
            for (let k = 0; k < C; k++) {
              const documentId = docIds[i][(k * 7 + i) % D]
              if (r > 0) {
                const old = s.db.prepare('SELECT x.id FROM spans x JOIN annotators a ON a.id = x.annotator_id WHERE x.document_id = ? AND a.name = ? LIMIT 1').pluck().get(documentId, names[i]) as number
                deleteSpan(s, old)
              }
              const start = (r + k) % 2 ? 35 : 0
              createSpan(s, { documentId, annotator: names[i], label: (r + k) % 2 ? 'GPE' : 'PERSON', start, end: start + ((r + k) % 2 ? 6 : 12) })
            }
          }),
        )
        // The rows the bare INSERT writes: the same layers, as the push sends them (document, annotator, layer JSON).
        rows = desktops.map((s) => s.team.pending().map((c) => ({ d: c.documentId, a: c.annotator, content: c.content })))
        return rows.reduce((n, x) => n + x.length, 0)
      }
      case 'push': {
        const pushed = await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i], { pull: false })))
        if (pushed.some((p) => p.refused.length || p.conflicts.length)) throw new Error('bench push: refusals or conflicts')
        return pushed.reduce((n, p) => n + p.pushed, 0)
      }
      case 'bare': {
        // Connecting included, as a sync connects: one client per annotator, each annotator's rows in batches of 1,000.
        const clients = await Promise.all(
          rows.map(async () => {
            const c = new pg.Client({ connectionString: admin })
            await c.connect()
            return c
          }),
        )
        await bareInsert(clients, rows)
        await Promise.all(clients.map((c) => c.end()))
        return rows.reduce((n, x) => n + x.length, 0)
      }
      case 'open-kept': {
        // A first sync opens each kept connection and pushes one change (a layer outside the measured ones), as a
        // desktop's first tick does; the bare side's kept client writes one row the same way (the table is emptied after).
        // Never logged in again during the measure (the app does so every KEPT_MAX_AGE_MS, 1 sync in 20 at 30 s).
        kept = urls.map((u) => new KeptTeamConnection(u, { idleMs: KEPT_IDLE_MS, maxAgeMs: Number.POSITIVE_INFINITY, checkMs: KEPT_CHECK_MS }))
        desktops.forEach((s, i) => createSpan(s, { documentId: docIds[i][(C * 7 + i) % D], annotator: names[i], label: 'PERSON', start: 0, end: 12 }))
        await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i], { pull: false, connection: kept[i] })))
        bareKept = await Promise.all(
          names.map(async (n) => {
            const c = new pg.Client({ connectionString: admin })
            await c.connect()
            await c.query(BARE_INSERT, [JSON.stringify([{ d: `warm-${n}`, a: n, content: {} }])])
            return c
          }),
        )
        return null
      }
      case 'push-kept': {
        const pushed = await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i], { pull: false, connection: kept[i] })))
        if (pushed.some((p) => p.refused.length || p.conflicts.length)) throw new Error('bench push: refusals or conflicts')
        return pushed.reduce((n, p) => n + p.pushed, 0)
      }
      case 'bare-kept':
        await bareInsert(bareKept, rows)
        return rows.reduce((n, x) => n + x.length, 0)
      case 'close-kept':
        await Promise.all([...kept.map((k) => k.close()), ...bareKept.map((c) => c.end())])
        kept = []
        bareKept = []
        return null
      case 'pull': {
        for (const [i, s] of desktops.entries()) await syncOnce(s, urls[i])
        return desktops.map(localDigest)
      }
      case 'close':
        for (const s of desktops) s.close()
        return null
    }
  }
  port.on('message', (m: Command) => {
    run(m).then(
      (value) => port.postMessage({ ok: true, value }),
      (e: unknown) => port.postMessage({ ok: false, error: e instanceof Error ? e.stack : String(e) }),
    )
  })
  port.postMessage({ ok: true, value: 'ready' })
}
