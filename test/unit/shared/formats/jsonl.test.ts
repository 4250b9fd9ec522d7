import { describe, expect, it } from 'vitest'
import type { Span } from '../../../../src/shared/domain/model'
import { RecordError } from '../../../../src/shared/formats/importRecord'
import { parseJsonlLine, serializeJsonlLine } from '../../../../src/shared/formats/jsonl'
import { spanFixture } from '../../../helpers/spanFixture'

const line = (o: unknown) => JSON.stringify(o)

function span(id: number, start: number, end: number, label: string, extra: Partial<Span> = {}): Span {
  return spanFixture({ id, annotator: 'alice', label, start, end, ...extra })
}

describe('parseJsonlLine', () => {
  it('parses the documented example, offsets in code points', () => {
    const r = parseJsonlLine(
      line({
        id: 'doc-1',
        text: 'Kerry met Michel in Brussels.',
        meta: { title: 'Meeting' },
        annotator: 'alice',
        spans: [
          { id: 'T1', start: 0, end: 5, label: 'PERSON', text: 'Kerry' },
          { id: 'T2', start: 10, end: 16, label: 'PERSON', text: 'Michel' },
        ],
        relations: [{ id: 'R1', head: 'T1', tail: 'T2', label: 'MET' }],
      }),
      3,
    )
    expect(r.externalId).toBe('doc-1')
    expect(r.title).toBe('Meeting')
    expect(r.line).toBe(3)
    expect(r.annotator).toBe('alice')
    expect(r.spans.map((s) => [s.start, s.end, s.label, s.sourceId])).toEqual([
      [0, 5, 'PERSON', 'T1'],
      [10, 16, 'PERSON', 'T2'],
    ])
    expect(r.relations).toEqual([{ sourceId: 'R1', label: 'MET', head: 0, tail: 1, attributes: {}, note: '' }])
  })

  it('converts code points to UTF-16 after an emoji', () => {
    const r = parseJsonlLine(line({ id: 'e', text: '😀 Kerry', spans: [{ start: 2, end: 7, label: 'PERSON', text: 'Kerry' }] }), 1)
    expect([r.spans[0].start, r.spans[0].end]).toEqual([3, 8])
  })

  it('takes UTF-16 offsets when the line says so', () => {
    const r = parseJsonlLine(line({ id: 'e', offsets: 'utf16', text: '😀 Kerry', spans: [{ start: 3, end: 8, label: 'PERSON' }] }), 1)
    expect([r.spans[0].start, r.spans[0].end]).toEqual([3, 8])
  })

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{"id": 1,', /not valid JSON/],
    ['an array', [1, 2], /JSON object/],
    ['missing text', { id: 'x' }, /text/],
    ['id of a wrong type', { id: { a: 1 }, text: 'x' }, /id/],
    ['out of bounds', { id: 'x', text: 'abc', spans: [{ start: 1, end: 9, label: 'PERSON' }] }, /out of bounds/],
    ['start after end', { id: 'x', text: 'abcdef', spans: [{ start: 4, end: 2, label: 'PERSON' }] }, /after end/],
    ['an empty span', { id: 'x', text: 'abcdef', spans: [{ start: 2, end: 2, label: 'PERSON' }] }, /empty span/],
    ['text that disagrees', { id: 'x', text: 'abcdef', spans: [{ start: 0, end: 2, label: 'PERSON', text: 'zz' }] }, /does not match/],
    ['a split surrogate pair', { id: 'x', offsets: 'utf16', text: '😀a', spans: [{ start: 1, end: 3, label: 'PERSON' }] }, /surrogate/],
    ['a relation to a missing span', { id: 'x', text: 'ab', spans: [{ id: 'T1', start: 0, end: 1, label: 'P' }], relations: [{ head: 'T1', tail: 'T9', label: 'R' }] }, /T9/],
    ['duplicate span ids', { id: 'x', text: 'ab', spans: [{ id: 'T1', start: 0, end: 1, label: 'P' }, { id: 'T1', start: 1, end: 2, label: 'P' }] }, /duplicate span id/],
    ['an empty label', { id: 'x', text: 'ab', spans: [{ start: 0, end: 1, label: '' }] }, /cannot be empty/],
    ['fractional offsets', { id: 'x', text: 'ab', spans: [{ start: 0.5, end: 1, label: 'P' }] }, /integer/],
  ]
  for (const [name, value, msg] of bad) {
    it(`refuses ${name} with a reason`, () => {
      const raw = typeof value === 'string' ? value : line(value)
      expect(() => parseJsonlLine(raw, 7)).toThrow(RecordError)
      expect(() => parseJsonlLine(raw, 7)).toThrow(msg)
    })
  }
})

describe('serializeJsonlLine', () => {
  it('writes code point offsets with each span text, and parses back to the same spans', () => {
    const text = '👨‍👩‍👧 Kerry met שלום\r\nin Liège'
    const k = text.indexOf('Kerry')
    const h = text.indexOf('שלום')
    const spans = [span(1, k, k + 5, 'PERSON', { sourceId: 'T1' }), span(2, h, h + 4, 'GPE', { note: 'hebrew', attributes: { negated: false } })]
    const out = serializeJsonlLine({ externalId: 'd', title: 'T', text, meta: {}, annotator: 'alice', spans, relations: [] })
    const json = JSON.parse(out)
    const cps = Array.from(text)
    for (const s of json.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text)
    expect(json.spans[0].id).toBe('T1')
    expect(json.spans[1].id).toBe('T2')
    expect(json.spans[1].note).toBe('hebrew')
    const back = parseJsonlLine(out, 1)
    expect(back.spans.map((s) => [s.start, s.end, s.label, s.note, s.attributes])).toEqual(
      spans.map((s) => [s.start, s.end, s.label, s.note, s.attributes]),
    )
  })

  it('writes relations by span id', () => {
    const text = 'Kerry met Michel'
    const out = JSON.parse(
      serializeJsonlLine({
        externalId: 'd',
        title: 'T',
        text,
        meta: {},
        annotator: 'a',
        spans: [span(5, 0, 5, 'PERSON'), span(6, 10, 16, 'PERSON')],
        relations: [{ id: 9, documentId: 1, annotator: 'a', label: 'PART_OF', headId: 5, tailId: 6, kind: 'binary', attributes: {}, note: '', sourceId: null, createdAt: '' }],
      }),
    )
    expect(out.relations).toEqual([{ id: 'R9', head: 'T5', tail: 'T6', label: 'PART_OF' }])
  })

  it('keeps a meta.title that is not the title (a number, or beside a line\'s own title) and writes the title as the line\'s title', () => {
    for (const given of [
      { id: 'a', title: 'Top', text: 'Kerry.', meta: { title: 'Inner', n: 7 } },
      { id: 'b', text: 'Paris.', meta: { title: 7 } },
      { id: 'c', text: 'Rome.', meta: { title: 'Rome doc' } },
    ]) {
      const r = parseJsonlLine(line(given), 1)
      const out = JSON.parse(serializeJsonlLine({ externalId: r.externalId, title: r.title, text: r.text, meta: r.meta, annotator: 'a', spans: [], relations: [] }))
      // What Python's json.loads reads is what the file had: meta.title 7 stays 7, not the document's title.
      expect(out.meta).toEqual(given.meta)
      const back = parseJsonlLine(line(out), 1)
      expect([back.title, back.meta]).toEqual([r.title, r.meta])
    }
  })
})
