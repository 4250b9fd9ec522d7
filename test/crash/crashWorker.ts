// The child process of the crash test: runs the real store in a loop until it is
// SIGKILLed. Each line on stdout is written with fs.writeSync only after the
// operation's transaction has committed, so a line the parent sees is a promise
// that the item is on disk. Lower-case lines announce an intent before a write
// whose outcome the parent must accept either way (a delete, a batch).
//   usage: node --import tsx crashWorker.ts <db file> <seed> <cycle> (the harness runs it bundled: crashHarness.ts)
import { seeded } from '../helpers/seededRandom'
import fs from 'node:fs'
import { createRelation, createSpan, deleteSpan } from '../../src/main/services/annotate/annotationService'
import { importRecords } from '../../src/main/services/import/importRecords'
import type { SourcedRecord } from '../../src/main/services/import/readFiles'
import { openStore } from '../../src/main/store/store'
import { BASE_PREFIX, batchHash, CRASH_ANNOTATOR, relationHash, spanHash } from './crashItems'

const [file, seedArg, cycleArg] = process.argv.slice(2)
const rand = seeded(Number(seedArg))
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
const say = (line: string) => fs.writeSync(1, `${line}\n`)

const store = openStore(file, { rollingBackups: false, lockWaitMs: 10_000 })
const entityLabels = ['PERSON', 'ORG', 'GPE', 'LOC', 'DATE']
const docs = store.db
  .prepare<[string], { id: number; n: number }>("SELECT id, length(text) AS n FROM documents WHERE external_id LIKE ? || '%' ORDER BY id")
  .all(BASE_PREFIX)
const layerSpans = store.db.prepare<[number, string], { id: number }>(
  'SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id = ? AND a.name = ? ORDER BY s.id',
)

function createOneSpan(): void {
  const doc = pick(docs)
  const start = Math.floor(rand() * (doc.n - 10))
  const span = createSpan(store, {
    documentId: doc.id,
    annotator: CRASH_ANNOTATOR,
    label: pick(entityLabels),
    start,
    end: start + 1 + Math.floor(rand() * 9),
  } as Parameters<typeof createSpan>[1])
  say(`S ${span.id} ${spanHash(span)}`)
}

function createOneRelation(): void {
  const doc = pick(docs)
  const ids = layerSpans.all(doc.id, CRASH_ANNOTATOR).map((r) => r.id)
  if (ids.length < 2) return createOneSpan()
  const headId = pick(ids)
  let tailId = pick(ids)
  if (tailId === headId) tailId = ids[(ids.indexOf(headId) + 1) % ids.length]
  const rel = createRelation(store, {
    documentId: doc.id,
    annotator: CRASH_ANNOTATOR,
    label: 'PART_OF',
    headId,
    tailId,
  } as Parameters<typeof createRelation>[1])
  say(`R ${rel.id} ${relationHash(rel)} ${headId} ${tailId}`)
}

let batches = 0
function importOneBatch(): void {
  const key = `b${cycleArg}-${batches++}`
  const n = 2 + Math.floor(rand() * 5)
  const records: SourcedRecord[] = []
  for (let i = 0; i < n; i++) {
    const text = `Batch ${key} document ${i}: ${'Kerry met Michel in Brussels. '.repeat(1 + Math.floor(rand() * 20))}`
    const spans = [{ sourceId: null, label: 'PERSON', start: 0, end: 5, fragments: null, attributes: {}, note: '', norm: null }]
    records.push({
      file: 'crash.jsonl',
      line: i + 1,
      externalId: `${key}-${i}`,
      title: `${key} ${i}`,
      text,
      meta: {},
      annotator: CRASH_ANNOTATOR,
      status: null,
      spans,
      relations: [],
    } as SourcedRecord)
  }
  const hash = batchHash(records.map((r) => ({ externalId: r.externalId, text: r.text, spans: r.spans.map((s) => `${s.start}:${s.end}:${s.label}`) })))
  say(`b ${key} ${n}`)
  importRecords(store, records, { annotator: CRASH_ANNOTATOR })
  say(`B ${key} ${n} ${hash}`)
}

function deleteOne(): void {
  const ids = layerSpans.all(pick(docs).id, CRASH_ANNOTATOR).map((r) => r.id)
  if (!ids.length) return createOneSpan()
  const id = pick(ids)
  say(`d ${id}`)
  deleteSpan(store, id)
  say(`D ${id}`)
}

say('ready')
for (;;) {
  const r = rand()
  if (r < 0.4) createOneSpan()
  else if (r < 0.6) createOneRelation()
  else if (r < 0.7) importOneBatch()
  else if (r < 0.85) deleteOne()
  else {
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    say('C')
  }
}
