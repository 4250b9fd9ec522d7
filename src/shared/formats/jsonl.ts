import type { AttributeValue, DocStatus, Provenance, Relation, Span, SuggestionSource } from '../domain/model'
import { documentIdOut, idTypeMeta, withoutIdType } from './jsonIdType'
import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { RecordError } from './importRecord'
import type { ImportRecord, ImportRelation, ImportSpan } from './importRecord'
import { resolveSpanOffsets } from './spanChecks'
import { noteKeptIntegers, parseJsonKeepingIntegers } from './jsonIntegers'
import { expectArray, expectIndex, expectLabel, expectObject, expectString, isObject, jsonSyntaxReason, optionalAnnotator, refuseUnreadSpanFields } from './codecSupport'

const NATIVE_READS = ['spans', 'relations']
/** Every top-level field a native line may have. */
const NATIVE_FIELDS: ReadonlySet<string> = new Set(['id', 'text', 'meta', 'title', 'annotator', 'status', 'offsets', 'spans', 'relations'])
/** Every field a span or a relation of a native line may have. */
const SPAN_FIELDS: ReadonlySet<string> = new Set(['id', 'start', 'end', 'label', 'text', 'fragments', 'kind', 'trigger', 'attributes', 'note', 'norm', 'normText', 'provenance', 'suggestedBy'])
const RELATION_FIELDS: ReadonlySet<string> = new Set(['id', 'head', 'tail', 'label', 'kind', 'attributes', 'note', 'provenance'])
/** The start of every note about fields a line had that the format does not read (the codec adds where each was first seen). */
export const UNREAD_NOTE = /^(native jsonl fields|spans with a field|relations with a field) /u

/** Counts, by name, the fields of `o` not in `known` (a for-in over a span's few keys: no allocation when all are known). */
function countUnread(o: unknown, known: ReadonlySet<string>, what: string, notes: Record<string, number>): void {
  if (o === null || typeof o !== 'object') return
  for (const k in o) {
    if (known.has(k)) continue
    const key = `${what} native jsonl does not read, not imported: ${JSON.stringify(k)}`
    notes[key] = (notes[key] ?? 0) + 1
  }
}

/**
 * Spanwright's native JSONL: one document and one annotator's layer per line.
 * Offsets are code points unless the line says `"offsets": "utf16"`.
 *
 * The checks are written out by hand rather than with zod: this is the import
 * path for the biggest files, and a schema library's generality cost about
 * four times the JSON parse itself (measured on 10,000 lines).
 */

const STATUSES: readonly string[] = ['todo', 'in_progress', 'done']
const SPAN_KINDS: readonly string[] = ['entity', 'trigger']
const RELATION_KINDS: readonly string[] = ['binary', 'role', 'equiv']

/** An item id: a string of 1-200 characters or an integer, compared as text. */
function itemId(v: unknown, what: string): string {
  if (typeof v === 'string' && v.length > 0 && v.length <= 200) return v
  if (typeof v === 'number' && Number.isInteger(v)) return String(v)
  if (v === undefined) throw new RecordError(`${what} is missing (expected a string or an integer)`)
  throw new RecordError(`${what} must be a string of 1-200 characters or an integer, not ${JSON.stringify(v)?.slice(0, 60)}`)
}

function optionalText(v: unknown, what: string, max: number): string | undefined {
  if (v === undefined) return undefined
  const s = expectString(v, what)
  if (s.length > max) throw new RecordError(`${what} is longer than ${max} characters`)
  return s
}

function optionalEnum(v: unknown, what: string, values: readonly string[]): string | undefined {
  if (v === undefined) return undefined
  if (typeof v !== 'string' || !values.includes(v)) {
    throw new RecordError(`${what} must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}, not ${JSON.stringify(v)?.slice(0, 60)}`)
  }
  return v
}

function attributes(v: unknown, what: string): Record<string, AttributeValue> {
  if (v === undefined) return {}
  const o = expectObject(v, what)
  for (const [k, x] of Object.entries(o)) {
    if (k.length === 0 || k.length > 64) throw new RecordError(`${what}: attribute names are 1-64 characters`)
    const ok = typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x.length <= 1000)
    if (!ok) throw new RecordError(`${what}.${k} must be a boolean, a finite number or a string of at most 1000 characters`)
  }
  return o as Record<string, AttributeValue>
}

/** A gold item's `provenance`: {annotator, itemId, acceptedBy, acceptedAt, edited?}. */
function provenance(v: unknown, what: string): Provenance | undefined {
  if (v === undefined || v === null) return undefined
  const o = expectObject(v, what)
  const text = (x: unknown, field: string) => {
    const s = expectString(x, `${what}.${field}`)
    if (s.length === 0 || s.length > 200) throw new RecordError(`${what}.${field} must be 1-200 characters`)
    return s
  }
  if (o.edited !== undefined && typeof o.edited !== 'boolean') throw new RecordError(`${what}.edited must be true or false`)
  return {
    annotator: text(o.annotator, 'annotator'),
    itemId: itemId(o.itemId, `${what}.itemId`),
    acceptedBy: text(o.acceptedBy, 'acceptedBy'),
    acceptedAt: text(o.acceptedAt, 'acceptedAt'),
    edited: o.edited === true,
  }
}

/** An accepted suggestion's `suggestedBy`: {recommender, score (0-1), version (string or null)}. */
function suggestedBy(v: unknown, what: string): SuggestionSource {
  const o = expectObject(v, what)
  const recommender = expectString(o.recommender, `${what}.recommender`)
  if (recommender.length === 0 || recommender.length > 500) throw new RecordError(`${what}.recommender must be 1-500 characters`)
  if (typeof o.score !== 'number' || !(o.score >= 0 && o.score <= 1)) throw new RecordError(`${what}.score must be a number from 0 to 1`)
  const version = o.version === undefined || o.version === null ? null : expectString(o.version, `${what}.version`)
  if (version !== null && version.length > 200) throw new RecordError(`${what}.version must be at most 200 characters`)
  return { recommender, score: o.score, version }
}

function fragmentList(v: unknown, what: string): [number, number][] | undefined {
  if (v === undefined) return undefined
  const list = expectArray(v, what)
  if (list.length < 2 || list.length > 100) throw new RecordError(`${what} must list 2-100 [start, end] pairs`)
  return list.map((f, k) => {
    const pair = expectArray(f, `${what}[${k}]`)
    if (pair.length !== 2) throw new RecordError(`${what}[${k}] must be [start, end]`)
    return [expectIndex(pair[0], `${what}[${k}] start`), expectIndex(pair[1], `${what}[${k}] end`)]
  })
}

/** Parses one JSONL line (already split, without its line terminator). Throws RecordError. */
export function parseJsonlLine(raw: string, line: number, defaultUnit: OffsetUnit = 'codepoint'): ImportRecord {
  let json: unknown
  let kept = 0
  try {
    // Integers beyond 2^53 are kept as their digits (jsonIntegers.ts) and counted in the notes.
    ;({ json, kept } = parseJsonKeepingIntegers(raw))
  } catch (e) {
    throw new RecordError(jsonSyntaxReason((e as Error).message, raw), line)
  }
  if (!isObject(json)) throw new RecordError('expected a JSON object with "id" and "text"', line)
  try {
    const record = parseJsonlObject(json, line, defaultUnit)
    if (kept) record.notes = noteKeptIntegers(record.notes, kept)
    return record
  } catch (e) {
    if (e instanceof RecordError && e.line === undefined) throw new RecordError(e.message, line)
    throw e
  }
}

function parseJsonlObject(rec: Record<string, unknown>, line: number, defaultUnit: OffsetUnit): ImportRecord {
  refuseUnreadSpanFields(rec, NATIVE_READS, 'native jsonl')
  const externalId = itemId(rec.id, 'id')
  const text = expectString(rec.text, 'text')
  const meta = { ...(rec.meta === undefined ? {} : expectObject(rec.meta, 'meta')), ...idTypeMeta(rec.id) }
  const titleField = optionalText(rec.title, 'title', Infinity)
  const annotator = optionalAnnotator(typeof rec.annotator === 'string' ? rec.annotator.trim() : rec.annotator, 'annotator')
  const status = (optionalEnum(rec.status, 'status', STATUSES) ?? null) as DocStatus | null
  const offsets = optionalEnum(rec.offsets, 'offsets', ['codepoint', 'codepoints', 'utf16'])
  const unit: OffsetUnit = offsets === undefined ? defaultUnit : offsets === 'utf16' ? 'utf16' : 'codepoint'
  const conv = new OffsetConverter(text)

  const spans: ImportSpan[] = []
  const indexById = new Map<string, number>()
  const rawSpans = rec.spans === undefined ? [] : expectArray(rec.spans, 'spans')
  for (let i = 0; i < rawSpans.length; i++) {
    // Checked first without building the names of its fields (a dozen strings a span, a million spans
    // in a big import); only a span that fails is checked again, with names, for the message.
    let read: { id: string | undefined; span: ImportSpan }
    try {
      read = readSpan(rawSpans[i], i, conv, unit, false)
    } catch (e) {
      if (!(e instanceof RecordError)) throw e
      read = readSpan(rawSpans[i], i, conv, unit, true)
    }
    const { id, span } = read
    if (id !== undefined) {
      if (indexById.has(id)) throw new RecordError(`spans[${i}] (id ${id}): duplicate span id ${JSON.stringify(id)}`)
      indexById.set(id, i)
    }
    // An event that is not its trigger's own span (brat: several events on one T) names its trigger span.
    const trigger = (rawSpans[i] as { trigger?: unknown }).trigger
    if (trigger !== undefined && trigger !== null) {
      const tid = itemId(trigger, `spans[${i}].trigger`)
      const t = indexById.get(tid)
      if (t === undefined || t >= i) throw new RecordError(`spans[${i}]: trigger ${JSON.stringify(tid)} is not an earlier span id in this line`)
      if (span.kind !== 'trigger') throw new RecordError(`spans[${i}]: only an event (kind "trigger") names a trigger span`)
      span.trigger = t
    }
    spans.push(span)
  }

  const relationIds = new Set<string>()
  const rawRelations = rec.relations === undefined ? [] : expectArray(rec.relations, 'relations')
  const relations: ImportRelation[] = rawRelations.map((item, i) => {
    const r = expectObject(item, `relations[${i}]`)
    const id = r.id === undefined ? undefined : itemId(r.id, `relations[${i}].id`)
    const what = `relations[${i}]${id !== undefined ? ` (id ${id})` : ''}`
    if (id !== undefined) {
      if (relationIds.has(id)) throw new RecordError(`${what}: duplicate relation id ${JSON.stringify(id)}`)
      relationIds.add(id)
    }
    const label = expectLabel(r.label, `${what} label`)
    const headId = itemId(r.head, `${what} head`)
    const tailId = itemId(r.tail, `${what} tail`)
    const head = indexById.get(headId)
    const tail = indexById.get(tailId)
    if (head === undefined) throw new RecordError(`${what}: head ${JSON.stringify(headId)} is not a span id in this line`)
    if (tail === undefined) throw new RecordError(`${what}: tail ${JSON.stringify(tailId)} is not a span id in this line`)
    const kind = optionalEnum(r.kind, `${what} kind`, RELATION_KINDS)
    return {
      sourceId: id ?? null,
      label,
      head,
      tail,
      ...(kind && kind !== 'binary' ? { kind: kind as 'role' | 'equiv' } : {}),
      attributes: attributes(r.attributes, `${what} attributes`),
      note: optionalText(r.note, `${what} note`, 10_000) ?? '',
      ...optionalProvenance(r.provenance, `${what} provenance`),
    }
  })

  const title = titleField ?? (typeof meta.title === 'string' ? meta.title : externalId)
  // A line with neither spans, relations, annotator nor status is a document alone: it brings no (empty) layer.
  const layer = rec.spans !== undefined || rec.relations !== undefined || rec.annotator != null || rec.status != null
  // Fields this format has no place for are not imported, and the report names them (never dropped without a word).
  let notes: Record<string, number> | undefined
  for (const k in rec) if (!NATIVE_FIELDS.has(k)) (notes ??= {})[`native jsonl fields this format does not read, not imported: ${JSON.stringify(k)}`] = 1
  // Also a span's or a relation's (a script's "confidence" or "source" on each span).
  const inner: Record<string, number> = {}
  for (const raw of rawSpans) countUnread(raw, SPAN_FIELDS, 'spans with a field', inner)
  for (const raw of rawRelations) countUnread(raw, RELATION_FIELDS, 'relations with a field', inner)
  for (const k in inner) (notes ??= {})[k] = inner[k]
  return { line, externalId, title, text, meta, annotator, status, spans, relations, ...(layer ? {} : { layer: false }), ...(notes ? { notes } : {}) }
}

/** One span of a line; `named` builds each field's name for messages (else they are blank). */
function readSpan(raw: unknown, i: number, conv: OffsetConverter, unit: OffsetUnit, named: boolean): { id: string | undefined; span: ImportSpan } {
  const s = expectObject(raw, named ? `spans[${i}]` : '')
  const id = s.id === undefined ? undefined : itemId(s.id, named ? `spans[${i}].id` : '')
  const what = named ? `spans[${i}]${id !== undefined ? ` (id ${id})` : ''}` : ''
  const label = expectLabel(s.label, named ? `${what} label` : '')
  const expected = s.text === undefined ? undefined : expectString(s.text, named ? `${what} text` : '')
  const [start, end] = resolveSpanOffsets(conv, expectIndex(s.start, named ? `${what} start` : ''), expectIndex(s.end, named ? `${what} end` : ''), unit, what, expected)
  const rawFragments = s.fragments === undefined ? undefined : fragmentList(s.fragments, `${what} fragments`)
  const kind = s.kind === undefined ? undefined : optionalEnum(s.kind, `${what} kind`, SPAN_KINDS)
  const norm = s.norm === null || s.norm === undefined ? undefined : optionalText(s.norm, `${what} norm`, 500)
  const normText = s.normText === null || s.normText === undefined ? undefined : optionalText(s.normText, `${what} normText`, 500)
  const span: ImportSpan = {
    sourceId: id ?? null,
    label,
    start,
    end,
    fragments: rawFragments ? resolveFragments(conv, rawFragments, start, end, unit, what) : null,
    attributes: s.attributes === undefined ? {} : attributes(s.attributes, `${what} attributes`),
    note: (s.note === undefined ? undefined : optionalText(s.note, `${what} note`, 10_000)) ?? '',
    norm: norm ?? null,
  }
  if (kind && kind !== 'entity') span.kind = kind as 'trigger'
  if (normText) span.normText = normText
  if (s.provenance !== undefined && s.provenance !== null) {
    const p = provenance(s.provenance, `${what} provenance`)
    if (p) span.provenance = p
  }
  if (s.suggestedBy !== undefined && s.suggestedBy !== null) span.suggestedBy = suggestedBy(s.suggestedBy, `${what} suggestedBy`)
  return { id, span }
}

function optionalProvenance(v: unknown, what: string): { provenance?: Provenance } {
  const p = provenance(v, what)
  return p ? { provenance: p } : {}
}

/** Checks a discontinuous span's pieces: each a valid span, in order, not overlapping, covering exactly start-end. */
function resolveFragments(conv: OffsetConverter, raw: [number, number][], start: number, end: number, unit: OffsetUnit, what: string): [number, number][] {
  const out = raw.map(([s, e], k) => resolveSpanOffsets(conv, s, e, unit, `${what} fragments[${k}]`))
  for (let k = 1; k < out.length; k++) {
    if (out[k][0] < out[k - 1][1]) throw new RecordError(`${what}: fragments[${k}] overlaps or precedes fragments[${k - 1}]`)
  }
  if (out[0][0] !== start || out[out.length - 1][1] !== end) {
    throw new RecordError(`${what}: start and end must be the first fragment's start and the last fragment's end`)
  }
  return out
}

export interface JsonlLayer {
  externalId: string
  title: string
  text: string
  meta: Record<string, unknown>
  annotator: string
  /** Written only when given (the review status of the document). */
  status?: DocStatus | null
  spans: Span[]
  relations: Relation[]
}

/** True when the object has an own key (without listing them all: this runs for every exported span). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true
  return false
}

/**
 * Serializes one document layer as one JSONL line (no newline). Span ids are
 * the imported ids where they are unique in the layer, else `T<row id>`.
 */
export function serializeJsonlLine(layer: JsonlLayer, unit: OffsetUnit = 'codepoint'): string {
  const conv = new OffsetConverter(layer.text)
  const used = new Set<string>()
  const idOf = new Map<number, string>()
  for (const s of layer.spans) {
    let id = s.sourceId && !used.has(s.sourceId) ? s.sourceId : `T${s.id}`
    while (used.has(id)) id = `${id}_`
    used.add(id)
    idOf.set(s.id, id)
  }
  const relUsed = new Set<string>()
  // The title goes in meta.title, unless meta holds a title of its own that is not it (a number, or a line that gave
  // both `title` and `meta.title`): then meta stays as it was and the title is the line's own `title`, as read.
  const given = withoutIdType(layer.meta)
  const own = given.title
  const apart = own !== undefined && own !== layer.title
  const meta = apart ? given : { ...given, title: layer.title }
  const out: Record<string, unknown> = { id: documentIdOut(layer.externalId, layer.meta), ...(apart ? { title: layer.title } : {}), text: layer.text, meta, annotator: layer.annotator }
  if (unit === 'utf16') out.offsets = 'utf16'
  if (layer.status) out.status = layer.status
  out.spans = layer.spans.map((s) => {
    const o: Record<string, unknown> = {
      id: idOf.get(s.id),
      start: conv.toUnit(s.start, unit),
      end: conv.toUnit(s.end, unit),
      label: s.label,
      text: layer.text.slice(s.start, s.end),
    }
    if (s.fragments) o.fragments = s.fragments.map(([a, b]) => [conv.toUnit(a, unit), conv.toUnit(b, unit)])
    if (s.kind && s.kind !== 'entity') o.kind = s.kind
    if (s.triggerId != null && idOf.has(s.triggerId)) o.trigger = idOf.get(s.triggerId)
    if (hasKeys(s.attributes)) o.attributes = s.attributes
    if (s.note) o.note = s.note
    if (s.norm) o.norm = s.norm
    if (s.normText) o.normText = s.normText
    if (s.provenance) o.provenance = s.provenance
    if (s.suggestedBy) o.suggestedBy = s.suggestedBy
    return o
  })
  out.relations = layer.relations.map((r) => {
    let id = r.sourceId && !relUsed.has(r.sourceId) ? r.sourceId : `R${r.id}`
    while (relUsed.has(id)) id = `${id}_`
    relUsed.add(id)
    const o: Record<string, unknown> = { id, head: idOf.get(r.headId), tail: idOf.get(r.tailId), label: r.label }
    if (r.kind && r.kind !== 'binary') o.kind = r.kind
    if (hasKeys(r.attributes)) o.attributes = r.attributes
    if (r.note) o.note = r.note
    if (r.provenance) o.provenance = r.provenance
    return o
  })
  return JSON.stringify(out)
}
