import { describe, expect, it } from 'vitest'
import { parseXmi } from '../../../../src/main/services/import/xmiParse'
import type { Relation, Span } from '../../../../src/shared/domain/model'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'
import { casToRecord } from '../../../../src/shared/formats/xmi/casRecord'
import { layerToXmi } from '../../../../src/shared/formats/xmi/casWriter'

const span = (id: number, start: number, end: number, label: string): Span => ({ id, start, end, label, fragments: null, kind: 'entity', attributes: {}, note: '', norm: null }) as unknown as Span
const rel = (id: number, headId: number, tailId: number, label: string): Relation => ({ id, headId, tailId, label, kind: 'binary', attributes: {}, note: '' }) as unknown as Relation
const layer = (text: string, spans: Span[], title = 't', relations: Relation[] = []): ExportLayer => ({ externalId: 'doc-1', title, text, meta: {}, annotator: 'alice', status: null, spans, relations })

/** Written, then read by saxes (a strict XML parser, namespaces on) through Spanwright's XMI reader. */
function readBack(l: ExportLayer) {
  const read = casToRecord(parseXmi(layerToXmi(l)), { file: 'doc.xmi', externalId: 'doc', idFromPath: false, annotator: null })
  expect(read.errors).toEqual([])
  const r = read.record!
  return { text: r.text, title: r.title, id: r.externalId, spans: r.spans.map((s) => [r.text.slice(s.start, s.end), s.label]) }
}

// The consumer's view of every text a workspace can hold (a JSONL import takes NUL and U+FFFF as JSON escapes).
describe('UIMA CAS XMI writer: hostile texts stay well-formed XML', () => {
  it('U+2028 in an XML 1.1 file (a text with a control character) comes back, not as a space', () => {
    const text = 'Ada\u2028Lovelace\u0007 and NEL\u0085 here'
    expect(readBack(layer(text, [span(1, 4, 12, 'PERSON')]))).toMatchObject({ text, spans: [['Lovelace', 'PERSON']] })
  })

  it('a control character in the title (not the text) makes the file XML 1.1, so a strict parser reads it', () => {
    expect(readBack(layer('plain text', [span(1, 0, 5, 'X')], 'ti\u0001tle'))).toMatchObject({ text: 'plain text', title: 'ti\u0001tle' })
  })

  it.each([
    ['NUL', '\u0000'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
  ])('%s, which no XML holds, is written as U+FFFD and every later offset still covers its words', (_, c) => {
    const text = `a${c}b Ada Lovelace`
    expect(readBack(layer(text, [span(1, 4, 16, 'PERSON')], `title${c}`))).toMatchObject({
      text: 'a\ufffdb Ada Lovelace',
      title: 'title\ufffd',
      spans: [['Ada Lovelace', 'PERSON']],
    })
  })

  it(']]>, CR, CRLF and quotes come back exactly', () => {
    const text = 'a]]>b\r\nc\rd\n"e" \'f\' <g/> &amp;'
    expect(readBack(layer(text, [span(1, 0, 5, 'X')], text))).toMatchObject({ text, title: text, spans: [['a]]>b', 'X']] })
  })
})
