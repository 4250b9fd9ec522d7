import { describe, expect, it } from 'vitest'
import { parseXmi } from '../../../../src/main/services/import/xmiParse'
import type { Relation, Span } from '../../../../src/shared/domain/model'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'
import { casToRecord } from '../../../../src/shared/formats/xmi/casRecord'
import { layerToXmi } from '../../../../src/shared/formats/xmi/casWriter'

const span = (id: number, start: number, end: number, label: string): Span => ({ id, start, end, label, fragments: null, kind: 'entity', attributes: {}, note: '', norm: null }) as unknown as Span
const rel = (id: number, headId: number, tailId: number, label: string): Relation => ({ id, headId, tailId, label, kind: 'binary', attributes: {}, note: '' }) as unknown as Relation

function layer(text: string, spans: Span[], relations: Relation[] = []): ExportLayer {
  return { externalId: 'doc-1', title: 'A "title" & more', text, meta: {}, annotator: 'alice', status: null, spans, relations }
}

/** Written, then read back by Spanwright's XMI reader (the INCEpTION import): [covered text, label] and relations. */
function roundTrip(l: ExportLayer) {
  const read = casToRecord(parseXmi(layerToXmi(l)), { file: 'doc.xmi', externalId: 'doc', idFromPath: false, annotator: null })
  expect(read.errors).toEqual([])
  const r = read.record!
  return {
    text: r.text,
    id: r.externalId,
    title: r.title,
    spans: r.spans.map((s) => [r.text.slice(s.start, s.end), s.label]),
    relations: r.relations.map((x) => [r.text.slice(r.spans[x.head].start, r.spans[x.head].end), x.label, r.text.slice(r.spans[x.tail].start, r.spans[x.tail].end)]),
  }
}

describe('UIMA CAS XMI writer (DKPro NamedEntity, INCEpTION custom relation layer)', () => {
  it('entities and relations come back through the XMI reader, offsets in UTF-16 after an emoji, the text exactly', () => {
    const text = 'Ada 🍮 Lovelace works for <Babbage & Co>.\nLine two\tends "here".'
    const out = roundTrip(layer(text, [span(1, 0, 3, 'PERSON'), span(2, 7, 15, 'SURNAME'), span(3, 26, 40, 'ORG'), span(4, 0, 15, 'PERSON')], [rel(1, 4, 3, 'works_for')]))
    expect(out.text).toBe(text)
    expect([out.id, out.title]).toEqual(['doc-1', 'A "title" & more'])
    expect(out.spans).toEqual([
      ['Ada', 'PERSON'],
      ['Lovelace', 'SURNAME'],
      ['<Babbage & Co>', 'ORG'],
      ['Ada 🍮 Lovelace', 'PERSON'],
    ])
    expect(out.relations).toEqual([['Ada 🍮 Lovelace', 'works_for', '<Babbage & Co>']])
  })

  it('a text with control characters is written as XML 1.1 and read back exactly', () => {
    const text = 'bell\u0007 and form feed\u000c here'
    const xml = layerToXmi(layer(text, [span(1, 0, 4, 'X')]))
    expect(xml.startsWith('<?xml version="1.1"')).toBe(true)
    expect(roundTrip(layer(text, [span(1, 0, 4, 'X')])).text).toBe(text)
  })
})
