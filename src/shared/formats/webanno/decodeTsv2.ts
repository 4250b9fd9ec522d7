import type { DecodeContext, DecodeItem, SourceLine } from '../formatCodec'
import type { ImportRecord, ImportRelation, ImportSpan } from '../importRecord'
import { fileStem, labelled, NOT_IMPORTED_RELATION, structureNote, WEBANNO_META_KEY } from './decodeTsv'
import type { WebannoMeta } from './decodeTsv'
import { parseTsv2 } from './parseTsv2'
import { isStructureType } from './tsvSyntax'

/**
 * WebAnno TSV 1/2 (parseTsv2.ts says how it is laid out and how the text is
 * rebuilt) into one record per file, named by the file (without `.tsv`).
 * Labels and attributes follow the TSV 3 reader (decodeTsv.ts): the `value`
 * feature (NamedEntity's) is the label, else the first feature whose value is
 * text, else the layer's short name; other features with a value are
 * attributes. Document-structure layers (POS, lemmas, dependencies, …) are
 * counted, not imported; a relation layer's relations between imported spans
 * are relations, from the first span of its AttachTo layer on the governor's
 * token to the first on the dependent's (as WebannoTsv2Reader joins them).
 * WebAnno 2 wrote no chains (coreference) in this format.
 */
export function* decodeWebannoTsv2(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const parsed = parseTsv2(lines)
  const errors = [...parsed.errors]
  const notes: Record<string, number> = {}
  const note = (what: string) => (notes[what] = (notes[what] ?? 0) + 1)
  const tokenAt = new Map(parsed.tokens.map((t, i) => [t.id, i]))
  if (!parsed.tokens.length && !errors.length) errors.push({ line: 1, reason: 'WebAnno TSV 1/2: no token lines ("<sentence>-<token><TAB><token><TAB>…")' })

  const spans: ImportSpan[] = []
  // Per layer type and first token: the imported spans starting there, in stack order (relation ends).
  const startingAt = new Map<string, number[]>()
  for (const a of parsed.spans) {
    if (isStructureType(a.layer.type)) {
      note(structureNote(a.layer))
      continue
    }
    const l = labelled(a.layer, a.features)
    if (typeof l === 'string') {
      errors.push({ line: a.line, reason: l })
      continue
    }
    const key = `${a.layer.type}\t${a.first}`
    startingAt.set(key, [...(startingAt.get(key) ?? []), spans.length])
    spans.push({ sourceId: null, label: l.label, start: parsed.tokens[a.first].begin, end: parsed.tokens[a.last].end, fragments: null, attributes: l.attributes, note: '', norm: null })
  }
  const relations: ImportRelation[] = []
  for (const r of parsed.relations) {
    if (isStructureType(r.layer.type)) {
      note(structureNote(r.layer))
      continue
    }
    const governor = tokenAt.get(r.governor)
    if (governor === undefined) {
      errors.push({ line: r.line, reason: `${r.layer.shortName}: governor token ${r.governor} is not in the file` })
      continue
    }
    const first = (t: number) => startingAt.get(`${r.layer.baseType}\t${t}`)?.[0]
    const head = first(governor)
    const tail = first(tokenAt.get(r.dependent)!)
    if (head === undefined || tail === undefined) {
      note(NOT_IMPORTED_RELATION)
      continue
    }
    const l = labelled(r.layer, r.features)
    if (typeof l === 'string') errors.push({ line: r.line, reason: l })
    else relations.push({ sourceId: null, label: l.label, head, tail, attributes: l.attributes, note: '' })
  }
  if (errors.length) {
    for (const e of errors.sort((a, b) => a.line - b.line)) yield { error: { file: ctx.file, ...e } }
    return
  }
  const meta: WebannoMeta = { version: '2', sentences: parsed.sentences.filter((s) => s.tokens.length) }
  const id = fileStem(ctx.file)
  const record: ImportRecord = { line: 1, externalId: id, title: id, text: parsed.text, meta: { [WEBANNO_META_KEY]: meta }, annotator: null, status: null, spans, relations }
  if (Object.keys(notes).length) record.notes = notes
  yield { record }
}
