// What each peer file holds, counted from the file with plain JSON (not with our codecs), and
// comparisons of a file with its export that ignore only ids and ordering.
import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { REPO_ROOT } from '../../helpers/tempWorkspace'

export const PEERS = path.join(REPO_ROOT, 'test', 'fixtures', 'peers')

type Obj = Record<string, any>
export interface Counts {
  documents: number
  spans: number
  relations: number
}

export const readJsonLines = (file: string): Obj[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))

/** Label Studio: an array of tasks or one task object. */
export const readTasks = (file: string): Obj[] => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'))
  return Array.isArray(json) ? json : [json]
}

/** JSON with every object's keys in order: key order is not meaning. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Obj)[k])}`).join(',')}}`
      : JSON.stringify(v)
const sorted = <T>(xs: T[]) => xs.map(canonical).sort()

export function doccanoCounts(rows: Obj[]): Counts {
  // Identical triples in one line are one annotation (they cannot be told apart).
  const spans = rows.reduce((n, r) => n + new Set((r.label ?? r.labels ?? []).map((t: unknown) => JSON.stringify(t))).size, 0)
  return { documents: rows.length, spans, relations: 0 }
}

export function doccanoRelCounts(rows: Obj[]): Counts {
  return { documents: rows.length, spans: rows.reduce((n, r) => n + r.entities.length, 0), relations: rows.reduce((n, r) => n + (r.relations ?? []).length, 0) }
}

/** Prodigy: documents by input hash; only accepted (or unanswered) tasks' spans, one per offsets and label a document. */
export function prodigyCounts(rows: Obj[]): Counts & { rejected: number; ignored: number; emptyAccepts: number } {
  const docs = new Map<string, { spans: Set<string>; relations: number }>()
  let rejected = 0
  let ignored = 0
  let emptyAccepts = 0
  for (const t of rows) {
    const id = String(t.id ?? t.meta?.id ?? t._input_hash)
    const d = docs.get(id) ?? { spans: new Set<string>(), relations: 0 }
    docs.set(id, d)
    if (t.answer === 'reject') rejected++
    if (t.answer === 'ignore') ignored++
    if (t.answer === 'reject' || t.answer === 'ignore') continue
    if (t.answer === 'accept' && !(t.spans ?? []).length) emptyAccepts++
    for (const s of t.spans ?? []) d.spans.add(`${s.start}:${s.end}:${s.label}`)
    d.relations += (t.relations ?? []).length
  }
  const all = [...docs.values()]
  return { documents: docs.size, spans: all.reduce((n, d) => n + d.spans.size, 0), relations: all.reduce((n, d) => n + d.relations, 0), rejected, ignored, emptyAccepts }
}

/** Label Studio: text `labels` results (one span per label) of annotations not cancelled, and of predictions. */
export function labelStudioCounts(tasks: Obj[]): Counts & { predictions: number } {
  let spans = 0
  let relations = 0
  let predictions = 0
  for (const t of tasks) {
    const layers = [...(t.annotations ?? []).filter((a: Obj) => !a.was_cancelled), ...(t.predictions ?? [])]
    predictions += (t.predictions ?? []).length
    for (const a of layers) {
      for (const r of a.result ?? []) {
        if (r.type === 'labels') spans += r.value.labels.length
        if (r.type === 'relation') relations++
      }
    }
  }
  return { documents: tasks.length, spans, relations, predictions }
}

/** doccano sequence lines against their export: the same text, label triples (duplicates once), and every other key but `id`. */
export function expectDoccanoEqual(original: Obj[], exported: Obj[]): void {
  expect(exported).toHaveLength(original.length)
  for (const o of original) {
    const text = o.text ?? o.data
    const e = exported.find((x) => x.text === text)
    expect(e, text).toBeDefined()
    expect(sorted(e!.label)).toEqual([...new Set(sorted(o.label ?? o.labels))])
    for (const k of Object.keys(o)) if (!['id', 'label', 'labels', 'text', 'data'].includes(k)) expect([k, e![k]]).toEqual([k, o[k]])
  }
}

/** doccano relation lines against their export: entities by offsets and label, relations by their ends (ids ignored). */
export function expectDoccanoRelEqual(original: Obj[], exported: Obj[]): void {
  const view = (r: Obj) => {
    const ent = new Map(r.entities.map((e: Obj) => [e.id, `${e.start_offset}:${e.end_offset}:${e.label}`]))
    return { text: r.text, entities: [...ent.values()].sort(), relations: (r.relations ?? []).map((x: Obj) => `${ent.get(x.from_id)}>${ent.get(x.to_id)}:${x.type}`).sort() }
  }
  expect(sorted(exported.map(view))).toEqual(sorted(original.map(view)))
}

/** Prodigy tasks against their export: every key of every task equal; only the order of tasks, spans and relations may differ. */
export function expectProdigyEqual(original: Obj[], exported: Obj[]): void {
  const norm = (t: Obj) => {
    const o = { ...t }
    for (const k of ['spans', 'relations']) if (Array.isArray(o[k])) o[k] = sorted(o[k])
    return o
  }
  expect(sorted(exported.map(norm))).toEqual(sorted(original.map(norm)))
}

/**
 * Label Studio tasks against their export: the task's own fields and data equal; each annotation's
 * annotator (by email or user id) and its text results (tag names, offsets, text, labels; result ids
 * ignored), when it has text results or none at all; each prediction with text results by model version. Results of other types, drafts and
 * reviews are counted by the import and not exported (the import report says so).
 */
export function expectLabelStudioEqual(original: Obj[], exported: Obj[]): void {
  const who = (by: unknown) => (typeof by === 'number' ? `user${by}` : typeof by === 'object' && by ? ((by as Obj).email ?? `user${(by as Obj).id}`) : null)
  const results = (rs: Obj[]) => sorted(rs.filter((r) => r.type === 'labels').map((r) => ({ from: r.from_name, to: r.to_name, ...r.value, labels: r.value.labels })))
  const view = (t: Obj, annotator: string | null) => {
    const { annotations = [], predictions = [], drafts: _drafts, ...task } = t
    return {
      task,
      // An annotation of other result types only (an image's rectangles) is no judgement about the text: no layer.
      annotations: sorted(annotations.filter((a: Obj) => !a.was_cancelled && (!(a.result ?? []).length || results(a.result).length)).map((a: Obj) => ({ by: who(a.completed_by) ?? annotator, results: results(a.result ?? []) }))),
      predictions: sorted(predictions.filter((p: Obj) => results(p.result ?? []).length).map((p: Obj) => ({ model: String(p.model_version).replace(/\s+/g, '_'), results: results(p.result) }))),
    }
  }
  expect(sorted(exported.map((t) => view(t, null)))).toEqual(sorted(original.map((t) => view(t, 'alice'))))
}
