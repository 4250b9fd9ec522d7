// Undo/redo on a big layer (10k spans, 2k relations, every one recorded in
// the history), through the real services: what recording costs per edit
// (createSpan with its history entry vs the bare repository insert, same
// store, same run), and what one undo and one redo take.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRelation, createSpan } from '../../src/main/services/annotate/annotationService'
import { redo, undo } from '../../src/main/services/annotate/historyService'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { median, percentile, QUICK, report, round, timeRuns } from './benchUtil'

const SPANS = QUICK ? 1000 : 10_000
const RELATIONS = SPANS / 5
const RUNS = QUICK ? 50 : 300
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-'))
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const text = 'Kerry met Michel in Brussels. '.repeat(SPANS / 2 + 10)

const store = openStore(path.join(dir, 'history.spanwright'))
installSchema(store, path.join(root, 'resources/schema/news.json'))
const documentId = store.documents.insert({ externalId: 'b', title: 'b', text, meta: {} })
const ref = { documentId, annotator: 'bench' }
const ids: number[] = []
store.transaction(() => {
  for (let i = 0; i < SPANS; i++) ids.push(createSpan(store, { documentId, annotator: 'bench', label: 'PERSON', start: i * 15, end: i * 15 + 5 }).id)
  for (let i = 0; i < RELATIONS; i++) createRelation(store, { documentId, annotator: 'bench', label: 'PART_OF', headId: ids[i * 5], tailId: ids[i * 5 + 1] })
})

let at = SPANS * 15
const withHistory = timeRuns(RUNS, () => {
  createSpan(store, { documentId, annotator: 'bench', label: 'PERSON', start: at % (text.length - 10), end: (at % (text.length - 10)) + 4 })
  at += 7
})
// Baseline: the repository insert alone, in its own transaction, same store and rows.
const annotatorId = store.annotators.byName('bench')!.id
const labelId = store.labels.byName('entity', 'PERSON')!.id
const bare = timeRuns(RUNS, () => {
  store.transaction(() => store.spans.insert({ documentId, annotatorId, labelId, start: at % (text.length - 10), end: (at % (text.length - 10)) + 4 }))
  at += 7
})
const undos = timeRuns(RUNS, () => undo(store, ref))
const redos = timeRuns(RUNS, () => redo(store, ref))

report({
  history: {
    layerSpans: SPANS,
    layerRelations: RELATIONS,
    runs: RUNS,
    createSpanWithHistoryMedianMs: round(median(withHistory), 3),
    baselineBareInsertMedianMs: round(median(bare), 3),
    recordingOverheadRatio: round(median(withHistory) / median(bare), 2),
    undoMedianMs: round(median(undos), 3),
    undoP95Ms: round(percentile(undos, 95), 3),
    redoMedianMs: round(median(redos), 3),
    redoP95Ms: round(percentile(redos, 95), 3),
    note: 'undo/redo include reading back the changed items for the repaint (the API answer)',
  },
})
store.close()
fs.rmSync(dir, { recursive: true, force: true })
