// Team sync against a real local PostgreSQL (started here, as the tests do).
// Part 1, the scale: N annotators, each with C span changes on D shared
// documents, push at once (each desktop its own client, all in this process).
// Each round, push time is set against a bare batched INSERT of the same rows
// (document, annotator, layer JSON) through the same client, in the same round;
// the figure is the median over ROUNDS rounds (round 1 creates the layers,
// later rounds update them). Then every desktop pulls, and each must hold
// exactly the server's spans: a digest of every (layer, label, offsets) on
// each desktop is compared with one computed from the server's rows.
// Part 2: a new desktop's first pull of a BIG-document workspace (10 spans
// each) against the local JSONL import of the same data (its own export).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createSpan, deleteSpan } from '../../src/main/services/annotate/annotationService'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import { syncOnce } from '../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../src/main/team/teamAdmin'
import { seedBigTeam } from '../helpers/bigTeam'
import { startPostgres } from '../helpers/postgresServer'
import { median, QUICK, report, round } from './benchUtil'

const N = Number(process.env.SPANWRIGHT_TEAM_N ?? (QUICK ? 5 : 50))
const C = Number(process.env.SPANWRIGHT_TEAM_C ?? (QUICK ? 100 : 1000))
const D = Number(process.env.SPANWRIGHT_TEAM_D ?? (QUICK ? 200 : 2000))
const ROUNDS = Number(process.env.SPANWRIGHT_TEAM_ROUNDS ?? 3)
const BIG = Number(process.env.SPANWRIGHT_TEAM_BIG_DOCS ?? (QUICK ? 5000 : 100_000))
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-team-'))
const text = (i: number) => `Ada Lovelace met Charles Babbage in London on day ${i}.`

function workspace(name: string): Store {
  const s = openStore(path.join(dir, `${name}.spanwright`), { rollingBackups: false })
  installSchema(s, path.join(root, 'resources/schema/news.json'))
  return s
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
async function serverDigest(c: pg.Client): Promise<string> {
  const rows = (
    await c.query<{ k: string }>(
      `SELECT l.document_id || ' ' || l.annotator || ' ' || (s ->> 'label') || ' ' || (s -> 'cells' ->> 'start') || ' ' || (s -> 'cells' ->> 'end') AS k
         FROM team_layers l, jsonb_array_elements(l.content -> 'spans') s`,
    )
  ).rows.map((r) => r.k)
  return crypto.createHash('sha256').update(rows.sort().join('\n')).digest('hex')
}

const server = await startPostgres()
try {
  // ---- Part 1: N annotators pushing at once, against the bare INSERT.
  await server.createDatabase('team')
  const admin = server.url('team')
  await initTeam(admin)
  const lead = workspace('lead')
  lead.transaction(() => {
    for (let i = 0; i < D; i++) lead.documents.insert({ externalId: `d${i}`, title: `d${i}`, text: text(i), meta: {} })
  })
  await syncOnce(lead, await addAnnotator(admin, 'lead', { reviewer: false, admin: true }))
  const names = Array.from({ length: N }, (_, i) => `a${i}`)
  const urls = await Promise.all(names.map((n) => addAnnotator(admin, n, { reviewer: false, admin: false })))
  const desktops = names.map((n) => workspace(n))
  await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i])))
  const docIds = desktops.map((s) => Array.from({ length: D }, (_, k) => s.documents.byExternalId(`d${k}`)!.id))

  const setup = new pg.Client({ connectionString: admin })
  await setup.connect()
  const rounds: { pushMs: number; bareMs: number; changes: number }[] = []
  for (let r = 0; r < ROUNDS; r++) {
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
    const rows = desktops.map((s) => s.team.pending().map((c) => ({ d: c.documentId, a: c.annotator, content: c.content })))
    const changes = rows.reduce((n, x) => n + x.length, 0)
    const push = async () => {
      const t0 = performance.now()
      const pushed = await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i], { pull: false })))
      if (pushed.some((p) => p.refused.length || p.conflicts.length)) throw new Error('bench push: refusals or conflicts')
      return performance.now() - t0
    }
    // The baseline: the same rows, each annotator's in batches of 1,000 (as the push) through its own client, concurrently.
    const bare = async () => {
      await setup.query(`DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (document_id text, annotator text, content jsonb, PRIMARY KEY (document_id, annotator))`)
      // Timed from connecting, as a sync connects: one client per annotator.
      const t0 = performance.now()
      const clients = await Promise.all(
        rows.map(async () => {
          const c = new pg.Client({ connectionString: admin })
          await c.connect()
          return c
        }),
      )
      await Promise.all(
        rows.map(async (mine, i) => {
          for (let k = 0; k < mine.length; k += 1000)
            await clients[i].query('INSERT INTO bench_bare SELECT r.d, r.a, r.content FROM jsonb_to_recordset($1::jsonb) AS r(d text, a text, content jsonb)', [
              JSON.stringify(mine.slice(k, k + 1000)),
            ])
        }),
      )
      const ms = performance.now() - t0
      await Promise.all(clients.map((c) => c.end()))
      return ms
    }
    // Alternate which goes first, so neither always meets the other's leftovers (autovacuum, checkpoints).
    let pushMs: number
    let bareMs: number
    if (r % 2) {
      bareMs = await bare()
      pushMs = await push()
    } else {
      pushMs = await push()
      bareMs = await bare()
    }
    rounds.push({ pushMs, bareMs, changes })
  }

  // Everyone pulls everything; each desktop must then hold exactly the server's spans.
  let t0 = performance.now()
  for (const [i, s] of desktops.entries()) await syncOnce(s, urls[i])
  const pullAllMs = performance.now() - t0
  const expected = await serverDigest(setup)
  const layersOnServer = Number((await setup.query<{ n: string }>('SELECT count(*) AS n FROM team_layers')).rows[0].n)
  await setup.end()
  const converged = desktops.filter((s) => localDigest(s) === expected).length
  for (const s of [lead, ...desktops]) s.close()

  // ---- Part 2: a new desktop's first pull of a BIG-document, 10-spans-each workspace, against the JSONL import of it.
  await server.createDatabase('big')
  const bigAdmin = server.url('big')
  await initTeam(bigAdmin)
  const reader = await addAnnotator(bigAdmin, 'reader', { reviewer: false, admin: false })
  t0 = performance.now()
  await seedBigTeam(bigAdmin, BIG)
  const generateMs = performance.now() - t0

  const fresh = workspace('fresh')
  t0 = performance.now()
  const first = await syncOnce(fresh, reader)
  const firstPullMs = performance.now() - t0
  const freshSpans = fresh.db.prepare('SELECT count(*) FROM spans').pluck().get() as number
  const jsonl = path.join(dir, 'big.jsonl')
  t0 = performance.now()
  await exportDataset(fresh, jsonl, { format: 'jsonl' })
  const exportMs = performance.now() - t0
  fresh.close()
  const importer = workspace('importer')
  t0 = performance.now()
  await importFiles(importer, [jsonl], { annotator: null, backup: false })
  const importMs = performance.now() - t0
  const importedSpans = importer.db.prepare('SELECT count(*) FROM spans').pluck().get() as number
  importer.close()

  const ratios = rounds.map((x) => x.bareMs / x.pushMs)
  report({
    annotators: N,
    changesEach: C,
    documents: D,
    rounds: rounds.map((x) => ({ changes: x.changes, pushMs: round(x.pushMs), bareMs: round(x.bareMs), pushVsBare: round(x.bareMs / x.pushMs, 3) })),
    pushMsMedian: round(median(rounds.map((x) => x.pushMs))),
    bareBatchedInsertMsMedian: round(median(rounds.map((x) => x.bareMs))),
    pushVsBareMedian: round(median(ratios), 3),
    pushChangesPerSecondMedian: round(median(rounds.map((x) => (x.changes / x.pushMs) * 1000))),
    layersOnServer,
    pullAllDesktopsMs: round(pullAllMs),
    converged: `${converged} of ${N}`,
    bigDocuments: BIG,
    bigSpansOnServer: BIG * 10,
    bigGenerateOnServerMs: round(generateMs),
    firstPullMs: round(firstPullMs),
    firstPullItems: first.pulled,
    firstPullSpans: freshSpans,
    jsonlExportMs: round(exportMs),
    jsonlImportMs: round(importMs),
    importedSpans,
    firstPullVsImport: round(firstPullMs / importMs, 3),
  })
} finally {
  server.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
}
