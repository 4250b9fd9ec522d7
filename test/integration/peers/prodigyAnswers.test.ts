// Prodigy's `answer` is meaning: only accepted tasks' spans are annotations; rejected and ignored
// tasks are kept as what they are; accepted tasks without spans are real negatives; a task's own
// tokens (and hashes, view id, disabled flags, choices) come back on export.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { NOTES } from '../../../src/shared/formats/prodigyTasks'
import type { Store } from '../../../src/main/store/store'
import { tempStore } from '../../helpers/tempWorkspace'
import { PEERS, expectProdigyEqual, prodigyCounts, readJsonLines } from './peerCounts'

type Obj = Record<string, any>
const j = (o: unknown) => JSON.stringify(o)

/**
 * 40 tasks in ner.teach's shape (no tokens; one suggested span each, with rank, score, source and the
 * task's hashes; `_view_id` "ner"): 10 headlines asked about 4 times each, 10 answers accept, 27
 * reject, 3 ignore.
 */
function nerTeach(): Obj[] {
  const heads = Array.from({ length: 10 }, (_, i) => `Uber and Lyft met Google in Paris on day ${i}.`)
  const words: [string, string][] = [['Uber', 'ORG'], ['Lyft', 'ORG'], ['Google', 'ORG'], ['Paris', 'ORG']]
  const out: Obj[] = []
  heads.forEach((text, i) => {
    words.forEach(([w, label], k) => {
      const start = text.indexOf(w)
      const answer = k === 0 ? 'accept' : i < 3 && k === 3 ? 'ignore' : 'reject'
      out.push({
        text,
        _input_hash: 1000 + i,
        _task_hash: 5000 + i * 10 + k,
        spans: [{ start, end: start + w.length, text: w, rank: k, label, score: 0.5 - k / 10, source: 'en_core_web_sm', input_hash: 1000 + i }],
        meta: { score: 0.5 - k / 10 },
        _session_id: null,
        _view_id: 'ner',
        answer,
      })
    })
  })
  return out
}

function write(dir: string, name: string, rows: Obj[]): string {
  const f = path.join(dir, name)
  fs.writeFileSync(f, rows.map(j).join('\n') + '\n')
  return f
}

const spansIn = (store: Store) => store.db.prepare('SELECT s.start, s.end, l.name AS label FROM spans s JOIN label_types l ON l.id = s.label_id').all() as Obj[]
const exported = async (store: Store, dir: string, format: 'prodigy' | 'jsonl' = 'prodigy') => {
  const out = path.join(dir, `out.${format}.jsonl`)
  await exportDataset(store, out, { format, annotator: 'alice' })
  return fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
}

describe('Prodigy answer semantics', () => {
  it('ner.teach without tokens: detected as Prodigy; only the 10 accepted suggestions become spans; 27 rejected and 3 ignored are kept and counted', async () => {
    const { store, dir } = tempStore()
    const tasks = nerTeach()
    const want = prodigyCounts(tasks)
    expect([want.documents, want.spans, want.rejected, want.ignored]).toEqual([10, 10, 27, 3])
    const r = await importFiles(store, [write(dir, 'teach.jsonl', tasks)], { annotator: 'alice', addLabels: true })
    expect([r.documentsAdded, r.spansAdded]).toEqual([10, 10])
    expect(r.notes).toMatchObject({ [NOTES.rejected]: 27, [NOTES.ignored]: 3, [NOTES.heldSpans]: 30 })
    // No rejected suggestion (Lyft, Google, Paris) is an annotation.
    expect(spansIn(store).map((s) => tasks[0].text.slice(s.start, s.end))).toEqual(Array(10).fill('Uber'))
    // The document keeps every one of its tasks, rejected ones with their spans.
    const meta = store.documents.byExternalId('1000')!.meta as Obj
    expect(meta.prodigy.tasks.map((t: Obj) => t.answer)).toEqual(['accept', 'reject', 'reject', 'ignore'])

    // Exported: the same 40 tasks with their answers; a spaCy export trains on accepted spans only.
    expectProdigyEqual(tasks, await exported(store, dir))
    const spacyOut = path.join(dir, 'out.spacy.json')
    await exportDataset(store, spacyOut, { format: 'spacy', annotator: 'alice' })
    const text = fs.readFileSync(spacyOut, 'utf8')
    // One JSON array (spaCy's training data) or one tuple a line, as the spaCy export writes it.
    const lines = text.split('\n').filter(Boolean)
    const spacy = lines.length > 1 && lines.every((l) => l.startsWith('["')) ? lines.map((l) => JSON.parse(l)) : JSON.parse(text)
    expect(spacy.flatMap(([text, a]: [string, Obj]) => a.entities.map(([s, e]: number[]) => text.slice(s, e)))).toEqual(Array(10).fill('Uber'))
    store.close()
  })

  it('a file of only rejected tasks imports its documents, no spans, and says so', async () => {
    const { store, dir } = tempStore()
    const tasks = nerTeach().filter((t) => t.answer === 'reject')
    const r = await importFiles(store, [write(dir, 'rejected.jsonl', tasks)], { annotator: 'alice', addLabels: true })
    expect([r.documentsAdded, r.spansAdded, r.notes?.[NOTES.rejected]]).toEqual([10, 0, 27])
    expectProdigyEqual(tasks, await exported(store, dir))
    store.close()
  })

  it('accepted tasks without spans are real negatives: all 11 in the ner_manual file are exported again', async () => {
    const { store, dir } = tempStore()
    const file = path.join(PEERS, 'prodigy/news_headlines_ner_manual.head40.jsonl')
    const empty = readJsonLines(file).filter((t) => t.answer === 'accept' && !(t.spans ?? []).length)
    expect(empty).toHaveLength(11)
    const r = await importFiles(store, [file], { annotator: 'alice', addLabels: true })
    expect(r.notes?.[NOTES.negatives]).toBe(11)
    const out = await exported(store, dir)
    expect(out).toHaveLength(40)
    for (const t of empty) expect(out.find((o) => o._task_hash === t._task_hash)).toMatchObject({ answer: 'accept', text: t.text })
    // And the native export keeps them as done layers with no spans.
    const native = await exported(store, dir, 'jsonl')
    expect(native.filter((l) => l.spans.length === 0 && l.status === 'done')).toHaveLength(11)
    store.close()
  })

  it("the task's own tokens are used on export: spans inside Prodigy's tokens keep their indexes, and so do all 38 relation heads and children", async () => {
    const { store, dir } = tempStore()
    const file = path.join(PEERS, 'prodigy/rel_component_annotations.head20.jsonl')
    const tasks = readJsonLines(file)
    await importFiles(store, [file], { annotator: 'alice', addLabels: true })
    const out = await exported(store, dir)
    const rel = (t: Obj) => t.relations.map((r: Obj) => `${r.head}>${r.child}:${r.label}`).sort()
    const byHash = new Map(out.map((t) => [t._task_hash, t]))
    let relations = 0
    for (const t of tasks) {
      expect(rel(byHash.get(t._task_hash)!)).toEqual(rel(t))
      relations += t.relations.length
      // Token `disabled` flags and `ws` come back as the task had them.
      expect(byHash.get(t._task_hash)!.tokens).toEqual(t.tokens)
    }
    expect(relations).toBe(38)
    store.close()
  })

  it('a span added after import gets token indexes from the task\'s own tokens (bcr in bcr-abl, Uber in Uber’s); a deleted span leaves its task', async () => {
    const { store, dir } = tempStore()
    const text = 'Uber’s bcr-abl fusion'
    const tokens = [
      { text: 'Uber', start: 0, end: 4, id: 0, ws: false },
      { text: '’s', start: 4, end: 6, id: 1, ws: true },
      { text: 'bcr', start: 7, end: 10, id: 2, ws: false },
      { text: '-', start: 10, end: 11, id: 3, ws: false },
      { text: 'abl', start: 11, end: 14, id: 4, ws: true, disabled: true },
      { text: 'fusion', start: 15, end: 21, id: 5, ws: false },
    ]
    const task = { text, _input_hash: 7, _task_hash: 8, tokens, spans: [{ start: 0, end: 4, token_start: 0, token_end: 0, label: 'ORG' }], _view_id: 'ner_manual', answer: 'accept' }
    const rejected = { ...task, _task_hash: 9, spans: [{ start: 15, end: 21, token_start: 5, token_end: 5, label: 'ORG' }], answer: 'reject' }
    await importFiles(store, [write(dir, 't.jsonl', [task, rejected])], { annotator: 'alice', addLabels: true })
    const doc = store.documents.byExternalId('7')!
    const alice = store.annotators.byName('alice')!
    const org = store.labels.byName('entity', 'ORG')!
    store.spans.insert({ documentId: doc.id, annotatorId: alice.id, labelId: org.id, start: 7, end: 10 })
    store.spans.delete(store.spans.layer(doc.id, alice.id).find((s) => s.start === 0)!.id)
    const out = await exported(store, dir)
    expect(out.find((t) => t._task_hash === 8)!.spans).toEqual([{ start: 7, end: 10, token_start: 2, token_end: 2, label: 'ORG' }])
    // The rejected task is written as it was: its span is not the annotator's and was not touched.
    expect(out.find((t) => t._task_hash === 9)).toEqual(rejected)
    store.close()
  })

  it('entity-linking choices: options and the accepted choice come back for all 30 tasks', async () => {
    const { store, dir } = tempStore()
    const file = path.join(PEERS, 'prodigy/nel_emerson_annotated.jsonl')
    await importFiles(store, [file], { annotator: 'alice', addLabels: true })
    const out = new Map((await exported(store, dir)).map((t) => [t._task_hash, t]))
    const tasks = readJsonLines(file)
    for (const t of tasks) expect(out.get(t._task_hash)).toMatchObject({ _input_hash: t._input_hash, _view_id: 'choice', options: t.options, accept: t.accept })
    expect(tasks).toHaveLength(30)
    store.close()
  })

  it('a task read with --format doccano is refused, not read as a document without spans', async () => {
    const { store, dir } = tempStore()
    const f = write(dir, 't.jsonl', nerTeach().slice(0, 1))
    await expect(importFiles(store, [f], { annotator: 'alice', format: 'doccano' })).rejects.toThrow(/t\.jsonl:1: "spans" holds 1 item that the doccano format does not read/)
    expect(store.documents.count()).toBe(0)
    store.close()
  })
})
