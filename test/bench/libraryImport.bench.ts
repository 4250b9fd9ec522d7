// Import throughput with the library's search index (issue 12 §3: >= 0.5 of the
// bare loop). 20,000 news documents of ~60 words with 10 spans each (--quick:
// 5,000; 1 in 20 is a shorter Japanese document, with the spans that fit), imported by importFiles from JSONL:
//   service: the real schema (search index and span counts filled once at the
//     end of the import's transaction, store/deferredIndexing.ts);
//   per-row (before): the same service with the search index and span counts
//     kept by the triggers one row at a time, as before deferred indexing;
//   service without the index: the same with the search index dropped;
//   bare loop: read, JSON.parse and insert the same rows with bare statements in
//     one transaction, into the same schema with the search index and the span
//     count triggers dropped (nothing derived is maintained; the gold uid
//     triggers stay: they are part of every write);
//   bare, no triggers: the same bare loop with every trigger on the written
//     tables dropped: the strictest floor (the target is quoted against it);
//   service without the unspaced index: the service with migration 22's index
//     (scripts without spaces, emoji) dropped: that index's own cost, same rounds;
//   service in a team: the service into a workspace that has joined a team
//     (migrations 14, 16), whose writes mark the team outbox: what every
//     workspace paid before migration 14, and what a team member still pays.
// The workspaces of the other variants are in no team: since migration 16 they
// have no team outbox triggers at all (the bare loop's included).
// Runs alternate (service, service without index, bare), so a change in the
// machine's load falls on all three; the ratio is quoted as the median of the
// per-round ratios and as the ratio of the medians. On a shared, loaded machine
// wall time swings 4x between rounds, so each run's CPU time (user + system of
// this process) is reported too: it is what the import costs, whatever the load.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { importFiles } from '../../src/main/services/import/importFiles'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { joinTeam } from '../../src/main/store/teamMembership'
import { textHash } from '../../src/shared/text/textHash'
import { median, QUICK, report, round, seeded } from './benchUtil'
import { documentText } from './libraryCorpus'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const IMPORT_DOCS = QUICK ? 5_000 : 20_000
const RUNS = QUICK ? 5 : 7
const log = (s: string) => process.stderr.write(`[libraryImport] ${s}\n`)

/** Wall and CPU milliseconds of one run. */
interface Run {
  wall: number
  cpu: number
}
const cpuNow = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const startClock = () => {
  const wall = performance.now()
  const cpu = cpuNow()
  return (): Run => ({ wall: performance.now() - wall, cpu: cpuNow() - cpu })
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-libimport-'))
process.env.SPANWRIGHT_HOME ??= dir // clean-close records of the throwaway workspaces stay in the temp folder
const SCHEMA = path.join(ROOT, 'resources', 'schema', 'news.json')
const jsonl = path.join(dir, 'news.jsonl')
let spanTotal = 0
{
  const rand = seeded(7)
  const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`)
  const lines: string[] = []
  for (let i = 0; i < IMPORT_DOCS; i++) {
    const { text } = documentText(i, rand, vocab)
    // A Japanese document (1 in 20) is shorter: only the spans that fit it.
    const spans = Array.from({ length: 10 }, (_, s) => ({ id: `T${s}`, start: 10 + s * 12, end: 14 + s * 12, label: s % 2 ? 'ORG' : 'PERSON' })).filter(
      (s) => s.end <= [...text].length,
    )
    spanTotal += spans.length
    lines.push(JSON.stringify({ id: `imp-${i}`, text, annotator: 'bench', spans }))
  }
  fs.writeFileSync(jsonl, lines.join('\n') + '\n')
}
const DROP_FTS = 'DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete; DROP TRIGGER documents_fts_update; DROP TABLE documents_fts;'
/** The index of scripts written without spaces (migration 22): a derived index too. */
const DROP_UNSPACED = 'DROP TRIGGER documents_unspaced_insert; DROP TRIGGER documents_unspaced_delete; DROP TRIGGER documents_unspaced_update; DROP TABLE documents_unspaced;'
const DROP_COUNTS = 'DROP TRIGGER layer_span_counts_insert; DROP TRIGGER layer_span_counts_delete; DROP TRIGGER layer_span_counts_move;'

/** Refuses the import's marker row: the triggers then index each document as it is written (the way before). */
const PER_ROW = 'CREATE TRIGGER bench_per_row BEFORE INSERT ON deferred_indexing BEGIN SELECT RAISE(IGNORE); END;'

async function importService(withFts: boolean, i: number, perRow = false, inTeam = false, withUnspaced = withFts): Promise<Run> {
  const file = path.join(dir, `svc-${withFts}-${perRow}-${inTeam}-${withUnspaced}-${i}.spanwright`)
  const store = openStore(file, { rollingBackups: false })
  installSchema(store, SCHEMA)
  if (inTeam) joinTeam(store.db)
  if (perRow) store.db.exec(PER_ROW)
  if (!withFts) {
    // The deferred fill writes into the index: without it, a stand-in table takes those rows.
    store.db.exec(`${DROP_FTS} CREATE TABLE documents_fts (external_id, title, text);`)
  }
  if (!withUnspaced) store.db.exec(`${DROP_UNSPACED} CREATE TABLE documents_unspaced (grams);`)
  const stop = startClock()
  const r = await importFiles(store, [jsonl], { annotator: null })
  const ms = stop()
  if (r.documentsAdded !== IMPORT_DOCS) throw new Error(`imported ${r.documentsAdded} documents, expected ${IMPORT_DOCS}`)
  if (withFts) {
    const found = store.db.prepare("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'imp'").pluck().get() as number
    if (found !== IMPORT_DOCS) throw new Error(`search finds ${found} of ${IMPORT_DOCS} imported documents`)
  }
  store.close()
  fs.rmSync(file, { force: true })
  return ms
}

function importBare(i: number, noTriggers = false): Run {
  const file = path.join(dir, `bare-${noTriggers}-${i}.spanwright`)
  const store = openStore(file, { rollingBackups: false })
  installSchema(store, SCHEMA)
  store.db.exec(DROP_FTS + DROP_UNSPACED + DROP_COUNTS)
  const db = store.db
  if (noTriggers) {
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('documents', 'spans')").pluck().all() as string[]
    for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`)
  }
  const labels = new Map(store.labels.list().map((l) => [l.name, l.id]))
  const annotator = store.annotators.ensure('bench').id
  const insDoc = db.prepare("INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, ?, '{}', ?)")
  const insSpan = db.prepare("INSERT INTO spans (document_id, annotator_id, label_id, start, end, attributes, note, source_id, created_at) VALUES (?, ?, ?, ?, ?, '{}', '', ?, ?)")
  const now = new Date().toISOString()
  const stop = startClock()
  const text = fs.readFileSync(jsonl, 'utf8')
  db.transaction(() => {
    for (const line of text.split('\n')) {
      if (!line) continue
      const o = JSON.parse(line) as { id: string; text: string; spans: { id: string; start: number; end: number; label: string }[] }
      const id = Number(insDoc.run(o.id, o.id, o.text, textHash(o.text), now).lastInsertRowid)
      for (const s of o.spans) insSpan.run(id, annotator, labels.get(s.label)!, s.start, s.end, s.id, now)
    }
  })()
  const ms = stop()
  store.close()
  fs.rmSync(file, { force: true })
  return ms
}

const withFts: Run[] = []
const perRowFts: Run[] = []
const withoutFts: Run[] = []
const bare: Run[] = []
const bareNoTriggers: Run[] = []
const inTeam: Run[] = []
const withoutUnspaced: Run[] = []
await importService(true, -1) // warm-up: module loading and the page cache
for (let i = 0; i < RUNS; i++) {
  withFts.push(await importService(true, i))
  perRowFts.push(await importService(true, i, true))
  withoutFts.push(await importService(false, i))
  bare.push(importBare(i))
  bareNoTriggers.push(importBare(i, true))
  inTeam.push(await importService(true, i, false, true))
  withoutUnspaced.push(await importService(true, i, false, false, false))
  const f = (r: Run) => `${Math.round(r.wall)}/${Math.round(r.cpu)}`
  log(
    `round ${i + 1}/${RUNS} (wall/cpu ms): service ${f(withFts[i])}, per-row ${f(perRowFts[i])}, without index ${f(withoutFts[i])}, ` +
      `bare ${f(bare[i])}, bare without triggers ${f(bareNoTriggers[i])}, service in a team ${f(inTeam[i])}, ` +
      `service without the unspaced index ${f(withoutUnspaced[i])}`,
  )
}
fs.rmSync(dir, { recursive: true, force: true })

/** Medians of one clock, and the ratio to the bare loop: median of the per-round ratios, and of the medians. */
function figures(clock: keyof Run) {
  const m = (runs: Run[]) => round(median(runs.map((r) => r[clock])))
  const ratio = (runs: Run[], base = bare) => ({
    medianOfRounds: round(median(runs.map((r, i) => base[i][clock] / r[clock])), 3),
    ofMedians: round(median(base.map((r) => r[clock])) / median(runs.map((r) => r[clock])), 3),
    rounds: runs.map((r, i) => round(base[i][clock] / r[clock], 3)),
  })
  return {
    serviceMedianMs: m(withFts),
    perRowBeforeMedianMs: m(perRowFts),
    withoutFtsMedianMs: m(withoutFts),
    bareLoopMedianMs: m(bare),
    ratioToBareLoop: ratio(withFts),
    perRowBeforeRatioToBareLoop: ratio(perRowFts),
    withoutFtsRatioToBareLoop: ratio(withoutFts),
    bareNoTriggersMedianMs: m(bareNoTriggers),
    ratioToBareLoopWithoutTriggers: ratio(withFts, bareNoTriggers),
    perRowBeforeRatioToBareLoopWithoutTriggers: ratio(perRowFts, bareNoTriggers),
    inTeamMedianMs: m(inTeam),
    inTeamRatioToBareLoopWithoutTriggers: ratio(inTeam, bareNoTriggers),
    withoutUnspacedMedianMs: m(withoutUnspaced),
    withoutUnspacedRatioToBareLoop: ratio(withoutUnspaced),
    /** The service against itself without the index of unspaced scripts (migration 22): its cost, same rounds. */
    serviceRatioToWithoutUnspaced: ratio(withFts, withoutUnspaced),
  }
}

report({
  importThroughput: {
    documents: IMPORT_DOCS,
    spans: spanTotal,
    japaneseDocuments: IMPORT_DOCS / 20,
    runs: RUNS,
    wall: figures('wall'),
    cpu: figures('cpu'),
    loadAverage: os.loadavg().map((x) => round(x, 1)),
    target: '>= 0.5 of the bare loop',
  },
})
