import type { ExportLayer } from '../formatCodec'
import { CAS_NS, XMI_NS } from './casElement'
import { DOCUMENT_META_DATA } from './casTypes'

/** DKPro Core's named entity type (`value` holds the label), as INCEpTION's Named Entity layer stores it. */
export const NAMED_ENTITY_NS = 'http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore'
/** A custom relation layer as INCEpTION names one (`webanno.custom.<Layer>`), with Governor, Dependent and a `value`. */
export const CUSTOM_NS = 'http:///webanno/custom.ecore'
export const RELATION_TYPE = 'Relation'
const META_NS = `http:///${DOCUMENT_META_DATA.split('.').slice(0, -1).join('/')}.ecore`

/** Characters XML 1.0 cannot hold at all, not even as references; XML 1.1 holds them as references (UIMA writes 1.1 then). */
const XML10_FORBIDDEN = /[\u0001-\u0008\u000b\u000c\u000e-\u001f]/u

/**
 * Characters no XML can hold, not even as references (NUL, U+FFFE, U+FFFF, an unpaired surrogate: in `u` mode a pair
 * is one code point outside the class). Written as U+FFFD, one UTF-16 unit as each of them is, so offsets hold.
 */
export const XML_UNWRITABLE = /[\u0000\ufffe\uffff\ud800-\udfff]/u
const UNWRITABLE_ALL = new RegExp(XML_UNWRITABLE.source, 'gu')

/**
 * An attribute value: markup and whitespace escaped (a literal newline in an attribute would read back as a space,
 * and so would U+2028 and U+0085, line ends in XML 1.1).
 */
function attr(s: string): string {
  return s.replace(UNWRITABLE_ALL, '\ufffd').replace(/[&<>"\t\n\r\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028]/gu, (c) => {
    if (c === '&') return '&amp;'
    if (c === '<') return '&lt;'
    if (c === '>') return '&gt;'
    if (c === '"') return '&quot;'
    return `&#${c.charCodeAt(0)};`
  })
}

/**
 * One layer as a UIMA CAS in XMI, the way DKPro Core and INCEpTION write it:
 * the text as the `_InitialView` sofa, DocumentMetaData (title and id), each
 * span as a DKPro `NamedEntity` whose `value` is its label, each relation as
 * a `webanno.custom.Relation` (INCEpTION's custom relation layer: Governor and
 * Dependent name the spans, begin/end are the dependent's, `value` the label).
 * UIMA counts offsets in UTF-16 code units, as Spanwright does: written as
 * they are. A discontinuous span comes here as its fragments (the caller
 * runs fragmentsAsSpans), each a NamedEntity; span
 * attributes, notes and normalizations have no DKPro feature and are left
 * out (counted by the caller through `lossy`). Characters no XML holds (NUL,
 * U+FFFE, U+FFFF) are written as U+FFFD (the caller warns); control
 * characters anywhere make the file XML 1.1, as UIMA does.
 */
export function layerToXmi(layer: ExportLayer): string {
  const text = layer.text
  const written = [text, layer.title, layer.externalId, ...layer.spans.map((s) => s.label), ...layer.relations.map((r) => r.label)]
  const version = written.some((s) => XML10_FORBIDDEN.test(s)) ? '1.1' : '1.0'
  const out: string[] = [
    `<?xml version="${version}" encoding="UTF-8"?>`,
    `<xmi:XMI xmlns:xmi="${XMI_NS}" xmlns:cas="${CAS_NS}" xmlns:type="${NAMED_ENTITY_NS}" xmlns:meta="${META_NS}" xmlns:custom="${CUSTOM_NS}" xmi:version="2.0">`,
    '<cas:NULL xmi:id="0"/>',
  ]
  const SOFA = 1
  let next = 2
  const members: number[] = []
  const meta = next++
  members.push(meta)
  out.push(`<meta:DocumentMetaData xmi:id="${meta}" sofa="${SOFA}" begin="0" end="${text.length}" documentTitle="${attr(layer.title)}" documentId="${attr(layer.externalId)}"/>`)
  const spanIds = new Map<number, number>()
  for (const s of layer.spans) {
    const id = next++
    spanIds.set(s.id, id)
    members.push(id)
    out.push(`<type:NamedEntity xmi:id="${id}" sofa="${SOFA}" begin="${s.start}" end="${s.end}" value="${attr(s.label)}"/>`)
  }
  for (const r of layer.relations) {
    const governor = spanIds.get(r.headId)
    const dependent = spanIds.get(r.tailId)
    if (governor === undefined || dependent === undefined) continue
    const tail = layer.spans.find((s) => s.id === r.tailId)!
    const id = next++
    members.push(id)
    out.push(`<custom:${RELATION_TYPE} xmi:id="${id}" sofa="${SOFA}" begin="${tail.start}" end="${tail.end}" Governor="${governor}" Dependent="${dependent}" value="${attr(r.label)}"/>`)
  }
  out.push(`<cas:Sofa xmi:id="${SOFA}" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="${attr(text)}"/>`)
  out.push(`<cas:View sofa="${SOFA}" members="${members.join(' ')}"/>`)
  out.push('</xmi:XMI>', '')
  return out.join('\n')
}
