import type { FormatName } from './formatCodec'
import { MIN_ANNOTATION_KEYS, isJsonMinRecord, isMinRegionList } from './labelStudioMin'

/**
 * Which format a JSON record is, decided on its SHAPE: the fields each format
 * requires, with their types (doccano's `label` is a list of [int, int,
 * string] triples, the native `spans` a list of {start, end, label}), and the
 * keys that belong to another format. A key of another format excludes a
 * format, so a record that carries two formats' annotations fits none and is
 * refused rather than read by one codec that drops the other's.
 */

type Obj = Record<string, unknown>

/** JSON-record formats, tried on every sampled record. */
export const RECORD_FORMATS = ['jsonl', 'doccano', 'doccano-rel', 'prodigy', 'labelstudio', 'hf'] as const
export type RecordFormat = (typeof RECORD_FORMATS)[number]

/** The top-level keys each format reads or writes that mark it (keys every format shares, like id, text, meta, title, are not here). */
const OWN_KEYS: Record<RecordFormat, readonly string[]> = {
  jsonl: ['spans', 'relations', 'annotator', 'status', 'offsets'],
  doccano: ['label', 'labels', 'data', 'annotator', 'user'],
  'doccano-rel': ['entities', 'relations', 'annotator', 'user'],
  prodigy: ['tokens', 'spans', 'relations', 'answer', '_input_hash', '_task_hash', '_view_id', '_session_id', '_annotator_id', 'annotator', 'options', 'accept', 'label'],
  labelstudio: ['data', 'annotations', 'predictions', 'drafts', 'completed_by'],
  hf: ['tokens', 'ner_tags', 'document'],
}

const MARKERS: ReadonlySet<string> = new Set(Object.values(OWN_KEYS).flat())

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)
const isIndex = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0
const isId = (v: unknown) => (typeof v === 'string' && v.length > 0) || (typeof v === 'number' && Number.isInteger(v))
/** Every item (the first 50: enough to tell, cheap on huge lists) fits. */
const listOf = (v: unknown, each: (x: unknown) => boolean) => Array.isArray(v) && v.slice(0, 50).every(each)
const absentOr = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v)

const triple = (t: unknown) => Array.isArray(t) && t.length === 3 && isIndex(t[0]) && isIndex(t[1]) && typeof t[2] === 'string'
const nativeSpan = (s: unknown) => isObj(s) && isIndex(s.start) && isIndex(s.end) && typeof s.label === 'string'
const nativeRelation = (r: unknown) => isObj(r) && isId(r.head) && isId(r.tail)
const prodigySpan = (s: unknown) =>
  isObj(s) && typeof s.label === 'string' && ((isIndex(s.start) && isIndex(s.end)) || (isIndex(s.token_start) && isIndex(s.token_end)))
const prodigyToken = (t: unknown) => isObj(t) && typeof t.text === 'string' && isIndex(t.start) && isIndex(t.end)
const prodigyRelation = (r: unknown) => isObj(r) && (isObj(r.head_span) || (isIndex(r.head) && isIndex(r.child)))
const doccanoEntity = (e: unknown) => isObj(e) && isIndex(e.start_offset) && isIndex(e.end_offset) && typeof e.label === 'string'
/** doccano 1.0's export: `annotations` of `{label: <label id>, start_offset, end_offset, user}`, or `{label, user}` (a category). */
export const doccanoIdAnnotation = (a: unknown) =>
  isObj(a) &&
  a.result === undefined &&
  a.completed_by === undefined &&
  ((isIndex(a.start_offset) && isIndex(a.end_offset)) || (a.start_offset === undefined && a.end_offset === undefined && isId(a.label)))
export const hasDoccanoIdAnnotations = (o: Obj) => Array.isArray(o.annotations) && o.annotations.length > 0 && listOf(o.annotations, doccanoIdAnnotation)
const doccanoRelation = (r: unknown) => isObj(r) && isId(r.from_id) && isId(r.to_id)
const ANSWERS = new Set(['accept', 'reject', 'ignore'])

/**
 * The marker keys a record fills: an empty list or a null is no mark (there
 * is nothing to lose in it), unless `empty` (a weaker vote, used only when no
 * sampled record has annotations).
 */
function marks(o: Obj, empty = false): string[] {
  return Object.keys(o).filter((k) => MARKERS.has(k) && (empty || (o[k] !== null && !(Array.isArray(o[k]) && (o[k] as unknown[]).length === 0))))
}

/** Whether a format owns a key of this record: `label` is doccano's as a list, Prodigy's (a textcat category) as a string. */
function owns(f: RecordFormat, k: string, o: Obj): boolean {
  if (k === 'label' && f === 'prodigy') return typeof o.label === 'string'
  if (k === 'label' && f === 'doccano') return typeof o.label !== 'string' && !isMinRegionList(o.label)
  if (k === 'annotations' && (f === 'doccano' || f === 'labelstudio')) return hasDoccanoIdAnnotations(o) === (f === 'doccano')
  // Label Studio's JSON-MIN: regions under a control tag's name (often `label`), and its annotation's fields.
  if (f === 'labelstudio' && (isMinRegionList(o[k]) || MIN_ANNOTATION_KEYS.has(k)) && isJsonMinRecord(o)) return true
  return OWN_KEYS[f].includes(k)
}

/** The formats that own every mark of a record (its keys allow it), whether or not its values have that format's shape. */
export function formatsByKeys(o: Obj, empty = false): RecordFormat[] {
  const m = marks(o, empty)
  return RECORD_FORMATS.filter((f) => m.every((k) => owns(f, k, o)))
}

/** The formats whose keys a record without annotations uses (its empty `label`, `entities`, `spans`): a weak vote. */
export function formatsByEmptyKeys(o: Obj): RecordFormat[] {
  return marks(o, true).length ? formatsByKeys(o, true).filter((f) => FITS[f](o)) : []
}

const FITS: Record<RecordFormat, (o: Obj) => boolean> = {
  jsonl: (o) => isId(o.id) && typeof o.text === 'string' && absentOr(o.spans, (v) => listOf(v, nativeSpan)) && absentOr(o.relations, (v) => listOf(v, nativeRelation)),
  doccano: (o) =>
    (typeof o.text === 'string' || typeof o.data === 'string') &&
    (listOf(o.label ?? o.labels, triple) || listOf(o.label, (l) => typeof l === 'string') || hasDoccanoIdAnnotations(o)),
  'doccano-rel': (o) => typeof o.text === 'string' && listOf(o.entities, (e) => doccanoEntity(e) || triple(e)) && absentOr(o.relations, (v) => listOf(v, doccanoRelation)),
  prodigy: (o) =>
    typeof o.text === 'string' &&
    absentOr(o.spans, (v) => listOf(v, prodigySpan)) &&
    absentOr(o.tokens, (v) => listOf(v, prodigyToken)) &&
    absentOr(o.relations, (v) => listOf(v, prodigyRelation)) &&
    absentOr(o.label, (v) => typeof v === 'string') &&
    // A Prodigy mark: its answer, hashes, view id or tokens.
    ((typeof o.answer === 'string' && ANSWERS.has(o.answer)) || o._input_hash !== undefined || o._task_hash !== undefined || o._view_id !== undefined || Array.isArray(o.tokens)),
  labelstudio: (o) => isObj(o.data) || Array.isArray(o.annotations) || Array.isArray(o.predictions) || isJsonMinRecord(o),
  hf: (o) => listOf(o.tokens, (t) => typeof t === 'string') && Array.isArray(o.ner_tags),
}

/** The record formats a record fits (several only when its shape allows several readings). */
export function formatsFitting(o: Obj): RecordFormat[] {
  return formatsByKeys(o).filter((f) => FITS[f](o))
}

/** A record without annotations of any format: every reader takes its text alike, so it does not decide the format. */
export function isNeutral(o: Obj): boolean {
  return typeof o.text === 'string' && marks(o).length === 0
}

/** Names the marker keys of a record and the formats they belong to, for a refusal. */
export function describeMarkers(o: Obj): string {
  const keys = marks(o)
  if (!keys.length) return `its keys (${Object.keys(o).slice(0, 8).join(', ') || 'none'}) are no format's`
  return keys
    .map((k) => `"${k}" (${RECORD_FORMATS.filter((f) => owns(f, k, o)).join('/')})`)
    .join(', ')
}

/** A label-bearing (span-bearing) field of any format, by name. */
export const SPAN_FIELDS: readonly string[] = ['spans', 'relations', 'label', 'labels', 'entities', 'annotations', 'predictions', 'ner_tags']
