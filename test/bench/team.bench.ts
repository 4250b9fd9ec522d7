// Team sync against a real local PostgreSQL (started here, as the tests do):
// N annotators push C span changes each, all at once, on D shared documents.
// Push throughput is set against a bare batched INSERT of the same rows
// (document, annotator, layer JSON) through the same client, same run; then
// every desktop pulls and must hold the same layers; and a new desktop's
// first pull is set against a local JSONL import of the same data.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import type { Store } from '../../src/main/store/store'
import { syncOnce } from '../../src/main/team/syncLoop'
import { addAnnotator, initTeam } from '../../src/main/team/teamAdmin'
import { startPostgres } from '../helpers/postgresServer'
import { QUICK, report, round } from './benchUtil'

const N = Number(process.env.SPANWRIGHT_TEAM_N ?? (QUICK ? 5 : 20))
const C = Number(process.env.SPANWRIGHT_TEAM_C ?? (QUICK ? 100 : 1000))
const D = Number(process.env.SPANWRIGHT_TEAM_D ?? (QUICK ? 200 : 2000))
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-team-'))
const text = (i: number) => `Ada Lovelace met Charles Babbage in London on day ${i}.`

function workspace(name: string): Store {
  const s = openStore(path.join(dir, `${name}.spanwright`), { rollingBackups: false })
  installSchema(s, path.join(root, 'resources/schema/news.json'))
  return s
}

const server = await startPostgres()
try {
  await server.createDatabase('team')
  const admin = server.url('team')
  await initTeam(admin)
  const lead = workspace('lead')
  for (let i = 0; i < D; i++) lead.documents.insert({ externalId: `d${i}`, title: `d${i}`, text: text(i), meta: {} })
  await syncOnce(lead, await addAnnotator(admin, 'lead', { reviewer: false, admin: true }))

  const names = Array.from({ length: N }, (_, i) => `a${i}`)
  const urls = await Promise.all(names.map((n) => addAnnotator(admin, n, { reviewer: false, admin: false })))
  const desktops = names.map((n) => workspace(n))
  await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i])))
  desktops.forEach((s, i) => {
    s.transaction(() => {
      for (let k = 0; k < C; k++) {
        const doc = s.documents.byExternalId(`d${(k * 7 + i) % D}`)!
        createSpan(s, { documentId: doc.id, annotator: names[i], label: k % 2 ? 'GPE' : 'PERSON', start: k % 2 ? 35 : 0, end: k % 2 ? 41 : 12 })
      }
    })
  })
  const rows = desktops.map((s) => s.team.pending().map((c) => ({ d: c.documentId, a: c.annotator, content: c.content })))

  let t0 = performance.now()
  const pushed = await Promise.all(desktops.map((s, i) => syncOnce(s, urls[i], { pull: false })))
  const pushMs = performance.now() - t0

  // Baseline: the same rows, inserted in batches of 200 by each annotator's own client, concurrently.
  const setup = new pg.Client({ connectionString: admin })
  await setup.connect()
  await setup.query('CREATE TABLE bench_bare (document_id text, annotator text, content jsonb, PRIMARY KEY (document_id, annotator))')
  await setup.end()
  t0 = performance.now()
  await Promise.all(
    rows.map(async (mine) => {
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      for (let k = 0; k < mine.length; k += 200)
        await c.query('INSERT INTO bench_bare SELECT r.d, r.a, r.content FROM jsonb_to_recordset($1::jsonb) AS r(d text, a text, content jsonb)', [
          JSON.stringify(mine.slice(k, k + 200)),
        ])
      await c.end()
    }),
  )
  const bareMs = performance.now() - t0

  // Everyone pulls; every workspace must hold every layer.
  t0 = performance.now()
  for (const [i, s] of desktops.entries()) await syncOnce(s, urls[i])
  const pullAllMs = performance.now() - t0
  const expected = pushed.reduce((n, r) => n + r.pushed, 0)
  const converged = desktops.filter((s) => (s.db.prepare('SELECT count(*) AS n FROM team_layers').get() as { n: number }).n === expected).length

  // A new desktop's first pull, against importing the same layers from JSONL locally.
  const jsonl = path.join(dir, 'all.jsonl')
  await exportDataset(desktops[0], jsonl, { format: 'jsonl' })
  const fresh = workspace('fresh')
  t0 = performance.now()
  await syncOnce(fresh, urls[0])
  const firstPullMs = performance.now() - t0
  const importer = workspace('importer')
  t0 = performance.now()
  await importFiles(importer, [jsonl], { annotator: null, backup: false })
  const importMs = performance.now() - t0

  report({
    annotators: N,
    changesEach: C,
    documents: D,
    changesPushed: expected,
    pushMs: round(pushMs),
    pushChangesPerSecond: round((expected / pushMs) * 1000),
    bareBatchedInsertMs: round(bareMs),
    bareRowsPerSecond: round((N * C / bareMs) * 1000),
    pushVsBare: round(bareMs / pushMs, 3),
    pullAllDesktopsMs: round(pullAllMs),
    converged: `${converged} of ${N}`,
    firstPullMs: round(firstPullMs),
    jsonlImportMs: round(importMs),
    firstPullVsImport: round(firstPullMs / importMs, 3),
  })
  for (const s of [lead, fresh, importer, ...desktops]) s.close()
} finally {
  server.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
}
