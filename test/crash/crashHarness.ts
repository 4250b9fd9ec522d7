import { spawn } from 'node:child_process'
import { bundledScript } from '../helpers/bundledScript'
import { seeded } from '../helpers/seededRandom'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { BASE_PREFIX, batchHash, CRASH_ANNOTATOR, spanHash, relationHash } from './crashItems'
import type { BatchDoc } from './crashItems'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const WORKER = path.join(ROOT, 'test', 'crash', 'crashWorker.ts')
/**
 * The child's program: crashWorker.ts and the sources it imports, bundled once by esbuild (what tsx compiles with;
 * helpers/bundledScript.ts) and run by plain node, which starts it in about a third of the CPU tsx's loader takes.
 * The kill moment is counted from the child's `ready`, so a faster start does not move it.
 */
let workerBundle: string | null = null
const workerScript = () => (workerBundle ??= bundledScript(`import ${JSON.stringify(WORKER)}`))

export interface CrashReport {
  cycles: number
  seed: number
  itemsAcknowledged: number
  acknowledged: { spans: number; relations: number; batches: number; deletes: number; checkpoints: number }
  lost: number
  integrityFailures: number
  foreignKeyViolations: number
  partialBatches: number
  /** Writes that committed just before the kill but were never acknowledged (allowed). */
  unacknowledgedButPresent: number
  durationMs: number
  problems: string[]
}

/** What the parent knows is on disk: every acknowledged item, minus acknowledged deletes. */
interface Model {
  spans: Map<number, string>
  relations: Map<number, { hash: string; head: number; tail: number }>
  /** Acknowledged deletes: span id -> the deleted span's hash (an id alone may be reused). */
  deleted: Map<number, string>
  pendingDeletes: Set<number>
  batches: Map<string, { n: number; hash: string | null }>
}

function forgetSpan(m: Model, id: number): void {
  const hash = m.spans.get(id)
  m.spans.delete(id)
  if (hash !== undefined) m.deleted.set(id, hash)
  for (const [rid, r] of m.relations) if (r.head === id || r.tail === id) m.relations.delete(rid)
}

/** A workspace with the news schema and three base documents to annotate. */
function prepareWorkspace(file: string): void {
  const store = openStore(file, { rollingBackups: false })
  try {
    installSchema(store, path.join(ROOT, 'resources', 'schema', 'news.json'))
    store.transaction(() => {
      for (let i = 1; i <= 3; i++) {
        const text = `Base document ${i}. ${'Kerry met Michel in Brussels on Monday; the ministers spoke at length. '.repeat(40)}`
        store.documents.insert({ externalId: `${BASE_PREFIX}${i}`, title: `Base ${i}`, text, meta: {} })
      }
    })
  } finally {
    store.close()
  }
}

/** Runs one child until a seeded random moment, SIGKILLs it, and returns its complete stdout lines. */
function runChild(file: string, seed: number, cycle: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerScript(), file, String(seed), String(cycle)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let killed = false
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (!killed && out.startsWith('ready\n')) {
        killed = true
        setTimeout(() => child.kill('SIGKILL'), killAfterMs)
      }
    })
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000)
    // Wait for 'close' (process reaped and pipes drained): only then is its lock provably stale.
    child.once('close', (code, signal) => {
      clearTimeout(guard)
      if (signal !== 'SIGKILL') return reject(new Error(`crash worker exited by itself (code ${code}): ${err}`))
      const lines = out.split('\n')
      lines.pop() // the last segment has no newline: a line cut off by the kill
      resolve(lines)
    })
  })
}

function absorb(m: Model, lines: string[], r: CrashReport): void {
  for (const line of lines) {
    const [tag, a, b, c, d] = line.split(' ')
    if (tag === 'S') {
      m.deleted.delete(Number(a)) // SQLite reuses the highest rowid after it is deleted
      m.spans.set(Number(a), b)
      r.acknowledged.spans++
    } else if (tag === 'R') {
      m.relations.set(Number(a), { hash: b, head: Number(c), tail: Number(d) })
      r.acknowledged.relations++
    } else if (tag === 'b') {
      m.batches.set(a, { n: Number(b), hash: null })
    } else if (tag === 'B') {
      m.batches.set(a, { n: Number(b), hash: c })
      r.acknowledged.batches++
    } else if (tag === 'd') {
      m.pendingDeletes.add(Number(a))
    } else if (tag === 'D') {
      m.pendingDeletes.delete(Number(a))
      forgetSpan(m, Number(a))
      r.acknowledged.deletes++
    } else if (tag === 'C') {
      r.acknowledged.checkpoints++
    }
  }
}

/** Reopens the workspace after a kill and checks it against the model; updates the model with what it learns. */
function verify(file: string, m: Model, r: CrashReport, cycle: number): void {
  const store = openStore(file, { rollingBackups: false })
  const db = store.db
  const fail = (msg: string) => r.problems.push(`cycle ${cycle}: ${msg}`)
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((x) => x.integrity_check)
    if (integrity.join() !== 'ok') {
      r.integrityFailures++
      fail(`integrity_check: ${integrity.join('; ')}`)
    }
    const fk = db.pragma('foreign_key_check') as unknown[]
    if (fk.length) {
      r.foreignKeyViolations += fk.length
      fail(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`)
    }
    const spanRow = db.prepare<[number], { documentId: number; annotator: string; label: string; start: number; end: number }>(
      `SELECT s.document_id AS documentId, a.name AS annotator, l.name AS label, s.start, s.end
         FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN label_types l ON l.id = s.label_id WHERE s.id = ?`,
    )
    for (const id of m.pendingDeletes) {
      if (!spanRow.get(id)) forgetSpan(m, id) // the delete committed; its acknowledgement was cut off
    }
    m.pendingDeletes.clear()
    for (const [id, hash] of m.spans) {
      const row = spanRow.get(id)
      if (!row || spanHash(row) !== hash) {
        r.lost++
        fail(`span ${id} ${row ? 'changed' : 'missing'}`)
      }
    }
    for (const [id, hash] of m.deleted) {
      // SQLite hands the highest freed rowid to the next insert (a batch import's spans too,
      // which the model tracks by batch, not id): only the same span coming back is a fault.
      const row = spanRow.get(id)
      if (row && spanHash(row) === hash) fail(`span ${id} was deleted (acknowledged) but is back`)
    }
    const relRow = db.prepare<[number], { documentId: number; label: string; headId: number; tailId: number }>(
      `SELECT r.document_id AS documentId, l.name AS label, r.head_id AS headId, r.tail_id AS tailId
         FROM relations r JOIN label_types l ON l.id = r.label_id WHERE r.id = ?`,
    )
    for (const [id, rel] of m.relations) {
      const row = relRow.get(id)
      if (!row || relationHash(row) !== rel.hash) {
        r.lost++
        fail(`relation ${id} ${row ? 'changed' : 'missing'}`)
      }
    }
    const batchDocs = db.prepare<[string], { id: number; externalId: string; text: string }>(
      "SELECT id, external_id AS externalId, text FROM documents WHERE external_id LIKE ? || '-%' ORDER BY external_id",
    )
    const docSpans = db.prepare<[number, string], { k: string }>(
      `SELECT s.start || ':' || s.end || ':' || l.name AS k FROM spans s JOIN annotators a ON a.id = s.annotator_id
         JOIN label_types l ON l.id = s.label_id WHERE s.document_id = ? AND a.name = ?`,
    )
    for (const [key, batch] of m.batches) {
      const docs: BatchDoc[] = batchDocs.all(key).map((d) => ({ externalId: d.externalId, text: d.text, spans: docSpans.all(d.id, CRASH_ANNOTATOR).map((s) => s.k) }))
      if (docs.length !== 0 && docs.length !== batch.n) {
        r.partialBatches++
        fail(`batch ${key} is partly present: ${docs.length} of ${batch.n} documents`)
      } else if (batch.hash !== null) {
        if (docs.length === 0 || batchHash(docs) !== batch.hash) {
          r.lost++
          fail(`batch ${key} ${docs.length ? 'changed' : 'missing'}`)
        }
      } else if (docs.length === batch.n) {
        r.unacknowledgedButPresent++
        batch.hash = batchHash(docs) // committed before the kill: from now on it must stay
      } else {
        m.batches.delete(key)
      }
    }
  } finally {
    store.close()
  }
}

/**
 * The crash test: `cycles` times, a child writes through the real store until a
 * SIGKILL at a seeded random moment; then the parent reopens the file and
 * checks integrity, foreign keys, every acknowledged item, and whole batches.
 */
export async function runCrashTest(opts: {
  cycles: number
  seed?: number
  dir?: string
  maxKillMs?: number
  onCycle?: (r: CrashReport) => void
}): Promise<CrashReport> {
  const seed = opts.seed ?? 1
  const rand = seeded(seed)
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-crash-'))
  const file = path.join(dir, 'crash.spanwright')
  prepareWorkspace(file)
  const m: Model = { spans: new Map(), relations: new Map(), deleted: new Map(), pendingDeletes: new Set(), batches: new Map() }
  const r: CrashReport = {
    cycles: 0,
    seed,
    itemsAcknowledged: 0,
    acknowledged: { spans: 0, relations: 0, batches: 0, deletes: 0, checkpoints: 0 },
    lost: 0,
    integrityFailures: 0,
    foreignKeyViolations: 0,
    partialBatches: 0,
    unacknowledgedButPresent: 0,
    durationMs: 0,
    problems: [],
  }
  const t0 = Date.now()
  try {
    for (let cycle = 0; cycle < opts.cycles; cycle++) {
      const childSeed = Math.floor(rand() * 2 ** 31)
      const killAfter = 20 + Math.floor(rand() * (opts.maxKillMs ?? 400))
      const lines = await runChild(file, childSeed, cycle, killAfter)
      absorb(m, lines, r)
      verify(file, m, r, cycle)
      r.cycles++
      opts.onCycle?.(r)
    }
  } catch (e) {
    throw new Error(`crash test stopped after ${r.cycles} cycles (workspace kept at ${file}): ${(e as Error).message}`, { cause: e })
  }
  const a = r.acknowledged
  r.itemsAcknowledged = a.spans + a.relations + a.batches + a.deletes
  r.durationMs = Date.now() - t0
  if (!opts.dir && !r.problems.length) fs.rmSync(dir, { recursive: true, force: true })
  return r
}
