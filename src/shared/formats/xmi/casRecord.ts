import { splitsSurrogatePair } from '../../text/offsets'
import type { ImportRecord, ImportRelation, ImportSpan, LineError } from '../importRecord'
import { CAS_NS, uimaTypeName } from './casElement'
import type { CasElement } from './casElement'
import { annotationAttributes, annotationLabel, DOCUMENT_META_DATA, feature, isInfrastructure } from './casTypes'

export interface CasRecordContext {
  /** The file's path as the user gave it, for error messages. */
  file: string
  /** The id the path gives: INCEpTION's document folder, or the file's path without `.xmi`. */
  externalId: string
  /**
   * True when the path names the document (INCEpTION's `annotation/<document>/<user>.xmi`):
   * there DocumentMetaData's documentId holds the user's name, so the path decides.
   */
  idFromPath: boolean
  /** The layer's annotator the path names, or null (the importer's --annotator). */
  annotator: string | null
}

const NOT_IMPORTED_RELATION = 'XMI relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported'
const ZERO_LENGTH = 'zero-length XMI annotations (a Spanwright span covers at least one character), not imported'
/** The label's feature of a chain link's relation: never also an attribute of the link's span. */
const CHAIN_RELATION = new Set(['referenceRelation'])

function describe(el: CasElement): string {
  return `${el.name}${el.id !== null ? ` (xmi:id ${el.id})` : ''}`
}

/** Elements a feature value names, when every id of the list is one of link feature structures (a slot feature). */
function linksOf(value: string, ids: ReadonlyMap<string, CasElement>): CasElement[] | null {
  if (!/^\d+( \d+)*$/u.test(value)) return null
  const out: CasElement[] = []
  for (const id of value.split(' ')) {
    const el = ids.get(id)
    if (!el || feature(el, 'target') === undefined || feature(el, 'begin') !== undefined) return null
    out.push(el)
  }
  return out
}

/**
 * One UIMA CAS (as INCEpTION, WebAnno and DKPro write it in XMI) as an import
 * record. The text is the `_InitialView` sofa's `sofaString`. UIMA counts
 * `begin`/`end` in UTF-16 code units (Java `String` indexes), as JavaScript
 * and Spanwright do, so offsets are taken as they are: no conversion.
 *
 * Every annotation with `begin`/`end` that is not document structure (see
 * casTypes.ts) is a span labelled by annotationLabel; one with `Governor` and
 * `Dependent` is a relation between the spans they name; a span's `next`
 * (INCEpTION chain layers, DKPro coreference) is a relation to the next link,
 * labelled by the link's `referenceRelation` or its type's short name; a slot
 * feature (links with `role` and `target`) gives a role relation from its
 * host to each target, labelled by the role. Relations whose ends were not
 * imported (tokens, zero-length spans) are counted in the notes, as are the
 * skipped annotations. Every fault names the element's line; with any fault
 * the record is null, so nothing of a faulty document is imported.
 */
export function casToRecord(elements: CasElement[], ctx: CasRecordContext): { record: ImportRecord | null; errors: LineError[] } {
  const errors: LineError[] = []
  const fail = (line: number, reason: string) => errors.push({ file: ctx.file, line, reason })
  const notes: Record<string, number> = {}
  const note = (what: string) => (notes[what] = (notes[what] ?? 0) + 1)

  const ids = new Map<string, CasElement>()
  for (const el of elements) {
    if (el.id === null) continue
    const earlier = ids.get(el.id)
    if (earlier) fail(el.line, `duplicate xmi:id ${el.id} (first used on line ${earlier.line})`)
    else ids.set(el.id, el)
  }

  const sofas = elements.filter((e) => e.uri === CAS_NS && e.name === 'Sofa')
  const sofa = sofas.find((s) => feature(s, 'sofaID') === '_InitialView') ?? (sofas.length === 1 ? sofas[0] : undefined)
  if (!sofa) {
    fail(1, sofas.length ? `none of the ${sofas.length} cas:Sofa elements is the _InitialView` : 'no cas:Sofa element: the file holds no document text (not a UIMA CAS XMI?)')
    return { record: null, errors }
  }
  const text = feature(sofa, 'sofaString')
  if (text === undefined) {
    const uri = feature(sofa, 'sofaURI')
    fail(sofa.line, `the sofa has no sofaString (its text is ${uri !== undefined ? `at sofaURI ${JSON.stringify(uri)}` : 'not inline'}); only a sofa with its text inline is imported`)
    return { record: null, errors }
  }
  if (!text.trim()) fail(sofa.line, "the sofa's text is empty: nothing to import")

  const metaData = elements.find((e) => uimaTypeName(e) === DOCUMENT_META_DATA)
  const documentId = metaData ? feature(metaData, 'documentId') : undefined
  const documentTitle = metaData ? feature(metaData, 'documentTitle') : undefined
  const externalId = !ctx.idFromPath && documentId ? documentId : ctx.externalId
  const firstLine = text.split(/\r\n|\n|\r/u, 1)[0]?.trim() ?? ''

  const spans: ImportSpan[] = []
  const relations: ImportRelation[] = []
  const spanOf = new Map<string, number>()
  const spanEls: CasElement[] = []
  const relationEls: CasElement[] = []
  const linkIds = new Set<string>()
  let tooLong = 0

  for (const el of elements) {
    if (el === sofa || el === metaData) continue
    const begin = feature(el, 'begin')
    const end = feature(el, 'end')
    if (isInfrastructure(el)) {
      if (begin !== undefined && el.uri !== CAS_NS) note(`XMI ${el.name} annotations (document structure), not imported`)
      continue
    }
    if (begin === undefined || end === undefined) continue // links and chain heads: read through their hosts below
    const view = feature(el, 'sofa')
    if (view !== undefined && view !== sofa.id) {
      note('XMI annotations of another view (sofa), not imported')
      continue
    }
    if (feature(el, 'Governor') !== undefined || feature(el, 'Dependent') !== undefined) {
      relationEls.push(el)
      continue
    }
    if (!/^\d+$/u.test(begin) || !/^\d+$/u.test(end)) {
      fail(el.line, `${describe(el)}: begin ${JSON.stringify(begin)} and end ${JSON.stringify(end)} must be whole numbers`)
      continue
    }
    const s = Number(begin)
    const e = Number(end)
    if (s > e) fail(el.line, `${describe(el)}: begin ${s} is after end ${e}`)
    else if (e > text.length) fail(el.line, `${describe(el)}: offsets ${s}-${e} are outside the text (${text.length} UTF-16 code units)`)
    else if (splitsSurrogatePair(text, s) || splitsSurrogatePair(text, e)) fail(el.line, `${describe(el)}: offsets ${s}-${e} split a surrogate pair`)
    else if (s === e) note(ZERO_LENGTH)
    else {
      const { label, from } = annotationLabel(el, ids)
      const kept = annotationAttributes(el, ids, from, CHAIN_RELATION)
      tooLong += kept.tooLong
      if (el.id !== null) spanOf.set(el.id, spans.length)
      spans.push({ sourceId: el.id, label, start: s, end: e, fragments: null, attributes: kept.attributes, note: '', norm: null })
      spanEls.push(el)
    }
  }

  /** Whether a reference names an element of the file (a fault naming the line when not). */
  const exists = (el: CasElement, name: string, ref: string): boolean => {
    if (ids.has(ref)) return true
    fail(el.line, `${describe(el)}: ${name} refers to xmi:id ${ref}, which is not in the file`)
    return false
  }
  /** The spans a relation joins, or null (counted) when an end was not imported. */
  const ends = (head: string, tail: string): [number, number] | null => {
    const h = spanOf.get(head)
    const t = spanOf.get(tail)
    if (h === undefined || t === undefined) {
      note(NOT_IMPORTED_RELATION)
      return null
    }
    return [h, t]
  }

  for (const el of relationEls) {
    const gov = feature(el, 'Governor')
    const dep = feature(el, 'Dependent')
    if (gov === undefined || dep === undefined) {
      fail(el.line, `${describe(el)}: a relation needs both Governor and Dependent`)
      continue
    }
    if (!exists(el, 'Governor', gov) || !exists(el, 'Dependent', dep)) continue
    const joined = ends(gov, dep)
    if (!joined) continue
    const [head, tail] = joined
    const { label, from } = annotationLabel(el, ids)
    const kept = annotationAttributes(el, ids, from, new Set())
    tooLong += kept.tooLong
    relations.push({ sourceId: el.id, label, head, tail, kind: 'binary', attributes: kept.attributes, note: '' })
  }

  for (const el of spanEls) {
    if (el.id === null) continue // an annotation without xmi:id: nothing can point at it or from it
    const next = feature(el, 'next')
    if (next !== undefined && exists(el, 'next', next)) {
      const joined = ends(el.id, next)
      const label = feature(el, 'referenceRelation') || el.name
      if (joined) relations.push({ sourceId: null, label, head: joined[0], tail: joined[1], kind: 'binary', attributes: {}, note: '' })
    }
    for (const [name, value] of el.features) {
      const links = name === 'next' ? null : linksOf(value, ids)
      if (!links) continue
      for (const link of links) {
        if (link.id !== null) linkIds.add(link.id)
        const target = feature(link, 'target')!
        if (!exists(link, 'target', target)) continue
        const joined = ends(el.id, target)
        const role = feature(link, 'role')
        if (joined) relations.push({ sourceId: link.id, label: role || name, head: joined[0], tail: joined[1], kind: 'role', attributes: {}, note: '' })
      }
    }
  }

  for (const el of elements) {
    if (isInfrastructure(el) || feature(el, 'begin') !== undefined || (el.id !== null && linkIds.has(el.id)) || feature(el, 'first') !== undefined) continue
    note(`XMI ${el.name} feature structures without offsets, not imported`)
  }
  if (tooLong) notes['XMI features longer than an attribute holds (name over 64 or value over 1000 characters), not imported'] = tooLong

  if (errors.length) return { record: null, errors }
  const record: ImportRecord = {
    line: 1,
    externalId,
    title: documentTitle || firstLine || externalId,
    text,
    meta: {},
    annotator: ctx.annotator,
    status: null,
    layer: spans.length + relations.length > 0,
    spans,
    relations,
    ...(Object.keys(notes).length ? { notes } : {}),
  }
  return { record, errors }
}
