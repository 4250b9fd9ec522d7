import { OffsetConverter } from '../text/offsets'
import { documentIdOut, idTypeMeta, withoutIdType } from './jsonIdType'
import { textHash } from '../text/textHash'
import type { ExportLayer, StreamCodec } from './formatCodec'
import { decodeLinesOrArray } from './doccanoJsonArray'
import { hasDoccanoIdAnnotations } from './formatShapes'
import { fragmentsAsSpans } from './fragmentSpans'
import { RecordError } from './importRecord'
import type { ImportRecord } from './importRecord'
import {
  LayerBuilder,
  addTripleSpan,
  atLine,
  expectArray,
  expectId,
  expectIndex,
  expectLabel,
  expectObject,
  expectString,
  exportIds,
  metaAndTitle,
  optionalAnnotator,
  refuseUnreadSpanFields,
} from './codecSupport'

/** The report note for a `label` triple given twice in one line. */
export const DUPLICATE_NOTE = 'identical duplicate doccano spans (same offsets and label) in one line, kept once'
/** Text classification's `label: ["positive"]` and intent detection's `cats`: about the document, not a span. */
export const CATEGORIES_NOTE = 'doccano document categories (`cats`, the `label` list of a text classification export, or doccano 1.0 annotations without offsets), kept in meta and written back, not annotations'
/** doccano 1.0's `annotations` name their label by a project label id, which the file does not resolve. */
export const LABEL_ID_NOTE = 'doccano 1.0 spans labelled by a project label id (as doccano-transformer reads them); rename them with --map-label <id>=<name>'

/**
 * doccano's two JSONL exports: sequence labeling (`label: [[s, e, "L"]]`) and
 * relation extraction (`entities` with `start_offset`/`end_offset`, and
 * `relations` with `from_id`/`to_id`/`type`). doccano ignores keys it does not
 * know, so the export also writes `annotator` and `meta` (with the title) so a
 * round trip keeps them. A line without an `id` is named after its text's hash.
 */

/** The fields every doccano line shares: id, text (doccano 1.x writes it under `data`, as flair's JsonlCorpus reads it), annotator, meta. */
function documentFields(o: Record<string, unknown>): Pick<ImportRecord, 'externalId' | 'title' | 'text' | 'meta' | 'annotator'> {
  const text = o.text === undefined && typeof o.data === 'string' ? o.data : expectString(o.text, 'text')
  const externalId = o.id === undefined ? `doc-${textHash(text)}` : expectId(o.id, 'id')
  const { meta: own, title } = metaAndTitle(o, externalId)
  const meta = { ...own, ...idTypeMeta(o.id) }
  const annotator = optionalAnnotator(o.annotator ?? (typeof o.user === 'string' ? o.user : undefined), 'annotator')
  // Fields this reader has no place for (Comments, annotation_approver, a numeric user…): kept, and written back.
  const extra = Object.keys(o).filter((k) => !READ_KEYS.has(k) && !(k === 'user' && typeof o.user === 'string') && !(k === 'data' && text === o.data))
  return { externalId, title, text, meta: extra.length ? { ...meta, [DOCCANO_META_KEY]: Object.fromEntries(extra.map((k) => [k, o[k]])) } : meta, annotator }
}

/** The keys either doccano reader reads (the others are kept under meta.doccano). */
const READ_KEYS = new Set(['id', 'text', 'label', 'labels', 'entities', 'relations', 'meta', 'title', 'annotator'])
const DOCCANO_META_KEY = 'doccano'

/** The fields a doccano line had that no reader took, to write back at the top level. */
function extraFields(layer: ExportLayer): Record<string, unknown> {
  return extraFieldsOf(layer.meta)
}

function parseSequenceLine(json: unknown, line: number, unit: 'codepoint' | 'utf16'): ImportRecord | ImportRecord[] {
  return atLine(line, () => {
    const o = expectObject(json, 'a doccano line')
    const idAnnotations = hasDoccanoIdAnnotations(o)
    refuseUnreadSpanFields(o, idAnnotations ? ['annotations'] : ['label', 'labels'], 'doccano')
    const doc = documentFields(o)
    if (idAnnotations) return labelIdRecords(o, doc, line, unit)
    const layer = new LayerBuilder(doc.text, unit)
    const labels = o.label ?? o.labels ?? []
    // doccano's text classification export: `label` lists category names, which belong to the document.
    if (Array.isArray(labels) && labels.length > 0 && labels.every((l) => typeof l === 'string')) return categoryLine(o, doc, labels as string[], line)
    // The same triple twice has nothing to tell the two apart (no id, note or attribute): one annotation, counted.
    const seen = new Set<string>()
    let duplicates = 0
    expectArray(labels, 'label').forEach((item, i) => {
      const key = JSON.stringify(item)
      if (seen.has(key)) duplicates++
      else addTripleSpan(layer, item, `label[${i}]`)
      seen.add(key)
    })
    const notes = { ...(duplicates ? { [DUPLICATE_NOTE]: duplicates } : {}), ...unreadNotes(o) }
    return { line, ...doc, status: null, spans: layer.spans, relations: [], ...(Object.keys(notes).length ? { notes } : {}) }
  })
}

/** What a line holds that is kept in meta but is no annotation: categories. */
function unreadNotes(o: Record<string, unknown>): Record<string, number> {
  return Array.isArray(o.cats) && o.cats.length ? { [CATEGORIES_NOTE]: 1 } : {}
}

/**
 * doccano 1.0's export (its JSONPainter; what doccano-transformer reads): `annotations` of `{label: <label id>,
 * start_offset, end_offset, user: <user id>}`, several users' in one line. Each user's spans are that user's layer
 * (`user<N>`, as for a bare Label Studio user id), labelled by the label id as doccano-transformer labels them.
 */
function labelIdRecords(o: Record<string, unknown>, doc: ReturnType<typeof documentFields>, line: number, unit: 'codepoint' | 'utf16'): ImportRecord[] {
  const layers = new Map<string, { annotator: string | null; builder: LayerBuilder; seen: Set<string> }>()
  let duplicates = 0
  // A text classification project's annotations have no offsets: categories of the document, kept to be written back.
  const categories: unknown[] = []
  ;(o.annotations as unknown[]).forEach((item, i) => {
    const what = `annotations[${i}]`
    const a = expectObject(item, what)
    if (a.start_offset === undefined && a.end_offset === undefined) return void categories.push(item)
    const user = a.user === undefined || a.user === null ? doc.annotator : typeof a.user === 'number' ? `user${expectId(a.user, `${what}.user`)}` : optionalAnnotator(a.user, `${what}.user`)
    const label = typeof a.label === 'number' ? String(expectId(a.label, `${what}.label`)) : expectLabel(a.label, `${what}.label`)
    let layer = layers.get(user ?? '')
    if (!layer) layers.set(user ?? '', (layer = { annotator: user, builder: new LayerBuilder(doc.text, unit), seen: new Set() }))
    const key = `${a.start_offset}:${a.end_offset}:${label}`
    if (layer.seen.has(key)) return void duplicates++
    layer.seen.add(key)
    layer.builder.addSpan(what, null, expectIndex(a.start_offset, `${what}.start_offset`), expectIndex(a.end_offset, `${what}.end_offset`), label)
  })
  const { annotations: _read, ...kept } = extraFieldsOf(doc.meta)
  if (categories.length) kept.annotations = categories
  const { [DOCCANO_META_KEY]: _extras, ...rest } = doc.meta
  const meta = Object.keys(kept).length ? { ...rest, [DOCCANO_META_KEY]: kept } : rest
  const spans = [...layers.values()].reduce((n, l) => n + l.builder.spans.length, 0)
  const notes = { ...(spans ? { [LABEL_ID_NOTE]: spans } : {}), ...(categories.length ? { [CATEGORIES_NOTE]: 1 } : {}), ...(duplicates ? { [DUPLICATE_NOTE]: duplicates } : {}) }
  const found = [...layers.values()]
  if (!found.length) return [{ line, ...doc, meta, status: null, spans: [], relations: [], notes }]
  return found.map((l, i) => ({ line, ...doc, meta, annotator: l.annotator, status: null, spans: l.builder.spans, relations: [], ...(i === 0 ? { notes } : {}) }))
}

/** A text classification line: no spans; its categories kept under meta as `cats` (the `label` key is the spans' on export). */
function categoryLine(o: Record<string, unknown>, doc: ReturnType<typeof documentFields>, cats: string[], line: number): ImportRecord {
  if (o.cats !== undefined) throw new RecordError('a doccano line has both category names in `label` and a `cats` field')
  const kept = { ...extraFieldsOf(doc.meta), cats }
  return { line, ...doc, meta: { ...doc.meta, [DOCCANO_META_KEY]: kept }, status: null, spans: [], relations: [], notes: { [CATEGORIES_NOTE]: 1 } }
}

function extraFieldsOf(meta: Record<string, unknown>): Record<string, unknown> {
  const v = meta[DOCCANO_META_KEY]
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

function parseRelationLine(json: unknown, line: number, unit: 'codepoint' | 'utf16'): ImportRecord {
  return atLine(line, () => {
    const o = expectObject(json, 'a doccano line')
    refuseUnreadSpanFields(o, ['entities', 'relations'], 'doccano-rel')
    const doc = documentFields(o)
    const layer = new LayerBuilder(doc.text, unit)
    expectArray(o.entities ?? [], 'entities').forEach((item, i) => {
      // Intent detection and slot filling exports its spans as `[start, end, "LABEL"]` beside `cats`.
      if (Array.isArray(item)) return addTripleSpan(layer, item, `entities[${i}]`)
      const e = expectObject(item, `entities[${i}]`)
      const id = e.id === undefined ? null : expectId(e.id, `entities[${i}].id`)
      const what = `entities[${i}]${id !== null ? ` (id ${id})` : ''}`
      layer.addSpan(what, id, expectIndex(e.start_offset, `${what} start_offset`), expectIndex(e.end_offset, `${what} end_offset`), expectLabel(e.label, `${what} label`))
    })
    expectArray(o.relations ?? [], 'relations').forEach((item, i) => {
      const r = expectObject(item, `relations[${i}]`)
      const id = r.id === undefined ? null : expectId(r.id, `relations[${i}].id`)
      const what = `relations[${i}]${id !== null ? ` (id ${id})` : ''}`
      const head = layer.spanById(expectId(r.from_id, `${what} from_id`), `${what} from_id`)
      const tail = layer.spanById(expectId(r.to_id, `${what} to_id`), `${what} to_id`)
      layer.addRelation(what, id, head, tail, expectLabel(r.type, `${what} type`))
    })
    const notes = unreadNotes(o)
    return { line, ...doc, status: null, spans: layer.spans, relations: layer.relations, ...(Object.keys(notes).length ? { notes } : {}) }
  })
}

function commonOut(layer: ExportLayer): Record<string, unknown> {
  return { id: documentIdOut(layer.externalId, layer.meta), text: layer.text }
}

/** What doccano does not read but a round trip needs: the annotator, and meta with the title (left out when there is neither). */
function trailer(layer: ExportLayer): Record<string, unknown> {
  const titled = layer.title !== layer.externalId
  const meta = { ...withoutIdType(layer.meta) }
  delete meta[DOCCANO_META_KEY]
  const back = { ...extraFields(layer), annotator: layer.annotator }
  if (!titled && Object.keys(meta).length === 0) return back
  return { ...back, meta: titled ? { ...meta, title: layer.title } : meta }
}

export const doccanoCodec: StreamCodec = {
  name: 'doccano',
  extensions: ['.jsonl', '.json'],
  lossy: 'doccano sequence labeling keeps no relations, span ids, attributes, notes or normalization ids',
  decode: (lines, ctx) => decodeLinesOrArray(lines, ctx, (json, line) => parseSequenceLine(json, line, ctx.unit)),
  *encode(layers, ctx) {
    for (const layer of fragmentsAsSpans(layers, ctx, 'doccano')) {
      const conv = new OffsetConverter(layer.text)
      const label = layer.spans.map((s) => [conv.toUnit(s.start, ctx.unit), conv.toUnit(s.end, ctx.unit), s.label])
      yield `${JSON.stringify({ ...commonOut(layer), label, ...trailer(layer) })}\n`
    }
  },
}

export const doccanoRelCodec: StreamCodec = {
  name: 'doccano-rel',
  extensions: ['.jsonl', '.json'],
  lossy: 'doccano relation extraction keeps no attributes, notes or normalization ids',
  decode: (lines, ctx) => decodeLinesOrArray(lines, ctx, (json, line) => parseRelationLine(json, line, ctx.unit)),
  *encode(layers, ctx) {
    for (const layer of fragmentsAsSpans(layers, ctx, 'doccano-rel')) {
      const conv = new OffsetConverter(layer.text)
      const spanIds = exportIds(layer.spans, 'T', true)
      const relIds = exportIds(layer.relations, 'R', true)
      const entities = layer.spans.map((s) => ({
        id: spanIds.get(s.id),
        label: s.label,
        start_offset: conv.toUnit(s.start, ctx.unit),
        end_offset: conv.toUnit(s.end, ctx.unit),
      }))
      const relations = layer.relations.map((r) => ({ id: relIds.get(r.id), from_id: spanIds.get(r.headId), to_id: spanIds.get(r.tailId), type: r.label }))
      yield `${JSON.stringify({ ...commonOut(layer), entities, relations, ...trailer(layer) })}\n`
    }
  },
}
