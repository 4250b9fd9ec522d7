import type { OffsetUnit } from '../text/offsets'
import { idTypeMeta } from './jsonIdType'
import { textHash } from '../text/textHash'
import type { ImportRecord } from './importRecord'
import { RecordError } from './importRecord'
import { isJsonMinRecord, taskFromJsonMin } from './labelStudioMin'
import { refuseLinkedText, textKeyOf } from './labelStudioTextKey'
import { CROSS_FIELD_NOTE, splitByTextField } from './labelStudioTextFields'
import type { FieldTask } from './labelStudioTextFields'
import { LayerBuilder, atLine, expectArray, expectId, expectIndex, expectLabel, expectObject, expectString, isObject, optionalAnnotator, refuseUnreadSpanFields } from './codecSupport'

/**
 * One Label Studio task as import records. A task is `{data: {text}, ...}`
 * or, bare (as in Label Studio's own fixtures), `{text, ...}`. Each
 * annotation is one annotator's layer; the annotator is `completed_by` (an
 * email or username, `user<N>` for a bare user id, or an object with them),
 * else our older `annotator` key. Each prediction is a layer of its own,
 * named after its model: annotator `model:<model_version>`. A task without
 * annotations or predictions is a document without a layer.
 *
 * What is not text spans is counted in the record's notes, by type: results
 * of other types (choices, rectangles), cancelled annotations, drafts,
 * reviews. The task's other fields (its id, file_upload, data other than the
 * text, …) and the `from_name` / `to_name` of its label results are kept in
 * `meta.labelstudio`, so an export writes them back.
 */

export const LABEL_STUDIO_META_KEY = 'labelstudio'
export const MODEL_PREFIX = 'model:'

export interface StoredLabelStudio {
  /** The task's fields other than data, annotations, predictions, drafts and meta. */
  task: Record<string, unknown>
  /** `data` without the text. */
  data: Record<string, unknown>
  /** The data key of the text when it is not `text` (see labelStudioTextKey.ts). */
  textKey?: string
  fromName?: string
  toName?: string
  /** The task had a `meta` object (written back even when empty). */
  hasMeta?: boolean
}

export const LS_NOTES = {
  predictions: (layer: string) => `Label Studio predictions, imported as the layer "${layer}" (pre-annotations named after their model_version)`,
  /** A prediction whose every result is of another type (an image's rectangles): no span or relation, so no layer. */
  predictionsNotText: (model: string) => `Label Studio predictions of ${model} holding no text labels or relations (only other result types), not imported: no layer made`,
  /**
   * An annotation whose every result is of another type (an image's rectangles, a choice): not a judgement about the
   * text, so no layer (a done, empty layer would say the annotator found nothing in it). Each is also named (remarks).
   */
  annotationsNotText: 'Label Studio annotations holding no text labels or relations (only other result types), not imported: no layer made',
  cancelled: 'cancelled Label Studio annotations, not imported',
  drafts: 'Label Studio drafts, not imported',
  reviews: 'Label Studio reviews, not imported',
  embedded: 'copies of a prediction inside Label Studio annotations, not imported (the task\'s own predictions are read)',
  regionMeta: 'Label Studio region meta fields other than text, not imported',
  otherType: (type: string) => `Label Studio "${type}" results, not imported (only text labels and relations are)`,
} as const

/** The annotator of an annotation: completed_by as Label Studio writes it (an id, an email, an object), else our `annotator`. */
function annotatorOf(a: Record<string, unknown>, what: string): string | null {
  const by = a.completed_by
  if (typeof by === 'number' && Number.isInteger(by)) return `user${by}`
  if (typeof by === 'string') return optionalAnnotator(by, `${what}.completed_by`)
  if (isObject(by)) {
    const name = by.email ?? by.username
    if (typeof name === 'string' && name) return optionalAnnotator(name, `${what}.completed_by`)
    if (typeof by.id === 'number') return `user${by.id}`
  }
  if (a.annotator !== undefined) return optionalAnnotator(a.annotator, `${what}.annotator`)
  return null
}

/** A model's layer name: `model:` and its version, whitespace and slashes made `_`. */
export function modelAnnotator(version: unknown): string {
  const v = typeof version === 'string' || typeof version === 'number' ? String(version) : 'unknown'
  return `${MODEL_PREFIX}${v.replace(/[\s/\\]+/gu, '_').slice(0, 80 - MODEL_PREFIX.length) || 'unknown'}`
}

interface Counted {
  notes: Record<string, number>
  names: { fromName?: string; toName?: string }
}

const count = (c: Counted, what: string, n = 1) => {
  if (n) c.notes[what] = (c.notes[what] ?? 0) + n
}

/** A region's `meta.text` (the notes typed in Label Studio's region "Meta" field) as one note; other meta keys are counted. */
function regionNote(meta: unknown, c: Counted): string {
  if (!isObject(meta)) return ''
  const { text, ...rest } = meta
  if (Object.keys(rest).length) count(c, LS_NOTES.regionMeta)
  if (typeof text === 'string') return text
  return Array.isArray(text) ? text.filter((t): t is string => typeof t === 'string').join('\n') : ''
}

/** One annotation's (or prediction's) results as a layer: `labels` spans, `relation` results. */
function readResults(results: unknown[], where: string, text: string, unit: OffsetUnit, c: Counted): LayerBuilder {
  const layer = new LayerBuilder(text, unit)
  const relations: Record<string, unknown>[] = []
  results.forEach((r, k) => {
    const what = `${where}.result[${k}]`
    const res = expectObject(r, what)
    if (res.type === 'relation') {
      relations.push({ ...res, what })
      return
    }
    if (res.type !== 'labels') {
      count(c, LS_NOTES.otherType(typeof res.type === 'string' ? res.type : 'untyped'))
      return
    }
    if (typeof res.from_name === 'string') c.names.fromName ??= res.from_name
    if (typeof res.to_name === 'string') c.names.toName ??= res.to_name
    const id = res.id === undefined ? null : expectId(res.id, `${what}.id`)
    const value = expectObject(res.value, `${what}.value`)
    const start = expectIndex(value.start, `${what}.value.start`)
    const end = expectIndex(value.end, `${what}.value.end`)
    const expected = value.text === undefined ? undefined : expectString(value.text, `${what}.value.text`)
    const labels = expectArray(value.labels, `${what}.value.labels`)
    if (labels.length === 0) throw new RecordError(`${what}.value.labels is empty`)
    const note = regionNote(res.meta, c)
    labels.forEach((l, n) => {
      layer.addSpan(what, n === 0 ? id : null, start, end, expectLabel(l, `${what}.value.labels[${n}]`), expected, note ? { note } : {})
    })
  })
  for (const rel of relations) {
    const what = rel.what as string
    const from = layer.spanById(expectId(rel.from_id, `${what}.from_id`), `${what}.from_id`)
    const to = layer.spanById(expectId(rel.to_id, `${what}.to_id`), `${what}.to_id`)
    const labels = rel.labels === undefined ? [] : expectArray(rel.labels, `${what}.labels`)
    const label = labels.length ? expectLabel(labels[0], `${what}.labels[0]`) : 'related'
    const [head, tail] = rel.direction === 'left' ? [to, from] : [from, to]
    layer.addRelation(what, null, head, tail, label)
  }
  return layer
}

/** `task 0 (id 17): annotations[0] by alice holds 2 results of other types only ("rectanglelabels"), …`: the report names the file. */
function notTextRemark(task: Record<string, unknown>, index: number, where: string, annotator: string | null, results: unknown[]): string {
  const id = typeof task.id === 'string' || typeof task.id === 'number' ? ` (id ${JSON.stringify(task.id)})` : ''
  const types = [...new Set(results.map((r) => (isObject(r) && typeof r.type === 'string' ? r.type : 'untyped')))].map((t) => JSON.stringify(t)).join(', ')
  const by = annotator === null ? '' : ` by ${annotator}`
  const n = results.length === 1 ? '1 result' : `${results.length} results`
  return `task ${index}${id}: ${where.slice(where.indexOf(': ') + 2)}${by} holds ${n} of other types only (${types}), no text labels or relations: not a judgement about the text, so not imported and no layer made`
}

/**
 * Label Studio before 1.0 called annotations `completions` (label-studio-converter still reads them when a task has
 * no `annotations`); they are read as annotations, and written back as `annotations`.
 */
function withAnnotations(task: Record<string, unknown>): Record<string, unknown> {
  if (task.completions === undefined || task.annotations !== undefined) return task
  const { completions, ...rest } = task
  return { ...rest, annotations: completions }
}

const TASK_PARTS = new Set(['data', 'annotations', 'predictions', 'drafts', 'meta'])

export function parseTask(json: unknown, index: number, line: number, unit: OffsetUnit): ImportRecord[] {
  return atLine(line, () => {
    const given = expectObject(json, `task ${index}`)
    const task = withAnnotations(isJsonMinRecord(given) ? taskFromJsonMin(given) : given)
    refuseUnreadSpanFields(task, ['annotations', 'predictions'], 'labelstudio')
    // A bare task (no `data` wrapper) is its own data.
    const bare = task.data === undefined && typeof task.text === 'string'
    if (task.data === undefined && !bare) throw new RecordError(`task ${index}: data is missing (a Label Studio file is a JSON array of tasks, or one task, each with data.text)`)
    const data = bare ? task : expectObject(task.data, `task ${index}: data`)
    // Regions on two or more Text objects (title and body): a document per field (labelStudioTextFields.ts).
    const split = bare ? null : splitByTextField(task, data, unit, `task ${index}`)
    if (split) return split.flatMap((s) => taskRecords(s.task, s.data, false, s.field, index, line, unit, s))
    return taskRecords(task, data, bare, bare ? 'text' : textKeyOf(task, data, unit, `task ${index}`), index, line, unit, null)
  })
}

/** A task's records, its text in `data[textKey]`; `split` when it is one field of a task split by text field. */
function taskRecords(task: Record<string, unknown>, data: Record<string, unknown>, bare: boolean, textKey: string, index: number, line: number, unit: OffsetUnit, split: FieldTask | null): ImportRecord[] {
  const text = expectString(data[textKey], `task ${index}: data.${textKey}`)
  refuseLinkedText(task, text, `task ${index}: data.${textKey}`)
  const rawId = data.id ?? task.id
  const ownId = rawId === undefined ? `doc-${textHash(text)}` : expectId(rawId, `task ${index}: id`)
  const externalId = split && rawId !== undefined ? `${ownId}/${split.field}` : ownId
  const meta: Record<string, unknown> = { ...(task.meta === undefined ? {} : expectObject(task.meta, `task ${index}: meta`)), ...(split ? {} : idTypeMeta(rawId)) }
  const title = typeof data.title === 'string' ? data.title : typeof meta.title === 'string' ? meta.title : externalId
  const c: Counted = { notes: {}, names: {} }
  const layers: { annotator: string | null; layer: LayerBuilder; submitted: boolean }[] = []
  const remarks: string[] = []

  expectArray(task.annotations ?? [], `task ${index}: annotations`).forEach((item, a) => {
    const where = `task ${index}: annotations[${a}]`
    const ann = expectObject(item, where)
    // Label Studio writes `prediction: {}` on an annotation that did not start from one: nothing copied.
    if (ann.prediction !== undefined && ann.prediction !== null && !(isObject(ann.prediction) && Object.keys(ann.prediction).length === 0)) count(c, LS_NOTES.embedded)
    if (Array.isArray(ann.reviews)) count(c, LS_NOTES.reviews, ann.reviews.length)
    // `skipped` is Label Studio 0.x's word for a cancelled annotation (label-studio-converter skips both).
    if (ann.was_cancelled === true || ann.skipped === true) return count(c, LS_NOTES.cancelled)
    const annotator = annotatorOf(ann, where)
    const results = expectArray(ann.result ?? [], `${where}.result`)
    const layer = readResults(results, where, text, unit, c)
    // Results all of other types (an image's rectangles, a choice) say nothing about the text: no layer, counted and
    // named. An empty result is the annotator's "nothing here" on the text: finished work, so its layer exists.
    if (results.length && !layer.spans.length && !layer.relations.length) {
      count(c, LS_NOTES.annotationsNotText)
      remarks.push(notTextRemark(task, index, where, annotator, results))
      return
    }
    layers.push({ annotator, layer, submitted: true })
  })
  expectArray(task.predictions ?? [], `task ${index}: predictions`).forEach((item, p) => {
    const where = `task ${index}: predictions[${p}]`
    const pred = expectObject(item, where)
    const model = modelAnnotator(pred.model_version)
    const results = expectArray(pred.result ?? [], `${where}.result`)
    const layer = readResults(results, where, text, unit, c)
    // Results all of other types (an image task's rectangles) give no span: no layer, and the note says so. An empty
    // result is the model's "nothing here" on the text, a layer as before.
    if (results.length && !layer.spans.length && !layer.relations.length) return count(c, LS_NOTES.predictionsNotText(JSON.stringify(String(pred.model_version ?? 'unknown'))))
    count(c, LS_NOTES.predictions(model))
    layers.push({ annotator: model, layer, submitted: false })
  })
  count(c, LS_NOTES.drafts, expectArray(task.drafts ?? [], `task ${index}: drafts`).length)
  if (split) count(c, CROSS_FIELD_NOTE, split.crossRelations)

  const stored: StoredLabelStudio = { task: {}, data: {} }
  if (!bare) for (const [k, v] of Object.entries(task)) if (!TASK_PARTS.has(k)) stored.task[k] = v
  for (const [k, v] of Object.entries(data)) if (k !== textKey && !(bare && TASK_PARTS.has(k))) stored.data[k] = v
  if (textKey !== 'text') stored.textKey = textKey
  // One field of a split task goes back as a task of its own: its data.id names this document, so it reads back as it.
  if (split && rawId !== undefined) stored.data.id = externalId
  if (task.meta !== undefined && !bare) stored.hasMeta = true
  if (c.names.fromName) stored.fromName = c.names.fromName
  if (c.names.toName) stored.toName = c.names.toName
  meta[LABEL_STUDIO_META_KEY] = stored
  const base = { line, externalId, title, text, meta }
  const notes = { ...(Object.keys(c.notes).length ? { notes: c.notes } : {}), ...(remarks.length ? { remarks } : {}) }
  // A task nobody annotated yet: the importer's annotator (if any) gets it as to do, so it exists and is exported as such.
  if (!layers.length) return [{ ...base, annotator: null, status: 'todo', spans: [], relations: [], ...notes }]
  return layers.map((l, i) => ({
    ...base,
    annotator: l.annotator,
    status: l.submitted ? ('done' as const) : null,
    spans: l.layer.spans,
    relations: l.layer.relations,
    ...(i === 0 ? notes : {}),
  }))
}
