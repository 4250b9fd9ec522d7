// Span writes through the real service (validation, label lookup, status
// update, its own transaction per span, as the editor does) against a bare
// better-sqlite3 loop inserting the same rows, in the same run.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSpan } from '../../src/main/services/annotate/annotationService'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { median, QUICK, report, round, timeRuns } from './benchUtil'

const N = QUICK ? 200 : 2000
const RUNS = QUICK ? 3 : 7
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-'))
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const text = 'Kerry met Michel in Brussels. '.repeat(200)

const store = openStore(path.join(dir, 'svc.spanwright'))
installSchema(store, path.join(root, 'resources/schema/news.json'))
const docId = store.documents.insert({ externalId: 'b', title: 'b', text, meta: {} })
const service = timeRuns(RUNS, () => {
  for (let i = 0; i < N; i++) createSpan(store, { documentId: docId, annotator: 'bench', label: 'PERSON', start: (i * 30) % 5970, end: ((i * 30) % 5970) + 5 })
})

// Baseline: the same rows, one synchronous=FULL transaction per row, bare statements.
const bare = new Database(path.join(dir, 'bare.sqlite'))
bare.pragma('journal_mode = WAL')
bare.pragma('synchronous = FULL')
bare.exec('CREATE TABLE spans (id INTEGER PRIMARY KEY, document_id INT, annotator_id INT, label_id INT, start INT, end INT, created_at TEXT)')
const ins = bare.prepare('INSERT INTO spans (document_id, annotator_id, label_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?)')
const one = bare.transaction((i: number) => ins.run(1, 1, 1, (i * 30) % 5970, ((i * 30) % 5970) + 5, new Date().toISOString()))
const baseline = timeRuns(RUNS, () => {
  for (let i = 0; i < N; i++) one(i)
})

const perSpanService = median(service) / N
const perSpanBare = median(baseline) / N
report({
  spanCreate: {
    spans: N,
    runs: RUNS,
    medianMsPerSpan: round(perSpanService, 4),
    baselineMedianMsPerSpan: round(perSpanBare, 4),
    ratioToBaseline: round(perSpanBare / perSpanService, 3),
    note: 'ratio = bare loop speed / service speed as a fraction (1 = as fast as the bare loop)',
  },
})
store.close()
bare.close()
fs.rmSync(dir, { recursive: true, force: true })
