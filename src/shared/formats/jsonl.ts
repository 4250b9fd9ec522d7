import { z } from 'zod'
import { AnnotatorName, Attributes, DocStatus, LabelName } from '../domain/model'
import type { Relation, Span } from '../domain/model'
import { describeIssues } from '../api/validate'
import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { RecordError } from './importRecord'
import type { ImportRecord, ImportRelation, ImportSpan } from './importRecord'
import { resolveSpanOffsets } from './spanChecks'

/**
 * Spanwright's native JSONL: one document and one annotator's layer per line.
 * Offsets are code points unless the line says `"offsets": "utf16"`.
 */

const ItemId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String)
const Offset = z.number().int('offsets must be integers').nonnegative('offsets cannot be negative')

const JsonlSpan = z.object({
  id: ItemId.optional(),
  start: Offset,
  end: Offset,
  label: LabelName,
  text: z.string().optional(),
  attributes: Attributes.optional(),
  note: z.string().max(10_000).optional(),
  norm: z.string().max(500).nullable().optional(),
})

const JsonlRelation = z.object({
  id: ItemId.optional(),
  head: ItemId,
  tail: ItemId,
  label: LabelName,
  attributes: Attributes.optional(),
  note: z.string().max(10_000).optional(),
})

const JsonlLine = z.object({
  id: ItemId,
  text: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
  title: z.string().optional(),
  annotator: AnnotatorName.optional(),
  status: DocStatus.optional(),
  offsets: z.enum(['codepoint', 'codepoints', 'utf16']).optional(),
  spans: z.array(JsonlSpan).optional(),
  relations: z.array(JsonlRelation).optional(),
})

/** Parses one JSONL line (already split, without its line terminator). Throws RecordError. */
export function parseJsonlLine(raw: string, line: number): ImportRecord {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (e) {
    throw new RecordError(`not valid JSON (${(e as Error).message})`, line)
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new RecordError('expected a JSON object with "id" and "text"', line)
  }
  const parsed = JsonlLine.safeParse(json)
  if (!parsed.success) throw new RecordError(describeIssues(parsed.error.issues), line)
  const rec = parsed.data
  const unit: OffsetUnit = rec.offsets === 'utf16' ? 'utf16' : 'codepoint'
  const conv = new OffsetConverter(rec.text)

  const spans: ImportSpan[] = []
  const indexById = new Map<string, number>()
  ;(rec.spans ?? []).forEach((s, i) => {
    const what = `spans[${i}]${s.id !== undefined ? ` (id ${s.id})` : ''}`
    const [start, end] = resolveSpanOffsets(conv, s.start, s.end, unit, what, s.text)
    if (s.id !== undefined) {
      if (indexById.has(s.id)) throw new RecordError(`${what}: duplicate span id ${JSON.stringify(s.id)}`, line)
      indexById.set(s.id, i)
    }
    spans.push({
      sourceId: s.id ?? null,
      label: s.label,
      start,
      end,
      fragments: null,
      attributes: s.attributes ?? {},
      note: s.note ?? '',
      norm: s.norm ?? null,
    })
  })

  const relationIds = new Set<string>()
  const relations: ImportRelation[] = (rec.relations ?? []).map((r, i) => {
    const what = `relations[${i}]${r.id !== undefined ? ` (id ${r.id})` : ''}`
    if (r.id !== undefined) {
      if (relationIds.has(r.id)) throw new RecordError(`${what}: duplicate relation id ${JSON.stringify(r.id)}`, line)
      relationIds.add(r.id)
    }
    const head = indexById.get(r.head)
    const tail = indexById.get(r.tail)
    if (head === undefined) throw new RecordError(`${what}: head ${JSON.stringify(r.head)} is not a span id in this line`, line)
    if (tail === undefined) throw new RecordError(`${what}: tail ${JSON.stringify(r.tail)} is not a span id in this line`, line)
    return { sourceId: r.id ?? null, label: r.label, head, tail, attributes: r.attributes ?? {}, note: r.note ?? '' }
  })

  const meta = rec.meta ?? {}
  const title = rec.title ?? (typeof meta.title === 'string' ? meta.title : rec.id)
  return {
    line,
    externalId: rec.id,
    title,
    text: rec.text,
    meta,
    annotator: rec.annotator ?? null,
    status: rec.status ?? null,
    spans,
    relations,
  }
}

export interface JsonlLayer {
  externalId: string
  title: string
  text: string
  meta: Record<string, unknown>
  annotator: string
  spans: Span[]
  relations: Relation[]
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
  const meta = { ...layer.meta, title: layer.title }
  const out: Record<string, unknown> = { id: layer.externalId, text: layer.text, meta, annotator: layer.annotator }
  if (unit === 'utf16') out.offsets = 'utf16'
  out.spans = layer.spans.map((s) => {
    const o: Record<string, unknown> = {
      id: idOf.get(s.id),
      start: conv.toUnit(s.start, unit),
      end: conv.toUnit(s.end, unit),
      label: s.label,
      text: layer.text.slice(s.start, s.end),
    }
    if (Object.keys(s.attributes).length) o.attributes = s.attributes
    if (s.note) o.note = s.note
    if (s.norm) o.norm = s.norm
    return o
  })
  out.relations = layer.relations.map((r) => {
    let id = r.sourceId && !relUsed.has(r.sourceId) ? r.sourceId : `R${r.id}`
    while (relUsed.has(id)) id = `${id}_`
    relUsed.add(id)
    const o: Record<string, unknown> = { id, head: idOf.get(r.headId), tail: idOf.get(r.tailId), label: r.label }
    if (Object.keys(r.attributes).length) o.attributes = r.attributes
    if (r.note) o.note = r.note
    return o
  })
  return JSON.stringify(out)
}
