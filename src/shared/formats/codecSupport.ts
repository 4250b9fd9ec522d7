import { ANNOTATOR_NAME_CHARACTERS } from '../domain/model'
import type { AttributeValue, Relation, Span } from '../domain/model'
import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import type { DecodeContext, DecodeItem, SourceLine, StreamCodec } from './formatCodec'
import { RecordError, recordFault } from './importRecord'
import type { ImportRecord, ImportRelation, ImportSpan } from './importRecord'
import { resolveSpanOffsets } from './spanChecks'
import { countOf } from '../text/plural'
import { noteKeptIntegers, parseJsonKeepingIntegers } from './jsonIntegers'

/**
 * Pieces the record-per-line codecs share: the decode loop that turns each
 * thrown RecordError into a line error and goes on, checks for JSON shapes
 * (with messages that name the field), and span/relation collection with the
 * same checks every format must make.
 */

/** Runs `parse` on every non-blank line; a RecordError becomes that line's error, and decoding goes on. */
export function* decodeEachLine<T>(
  lines: Iterable<SourceLine>,
  ctx: DecodeContext,
  parse: (json: unknown, line: number) => T | T[],
  toItem: (value: T) => DecodeItem,
): Iterable<DecodeItem> {
  for (const { line, raw } of lines) {
    if (raw.trim() === '') continue
    try {
      const { json, kept } = parseJsonLine(raw, line)
      const out = parse(json, line)
      const items = (Array.isArray(out) ? out : [out]).map(toItem)
      // Integers beyond 2^53 are kept as their digits (jsonIntegers.ts), and counted on the line's first record.
      const first = items.find((it): it is { record: ImportRecord } => 'record' in it)
      if (kept && first) first.record.notes = noteKeptIntegers(first.record.notes, kept)
      yield* items
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}

/** The decode of a format with one record a line: `parse` reads a line's JSON into its record. */
export function recordPerLine(parse: (json: unknown, line: number, unit: OffsetUnit) => ImportRecord): StreamCodec['decode'] {
  return (lines, ctx) => decodeEachLine(lines, ctx, (json, line) => parse(json, line, ctx.unit), (record) => ({ record }))
}

export function lineError(ctx: DecodeContext, e: unknown, line: number): { file: string; line: number; reason: string } {
  if (e instanceof RecordError) return recordFault(ctx.file, e, line)
  throw e
}

/** A bare NaN, Infinity or -Infinity as a value, as Python's json.dump writes them by default. */
const PYTHON_NUMBER = /[:[,]\s*-?(NaN|Infinity)\s*[,\]}]/u

/** Why JSON.parse refused `text`, with what to do when it is Python's NaN or Infinity. */
export function jsonSyntaxReason(message: string, text: string): string {
  const python = /token 'N'|token 'I'|minus sign/u.test(message) && PYTHON_NUMBER.test(text)
  return `not valid JSON (${message})${python ? '; NaN and Infinity are not JSON: Python writes them unless json.dump(..., allow_nan=False); write null instead' : ''}`
}

/** One line's JSON, integers beyond 2^53 kept as their digits (jsonIntegers.ts), with how many; a RecordError if not JSON. */
export function parseJsonLine(raw: string, line: number): { json: unknown; kept: number } {
  try {
    return parseJsonKeepingIntegers(raw)
  } catch (e) {
    throw new RecordError(jsonSyntaxReason((e as Error).message, raw), line)
  }
}

export function parseJson(raw: string, line: number): unknown {
  return parseJsonLine(raw, line).json
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function kind(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN'
  return typeof v === 'object' ? 'an object' : `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40)})`
}

/** "x must be E, not K", or "x is missing" for an absent field. */
function fault(what: string, expected: string, v: unknown): RecordError {
  if (v === undefined) return new RecordError(`${what} is missing (expected ${expected})`)
  return new RecordError(`${what} must be ${expected}, not ${kind(v)}`)
}

export function expectObject(v: unknown, what: string): Record<string, unknown> {
  if (!isObject(v)) throw fault(what, 'an object', v)
  return v
}

export function expectArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw fault(what, 'an array', v)
  return v
}

export function expectString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw fault(what, 'a string', v)
  return v
}

/** A non-negative integer offset or index. JSON cannot carry NaN, but a string "NaN" or 1.5 is refused here. */
export function expectIndex(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw fault(what, 'a non-negative integer', v)
  }
  return v
}

export function expectLabel(v: unknown, what: string): string {
  // Only its type here: the naming rule (LabelName) is checked by the import's record validator, after
  // --map-label has renamed what the file's tool allowed ("Named Entity"), for every format alike.
  const label = expectString(v, what)
  if (label.length === 0) throw new RecordError(`${what}: a label name cannot be empty`)
  return label
}

/** An item id as files give it: a string or an integer, compared as text. */
export function expectId(v: unknown, what: string): string {
  if (typeof v === 'string' && v.length > 0) return v
  if (typeof v === 'number' && Number.isInteger(v)) return String(v)
  throw fault(what, 'a string or an integer', v)
}

/** Adds the line number to a RecordError thrown without one. */
export function atLine<T>(line: number, f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (e instanceof RecordError && e.line === undefined) throw new RecordError(e.message, line)
    throw e
  }
}

/**
 * Collects one record's spans and relations: converts and checks offsets,
 * refuses duplicate ids and relations to spans that are not there.
 */
export class LayerBuilder {
  readonly conv: OffsetConverter
  readonly spans: ImportSpan[] = []
  readonly relations: ImportRelation[] = []
  private readonly spanIndex = new Map<string, number>()
  private readonly relationIds = new Set<string>()

  constructor(
    text: string,
    readonly unit: OffsetUnit,
  ) {
    this.conv = new OffsetConverter(text)
  }

  /** Returns the new span's index. `expectedText`, when the file gives it, must equal the covered text. */
  addSpan(what: string, id: string | null, start: number, end: number, label: string, expectedText?: string, extra: Partial<ImportSpan> = {}): number {
    const [s, e] = resolveSpanOffsets(this.conv, start, end, this.unit, what, expectedText)
    if (id !== null) {
      if (this.spanIndex.has(id)) throw new RecordError(`${what}: duplicate span id ${JSON.stringify(id)}`)
      this.spanIndex.set(id, this.spans.length)
    }
    this.spans.push({ sourceId: id, label, start: s, end: e, fragments: null, attributes: {}, note: '', norm: null, ...extra })
    return this.spans.length - 1
  }

  spanById(id: string, what: string): number {
    const i = this.spanIndex.get(id)
    if (i === undefined) throw new RecordError(`${what}: ${JSON.stringify(id)} is not a span id in this record`)
    return i
  }

  addRelation(what: string, id: string | null, head: number, tail: number, label: string, attributes: Record<string, AttributeValue> = {}, note = ''): void {
    if (id !== null) {
      if (this.relationIds.has(id)) throw new RecordError(`${what}: duplicate relation id ${JSON.stringify(id)}`)
      this.relationIds.add(id)
    }
    this.relations.push({ sourceId: id, label, head, tail, attributes, note })
  }
}

/** A `[start, end, "LABEL"]` triple (doccano's `label`, spaCy's `entities`) added as a span. */
export function addTripleSpan(layer: LayerBuilder, item: unknown, what: string): void {
  const triple = expectArray(item, what)
  if (triple.length !== 3) throw new RecordError(`${what} must be [start, end, "LABEL"], not ${triple.length} items`)
  layer.addSpan(what, null, expectIndex(triple[0], `${what} start`), expectIndex(triple[1], `${what} end`), expectLabel(triple[2], `${what} label`))
}

/**
 * Ids for exported items: the imported id where it is unique in the layer,
 * else one made from the row id. `numeric` formats (doccano) need integers.
 */
export function exportIds(items: readonly (Span | Relation)[], prefix: string, numeric = false): Map<number, string | number> {
  const used = new Set<string>()
  const out = new Map<number, string | number>()
  // A discontinuous span's later fragments have negative ids (fragmentsAsSpans): numbered past the items' own ids
  // (and, for numeric ids, past their source ids, so no later item loses its own to a fragment).
  let fresh = items.reduce((m, it) => Math.max(m, it.id, numeric && it.sourceId !== null && /^[1-9][0-9]{0,14}$/.test(it.sourceId) ? Number(it.sourceId) : 0), 0)
  for (const it of items) {
    const src = it.sourceId
    const own = it.id < 0 ? ++fresh : it.id
    let id: string
    if (numeric) {
      id = src !== null && /^(0|[1-9][0-9]{0,14})$/.test(src) && !used.has(src) ? src : String(own)
      while (used.has(id)) id = String(Number(id) + 1_000_000_000)
    } else {
      id = src && !used.has(src) ? src : `${prefix}${own}`
      while (used.has(id)) id = `${id}_`
    }
    used.add(id)
    out.set(it.id, numeric ? Number(id) : id)
  }
  return out
}

/** Optional annotator name from a file field (null when absent; an error when malformed). */
export function optionalAnnotator(v: unknown, what: string): string | null {
  if (v === undefined || v === null) return null
  const name = expectString(v, what)
  if (name.length > 80 || !ANNOTATOR_NAME_CHARACTERS.test(name)) {
    throw new RecordError(`${what} ${JSON.stringify(name)} is not a valid annotator name (no whitespace, slashes or control characters, at most 80 characters)`)
  }
  return name
}

/** `meta` and `title` as the native JSONL carries them, for formats that keep extra keys. */
export function metaAndTitle(o: Record<string, unknown>, fallbackTitle: string): { meta: Record<string, unknown>; title: string } {
  const meta = o.meta === undefined ? {} : expectObject(o.meta, 'meta')
  const title = typeof o.title === 'string' ? o.title : typeof meta.title === 'string' ? meta.title : fallbackTitle
  return { meta, title }
}

/** Span-bearing fields of every format, and the format whose reader takes each. */
const SPAN_FIELD_OWNERS: Record<string, string> = {
  spans: 'jsonl or prodigy',
  relations: 'jsonl, doccano-rel or prodigy',
  label: 'doccano',
  labels: 'doccano',
  entities: 'doccano-rel',
  annotations: 'labelstudio',
  predictions: 'labelstudio',
  ner_tags: 'conll',
}

const SPAN_FIELD_LIST = Object.entries(SPAN_FIELD_OWNERS)

/**
 * Refuses a record that holds annotations in a field this format does not
 * read (a native line read as doccano, a doccano line read as native):
 * reading it would store nothing of them and report success.
 */
export function refuseUnreadSpanFields(o: Record<string, unknown>, reads: readonly string[], format: string): void {
  // Runs for every record of a big import: a plain loop over a fixed list, no allocation.
  for (const [field, owner] of SPAN_FIELD_LIST) {
    const v = o[field]
    if (v === undefined || reads.includes(field)) continue
    if (Array.isArray(v) && v.length > 0) {
      throw new RecordError(`"${field}" holds ${countOf(v.length, 'item')} that the ${format} format does not read, so they would be lost; import this file as ${owner} (--format)`)
    }
  }
}
