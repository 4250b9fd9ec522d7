import { LabelName } from '../../domain/model'
import type { AttributeValue } from '../../domain/model'
import type { DecodeContext, DecodeItem, SourceLine } from '../formatCodec'
import type { ImportRecord, ImportRelation, ImportSpan } from '../importRecord'
import { parseTsv } from './parseTsv'
import type { TsvAnnotation } from './parseTsv'
import { NAMED_ENTITY } from './tsvSyntax'
import type { TsvLayer } from './tsvSyntax'

/**
 * WebAnno TSV 3.x (INCEpTION's and WebAnno's TSV export) into one record per
 * file, the file's name (without `.tsv`) as the document id.
 *
 * Labels: a span's label is its layer's `value` feature (NamedEntity's, and
 * any custom layer's of that name), else the layer's first feature
 * (`PosValue` of POS); when that feature has no value (`*`) or the layer has
 * none, the layer's short name (`webanno.custom.Span` -> `Span`). The layer's
 * other features with a value become span attributes (NamedEntity's
 * `identifier`, POS's `coarseValue`). Relations take the same rule; a
 * relation layer between two imported spans (`BT_` a span layer of the file)
 * becomes typed relations.
 *
 * Not imported, and counted in the report: chains (T_CH), slot feature links
 * (ROLE_ columns; their host span is imported), zero-length spans (a span on a
 * sub-token such as `1-2.3  7-7`), relations between tokens or a type no span
 * layer declares, and relations to a zero-length span. Spans on sub-tokens
 * (`1-3.1  9-13`) are imported at the sub-token's offsets.
 *
 * The document text is what INCEpTION's reader rebuilds (see parseTsv) without
 * the one line break the format always writes after the last sentence, so the
 * text equals the document's text in INCEpTION (its XMI `sofaString`).
 */

export const WEBANNO_META_KEY = 'webannoTsv'

/** What an imported file's own sentences and tokens were (UTF-16 offsets), for an export of the same text. */
export interface WebannoMeta {
  version: string
  /** Per sentence: its id (or null) and its tokens as flat [begin, end, begin, end, …]. */
  sentences: { id: string | null; tokens: number[] }[]
}

const NOTES = {
  chains: 'WebAnno chains (T_CH layers), not imported',
  chainElements: 'WebAnno chain elements (T_CH layers), not imported',
  slotLinks: 'WebAnno slot feature links (ROLE_ columns), not imported',
  zeroLength: 'WebAnno zero-length spans, not imported',
  tokenRelations: 'WebAnno relations not between two spans (BT_ a type no span layer declares, e.g. Token), not imported',
  zeroRelations: 'WebAnno relations to a zero-length span, not imported',
  headerLines: 'WebAnno sentence header lines other than #Text= and #Sentence.id=, skipped',
} as const

function fileStem(file: string): string {
  const base = file.split(/[\\/]/u).pop() ?? file
  return base.replace(/\.tsv$/iu, '') || 'doc'
}

/** The feature a layer's label comes from: `value` if it has one, else its first feature. */
function labelFeature(layer: TsvLayer): string | null {
  const names = layer.columns.filter((c) => c.kind === 'feature').map((c) => c.name)
  return names.includes('value') ? 'value' : (names[0] ?? null)
}

/** Label and attributes of an annotation; a string is the fault. */
function labelled(layer: TsvLayer, features: Map<string, string | null>): { label: string; attributes: Record<string, AttributeValue> } | string {
  const key = labelFeature(layer)
  const label = (key && features.get(key)) || layer.shortName
  if (!LabelName.safeParse(label).success) {
    return `${layer.shortName}: ${JSON.stringify(label.slice(0, 80))} cannot be a label (a label is 1-64 characters without whitespace)`
  }
  const attributes: Record<string, AttributeValue> = {}
  for (const [name, value] of features) {
    if (name === key || value === null) continue
    if (name.length > 64 || value.length > 1000) return `${layer.shortName}: feature ${JSON.stringify(name.slice(0, 80))} is too long to keep as an attribute (name up to 64, value up to 1000 characters)`
    attributes[name] = value
  }
  return { label, attributes }
}

export function* decodeWebannoTsv(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const parsed = parseTsv(lines)
  const errors = [...parsed.errors]
  const notes: Record<string, number> = {}
  const note = (key: keyof typeof NOTES, n = 1) => {
    if (n) notes[NOTES[key]] = (notes[NOTES[key]] ?? 0) + n
  }
  note('chains', parsed.skipped.chains)
  note('chainElements', parsed.skipped.chainElements)
  note('slotLinks', parsed.skipped.slotLinks)
  note('headerLines', parsed.skipped.otherHeaderLines)
  // The line break the format writes after the last sentence is not the document's.
  const text = parsed.text.endsWith('\n') ? parsed.text.slice(0, -1) : parsed.text

  const spans: ImportSpan[] = []
  const index = new Map<TsvAnnotation, number>()
  for (const a of parsed.spans) {
    if (a.begin === a.end) {
      note('zeroLength')
      continue
    }
    if (a.end > text.length) {
      errors.push({ line: a.line, reason: `${a.layer.shortName} annotation ${a.begin}-${a.end} covers the line break after the last sentence, outside the text` })
      continue
    }
    const l = labelled(a.layer, a.features)
    if (typeof l === 'string') {
      errors.push({ line: a.line, reason: l })
      continue
    }
    index.set(a, spans.length)
    spans.push({ sourceId: null, label: l.label, start: a.begin, end: a.end, fragments: null, attributes: l.attributes, note: '', norm: null })
  }
  const relations: ImportRelation[] = []
  for (const r of parsed.relations) {
    if (!r.source || !r.target) {
      if (!parsed.errors.some((e) => e.line === r.line)) note('tokenRelations')
      continue
    }
    const head = index.get(r.source)
    const tail = index.get(r.target)
    if (head === undefined || tail === undefined) {
      if (r.source.begin === r.source.end || r.target.begin === r.target.end) note('zeroRelations')
      continue
    }
    const l = labelled(r.layer, r.features)
    if (typeof l === 'string') {
      errors.push({ line: r.line, reason: l })
      continue
    }
    relations.push({ sourceId: null, label: l.label, head, tail, attributes: l.attributes, note: '' })
  }
  if (errors.length) {
    for (const e of errors.sort((a, b) => a.line - b.line)) yield { error: { file: ctx.file, ...e } }
    return
  }
  const meta: WebannoMeta = { version: parsed.version, sentences: parsed.sentences.map((s) => ({ id: s.id, tokens: s.tokens.flat() })) }
  const id = fileStem(ctx.file)
  const record: ImportRecord = { line: 1, externalId: id, title: id, text, meta: { [WEBANNO_META_KEY]: meta }, annotator: null, status: null, spans, relations }
  if (Object.keys(notes).length) record.notes = notes
  yield { record }
}
