import type { AttributeValue } from '../../domain/model'
import type { DecodeContext, DecodeItem, SourceLine } from '../formatCodec'
import type { ImportRecord, ImportRelation, ImportSpan } from '../importRecord'
import { parseTsv } from './parseTsv'
import type { TsvAnnotation } from './parseTsv'
import { LayerCollector } from './tsvLayerMeta'
import type { StoredLayers } from './tsvLayerMeta'
import { isStructureType } from './tsvSyntax'
import type { TsvLayer } from './tsvSyntax'

/**
 * WebAnno TSV 3.x (INCEpTION's and WebAnno's TSV export) into one record per
 * file: the file's name (without `.tsv`) is the document id, except in
 * INCEpTION's project export layout `annotation/<document>/<user>.tsv` (and
 * `curation/<document>/CURATION_USER.tsv`), where the folder is the document
 * and the file its user's layer, as the XMI reader reads the same layout.
 *
 * What becomes what follows the XMI reader (xmi/casRecord.ts), so a document
 * reads alike from either INCEpTION format. A span's label is its `value`
 * feature, else `referenceType` (chains), else its first feature whose value
 * is text, else the layer's short name (`webanno.custom.Span` -> `Span`, also
 * for `*`, no value); its other features with a value are attributes
 * (NamedEntity's `identifier`). A relation layer's relations between imported
 * spans are relations, labelled by the same rule. A chain's elements are spans
 * and each element links to the next by a relation labelled by its
 * `referenceRelation` (else the layer's short name); a slot feature (ROLE_
 * columns) gives a `role` relation from its host to each target, labelled by
 * the role (else the feature's name). Spans on sub-tokens (`1-3.1  9-13`) are
 * imported at the sub-token's offsets.
 *
 * Not imported, and counted in the report: layers that structure the document
 * (DKPro's POS, lemmas, dependencies, … as the XMI reader leaves them out),
 * zero-length spans (a sub-token such as `1-2.3  7-7`), and relations or links
 * whose ends are not imported spans (tokens, zero-length or structure).
 *
 * The document text is what INCEpTION's reader rebuilds (see parseTsv) without
 * the one line break the format always writes after the last sentence, so the
 * text equals the document's text in INCEpTION (its XMI `sofaString`).
 */

export const WEBANNO_META_KEY = 'webannoTsv'

/** What an imported file's own sentences and tokens were (UTF-16 offsets), for an export of the same text. */
export interface WebannoMeta extends StoredLayers {
  version: string
  /** Per sentence: its id (or null) and its tokens as flat [begin, end, begin, end, …]. */
  sentences: { id: string | null; tokens: number[] }[]
}

const ZERO_LENGTH = 'WebAnno zero-length spans (a Spanwright span covers at least one character), not imported'
export const NOT_IMPORTED_RELATION = 'WebAnno relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported'
const HEADER_LINES = 'WebAnno sentence header lines other than #Text= and #Sentence.id=, skipped'
export const structureNote = (layer: TsvLayer) => `WebAnno ${layer.shortName} annotations (document structure), not imported`

/** A layer's feature columns (not its placeholder, slot or BT_ columns). */
const featureNames = (layer: TsvLayer): string[] => layer.columns.filter((c) => c.kind === 'feature').map((c) => c.name)

export function fileStem(file: string): string {
  const base = file.split(/[\\/]/u).pop() ?? file
  return base.replace(/\.tsv$/iu, '') || 'doc'
}

/** A value that is text, not a number or a truth value (as the XMI reader picks a label). */
const isText = (v: string | null): v is string => v !== null && v.trim() !== '' && v !== 'true' && v !== 'false' && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/u.test(v)

/**
 * The feature a label comes from, as the XMI reader (xmi/casTypes.ts) chooses
 * it: `value`, else `referenceType` (chains), else the first feature whose
 * value is text; null: the layer's short name.
 */
function labelFeature(layer: TsvLayer, features: Map<string, string | null>): string | null {
  for (const preferred of ['value', 'referenceType']) if (features.get(preferred)?.trim()) return preferred
  for (const c of layer.columns) if (c.kind === 'feature' && isText(features.get(c.name) ?? null)) return c.name
  return null
}

/** Label and attributes of an annotation, and the feature the label came from (null: the layer's name); a string is the fault. */
export function labelled(layer: TsvLayer, features: Map<string, string | null>): { label: string; feature: string | null; attributes: Record<string, AttributeValue> } | string {
  const key = labelFeature(layer, features)
  const label = key ? features.get(key)! : layer.shortName
  // A name a label cannot have ("NE 0") is refused by the import's record validator, after --map-label.
  const attributes: Record<string, AttributeValue> = {}
  for (const [name, value] of features) {
    // A chain element's referenceRelation labels its link to the next element, not the element.
    if (name === key || value === null || value === '' || name === 'referenceRelation') continue
    if (name.length > 64 || value.length > 1000) return `${layer.shortName}: feature ${JSON.stringify(name.slice(0, 80))} is too long to keep as an attribute (name up to 64, value up to 1000 characters)`
    attributes[name] = value
  }
  return { label, feature: key, attributes }
}

export function* decodeWebannoTsv(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const parsed = parseTsv(lines)
  const errors = [...parsed.errors]
  const notes: Record<string, number> = {}
  const note = (what: string) => (notes[what] = (notes[what] ?? 0) + 1)
  if (parsed.otherHeaderLines) notes[HEADER_LINES] = parsed.otherHeaderLines
  // The line break the format writes after the last sentence is not the document's.
  const text = parsed.text.endsWith('\n') ? parsed.text.slice(0, -1) : parsed.text
  const labelOf = (line: number, layer: TsvLayer, features: Map<string, string | null>) => {
    const l = labelled(layer, features)
    if (typeof l === 'string') errors.push({ line, reason: l })
    return typeof l === 'string' ? null : l
  }

  const spans: ImportSpan[] = []
  const layers = new LayerCollector()
  const index = new Map<TsvAnnotation, number>()
  for (const a of parsed.spans) {
    if (isStructureType(a.layer.type)) note(structureNote(a.layer))
    else if (a.begin === a.end) note(ZERO_LENGTH)
    else if (a.end > text.length) {
      errors.push({ line: a.line, reason: `${a.layer.shortName} annotation ${a.begin}-${a.end} covers the line break after the last sentence, outside the text` })
    } else {
      const l = labelOf(a.line, a.layer, a.features)
      if (!l) continue
      index.set(a, spans.length)
      // A chain's elements are written back as NamedEntity spans with their links (a TSV chain layer is not written).
      if (a.layer.kind === 'span') layers.span(a.layer.type, featureNames(a.layer), l.feature, a.begin, a.end, l.label)
      spans.push({ sourceId: null, label: l.label, start: a.begin, end: a.end, fragments: null, attributes: l.attributes, note: '', norm: null })
    }
  }
  const relations: ImportRelation[] = []
  const ends = (source: TsvAnnotation | null, target: TsvAnnotation | null): [number, number] | null => {
    const head = source ? index.get(source) : undefined
    const tail = target ? index.get(target) : undefined
    if (head === undefined || tail === undefined) {
      note(NOT_IMPORTED_RELATION)
      return null
    }
    return [head, tail]
  }
  for (const r of parsed.relations) {
    if (isStructureType(r.layer.type)) {
      note(structureNote(r.layer))
      continue
    }
    if (parsed.errors.some((e) => e.line === r.line)) continue
    const joined = ends(r.source, r.target)
    const l = joined && labelOf(r.line, r.layer, r.features)
    if (l) layers.relation(r.layer.type, r.layer.baseType, featureNames(r.layer), l.feature)
    if (joined && l) relations.push({ sourceId: null, label: l.label, head: joined[0], tail: joined[1], attributes: l.attributes, note: '' })
  }
  // Chains: each element to the next, labelled by its referenceRelation; slots: host to target, labelled by the role.
  for (const k of parsed.links) {
    if (isStructureType(k.layer.type)) continue
    const joined = ends(k.source, k.target)
    if (!joined) continue
    const label = k.label ?? (k.kind === 'role' ? k.feature : k.layer.shortName)
    relations.push({ sourceId: null, label, head: joined[0], tail: joined[1], kind: k.kind, attributes: {}, note: '' })
  }
  if (errors.length) {
    for (const e of errors.sort((a, b) => a.line - b.line)) yield { error: { file: ctx.file, ...e } }
    return
  }
  const meta: WebannoMeta = { version: parsed.version, sentences: parsed.sentences.map((s) => ({ id: s.id, tokens: s.tokens.flat() })), ...layers.stored() }
  const parts = ctx.file.split(/[\\/]/u)
  const project = parts.length >= 3 && (parts[parts.length - 3] === 'annotation' || parts[parts.length - 3] === 'curation')
  const id = project ? parts[parts.length - 2] : fileStem(ctx.file)
  const annotator = project ? fileStem(ctx.file) : null
  const record: ImportRecord = { line: 1, externalId: id, title: id, text, meta: { [WEBANNO_META_KEY]: meta }, annotator, status: null, spans, relations }
  if (Object.keys(notes).length) record.notes = notes
  yield { record }
}
