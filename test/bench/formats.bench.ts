// Import and export at corpus scale, each against a bare baseline in the same run:
// - import: native JSONL (100,000 documents, 1,000,000 spans; seeded) through
//   importFiles (detect, decode, validate, keep what fits the memory budget and
//   decode the rest again, the backup before writing (default on; of a fresh
//   workspace here), one transaction) vs a bare loop that reads the same file,
//   JSON.parses each line and inserts the same document and span rows (text
//   hash included: layers are matched by it) into the same schema with bare
//   better-sqlite3 statements in one transaction;
// - export: exportDataset to JSONL vs a bare loop of select + JSON.stringify + write;
// - peak RSS of an export, measured in a child process (VmHWM).
// `--quick` runs a 5,000-document corpus in seconds.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { exportDataset } from '../../src/main/services/export/exportDataset'
import { importFiles } from '../../src/main/services/import/importFiles'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { textHash } from '../../src/shared/text/textHash'
import { median, QUICK, report, round, seeded } from './benchUtil'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '../..')

/** Child mode: export the workspace and print the peak resident set size. */
if (process.argv[2] === '--child-export') {
  const [, , , db, out] = process.argv
  const store = openStore(db)
  let peak = 0
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss))
  const timer = setInterval(sample, 20)
  await exportDataset(store, out, { format: 'jsonl' }, { onProgress: sample })
  clearInterval(timer)
  sample()
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
  console.log(JSON.stringify({ peakRssBytes: peak, vmHwmBytes: hwm ? Number(hwm[1]) * 1024 : null }))
  store.close()
  process.exit(0)
}

const DOCS = QUICK ? 5_000 : 100_000
const SPANS_PER_DOC = 10
const RUNS = QUICK ? 3 : 3
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-formats-'))
const SCHEMA = path.join(root, 'resources/schema/news.json')

// --- the corpus: seeded words, ten spans a document, code point offsets
const rnd = seeded(42)
const WORDS = ['Kerry', 'met', 'Michel', 'in', 'Brussels', 'and', 'the', 'minister', 'said', 'that', 'Liège', 'talks', 'were', 'held', 'on', 'Monday', 'with', 'NATO', 'officials', '😀']
const LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'DATE', 'NORP', 'EVENT', 'FAC']
const corpus = path.join(dir, 'corpus.jsonl')
{
  const fd = fs.openSync(corpus, 'w')
  let buf = ''
  for (let d = 0; d < DOCS; d++) {
    const words: string[] = []
    for (let w = 0; w < 60; w++) words.push(WORDS[Math.floor(rnd() * WORDS.length)])
    const text = words.join(' ')
    const cps = Array.from(text)
    // Spans on word boundaries (code points), on distinct words so none repeats.
    const starts: number[] = []
    let cp = 0
    for (const w of words) {
      starts.push(cp)
      cp += Array.from(w).length + 1
    }
    const spans = []
    for (let k = 0; k < SPANS_PER_DOC; k++) {
      const wi = k * 6 + Math.floor(rnd() * 5)
      const start = starts[wi]
      const end = start + Array.from(words[wi]).length
      spans.push({ id: `T${k + 1}`, start, end, label: LABELS[Math.floor(rnd() * LABELS.length)], text: cps.slice(start, end).join('') })
    }
    buf += JSON.stringify({ id: `doc-${String(d).padStart(6, '0')}`, text, annotator: 'bench', spans, relations: [] }) + '\n'
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf)
      buf = ''
    }
  }
  fs.writeSync(fd, buf)
  fs.closeSync(fd)
}
const corpusBytes = fs.statSync(corpus).size
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

// --- import through the service
const importTimes: number[] = []
let lastDb = ''
async function importViaService(i: number): Promise<void> {
  const db = path.join(dir, `svc-${i}.spanwright`)
  const store = openStore(db)
  installSchema(store, SCHEMA)
  gc()
  const t0 = performance.now()
  const r = await importFiles(store, [corpus], { annotator: null })
  importTimes.push(performance.now() - t0)
  if (r.spansAdded !== DOCS * SPANS_PER_DOC) throw new Error(`imported ${r.spansAdded} spans, expected ${DOCS * SPANS_PER_DOC}`)
  store.close()
  if (lastDb) fs.rmSync(lastDb, { force: true })
  lastDb = db
}

// --- the bare import: read, JSON.parse, insert the same rows into the same schema
// (a fresh workspace: same tables, indexes and pragmas) with bare statements, in one transaction
const bareImportTimes: number[] = []
const bareInsertOnly: number[] = []
function importBare(i: number): void {
  const file = path.join(dir, `bare-${i}.spanwright`)
  const ws = openStore(file)
  installSchema(ws, SCHEMA)
  const db = ws.db
  const labelId = new Map(ws.labels.list().filter((l) => l.kind === 'entity').map((l) => [l.name, l.id]))
  const annotatorId = ws.annotators.ensure('bench').id
  const insDoc = db.prepare('INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const insSpan = db.prepare('INSERT INTO spans (document_id, annotator_id, label_id, start, end, attributes, note, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const now = new Date().toISOString()
  gc()
  const t0 = performance.now()
  const text = fs.readFileSync(corpus, 'utf8')
  let insertMs = 0
  db.transaction(() => {
    let pos = 0
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos)
      const line = text.slice(pos, nl < 0 ? text.length : nl)
      pos = nl < 0 ? text.length : nl + 1
      if (!line) continue
      const o = JSON.parse(line) as { id: string; text: string; spans: { id: string; start: number; end: number; label: string }[] }
      const t1 = performance.now()
      const docId = Number(insDoc.run(o.id, o.id, o.text, textHash(o.text), '{}', now).lastInsertRowid)
      for (const s of o.spans) insSpan.run(docId, annotatorId, labelId.get(s.label)!, s.start, s.end, '{}', '', s.id, now)
      insertMs += performance.now() - t1
    }
  })()
  bareImportTimes.push(performance.now() - t0)
  bareInsertOnly.push(insertMs)
  ws.close()
  fs.rmSync(file, { force: true })
}

// Service and bare runs alternate, so a change in the machine's load falls on both alike.
for (let i = 0; i < RUNS; i++) {
  await importViaService(i)
  importBare(i)
}

// --- export through the service, from the last imported workspace
const store = openStore(lastDb)
const exportTimes: number[] = []
async function exportViaService(): Promise<void> {
  gc()
  const t0 = performance.now()
  const r = await exportDataset(store, path.join(dir, 'out.jsonl'), { format: 'jsonl' })
  exportTimes.push(performance.now() - t0)
  if (r.spans !== DOCS * SPANS_PER_DOC) throw new Error(`exported ${r.spans} spans`)
}

// --- the bare export: select each document's spans, JSON.stringify, buffered write
const bareExportTimes: number[] = []
function exportBare(): void {
  gc()
  const t0 = performance.now()
  const docs = store.db.prepare<[], { id: number; external_id: string; text: string }>('SELECT id, external_id, text FROM documents ORDER BY external_id')
  const spans = store.db.prepare<[number], { id: number; start: number; end: number; label: string }>(
    'SELECT s.id, s.start, s.end, l.name AS label FROM spans s JOIN label_types l ON l.id = s.label_id WHERE s.document_id = ? ORDER BY s.start',
  )
  const fd = fs.openSync(path.join(dir, 'bare.jsonl'), 'w')
  let buf = ''
  for (const d of docs.all()) {
    buf += JSON.stringify({ id: d.external_id, text: d.text, annotator: 'bench', spans: spans.all(d.id), relations: [] }) + '\n'
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf)
      buf = ''
    }
  }
  fs.writeSync(fd, buf)
  fs.fsyncSync(fd)
  fs.closeSync(fd)
  bareExportTimes.push(performance.now() - t0)
}

for (let i = 0; i < RUNS; i++) {
  await exportViaService()
  exportBare()
}
store.close()

// --- peak RSS of an export, in a fresh process
const child = spawnSync(process.execPath, ['--import', 'tsx', here, '--child-export', lastDb, path.join(dir, 'child.jsonl')], { cwd: root, encoding: 'utf8' })
const rss = JSON.parse((child.stdout ?? '').trim().split('\n').pop() || '{}') as { peakRssBytes?: number; vmHwmBytes?: number | null }

const MiB = 1024 * 1024
const imp = median(importTimes)
const bareImp = median(bareImportTimes)
const exp = median(exportTimes)
const bareExp = median(bareExportTimes)
report({
  formats: {
    documents: DOCS,
    spans: DOCS * SPANS_PER_DOC,
    corpusMiB: round(corpusBytes / MiB, 1),
    runs: RUNS,
    import: {
      medianMs: round(imp),
      baselineMedianMs: round(bareImp),
      baselineInsertOnlyMedianMs: round(median(bareInsertOnly)),
      ratioToBaseline: round(bareImp / imp, 3),
      target: '>= 0.5',
    },
    export: { medianMs: round(exp), baselineMedianMs: round(bareExp), ratioToBaseline: round(bareExp / exp, 3), target: '>= 0.5' },
    exportPeakRssMiB: rss.vmHwmBytes ? round(rss.vmHwmBytes / MiB, 1) : rss.peakRssBytes ? round(rss.peakRssBytes / MiB, 1) : null,
    exportPeakRssSampledMiB: rss.peakRssBytes ? round(rss.peakRssBytes / MiB, 1) : null,
    exportPeakRssTargetMiB: 200,
    note: 'ratio = baseline time / service time (1 = as fast as the bare loop). The import baseline reads the file and JSON.parses each line too; baselineInsertOnly is its insert part alone. The service import includes its before-import backup (of a fresh workspace). Service and baseline runs alternate.',
  },
})
fs.rmSync(dir, { recursive: true, force: true })
