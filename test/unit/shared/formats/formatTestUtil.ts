import type { Relation, Span } from '../../../../src/shared/domain/model'
import type { DecodeItem, ExportLayer, StreamCodec } from '../../../../src/shared/formats/formatCodec'
import type { ImportRecord, LineError } from '../../../../src/shared/formats/importRecord'
import type { OffsetUnit } from '../../../../src/shared/text/offsets'
import { spanFixture } from '../../../helpers/spanFixture'

/** Test helpers: build export layers, run codecs over text, and compare layers. */

export type SpanSpec = [start: number, end: number, label: string, sourceId?: string]
export type RelationSpec = [head: number, tail: number, label: string]

export function makeLayer(text: string, spans: SpanSpec[], relations: RelationSpec[] = [], extra: Partial<ExportLayer> = {}): ExportLayer {
  const spanRows: Span[] = spans.map(([start, end, label, sourceId], i) =>
    spanFixture({ id: 100 + i, annotator: 'alice', label, start, end, sourceId: sourceId ?? null }),
  )
  const relationRows: Relation[] = relations.map(([head, tail, label], i) => ({
    id: 500 + i,
    documentId: 1,
    annotator: 'alice',
    label,
    headId: spanRows[head].id,
    tailId: spanRows[tail].id,
    kind: 'binary',
    attributes: {},
    note: '',
    sourceId: null,
    createdAt: '',
  }))
  return { externalId: 'doc-1', title: 'Doc one', text, meta: {}, annotator: 'alice', status: null, spans: spanRows, relations: relationRows, ...extra }
}

export function encodeAll(codec: StreamCodec, layers: ExportLayer[], unit: OffsetUnit = 'codepoint'): { out: string; warnings: string[] } {
  const warnings: string[] = []
  const out = [...codec.encode(layers, { unit, warn: (m) => warnings.push(m) })].join('')
  return { out, warnings }
}

/** Splits like the import service: on \n, a trailing \r dropped from each line. */
export function decodeAll(codec: StreamCodec, text: string, unit: OffsetUnit = 'codepoint', file = 'in.txt'): DecodeItem[] {
  const lines = text.split('\n').map((raw, i) => ({ line: i + 1, raw: raw.endsWith('\r') ? raw.slice(0, -1) : raw }))
  return [...codec.decode(lines, { file, unit })]
}

export function records(items: DecodeItem[]): ImportRecord[] {
  const errors = items.filter((i): i is { error: LineError } => 'error' in i).map((i) => i.error)
  if (errors.length) throw new Error(`unexpected errors: ${JSON.stringify(errors)}`)
  return items.map((i) => (i as { record: ImportRecord }).record)
}

export function errors(items: DecodeItem[]): LineError[] {
  return items.filter((i): i is { error: LineError } => 'error' in i).map((i) => i.error)
}

/** What a layer says, independent of row ids: spans by position and label, relations by span index. */
export function layerView(layer: ExportLayer): { spans: [number, number, string][]; relations: RelationSpec[] } {
  const index = new Map(layer.spans.map((s, i) => [s.id, i]))
  return {
    spans: layer.spans.map((s) => [s.start, s.end, s.label]),
    relations: layer.relations.map((r) => [index.get(r.headId)!, index.get(r.tailId)!, r.label]),
  }
}

export function recordView(record: ImportRecord): { spans: [number, number, string][]; relations: RelationSpec[] } {
  return {
    spans: record.spans.map((s) => [s.start, s.end, s.label]),
    relations: record.relations.map((r) => [r.head, r.tail, r.label]),
  }
}

/** Slices by code point offsets, as Python does. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('')
}
