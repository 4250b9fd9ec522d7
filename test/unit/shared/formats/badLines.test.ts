import { describe, expect, it } from 'vitest'
import type { FormatName } from '../../../../src/shared/formats/formatCodec'
import { streamCodec } from '../../../../src/shared/formats/registry'
import type { OffsetUnit } from '../../../../src/shared/text/offsets'
import { decodeAll, errors } from './formatTestUtil'

/**
 * Each bad line is reported with its file, line and reason, and decoding goes
 * on: every case sits on line 2 between two good lines, which must still decode.
 */

const j = (o: unknown) => JSON.stringify(o)
const TEXT = 'Kerry 😀 met Michel.' // code points: Kerry 0-5, 😀 6-7, Michel 12-18

interface Case {
  name: string
  line: string
  reason: RegExp
  unit?: OffsetUnit
}

const doccano = (label: unknown, extra: object = {}) => j({ id: 1, text: TEXT, label, ...extra })
const rel = (entities: unknown, relations: unknown = []) => j({ id: 1, text: TEXT, entities, relations })
const ent = (id: unknown, start: unknown, end: unknown, label: unknown = 'PER') => ({ id, label, start_offset: start, end_offset: end })
const spacy = (entities: unknown) => j([TEXT, { entities }])
const tok = [
  { text: 'Kerry', start: 0, end: 5, id: 0 },
  { text: '😀', start: 6, end: 7, id: 1 },
]
const prodigy = (spans: unknown, relations: unknown = [], extra: object = {}) => j({ text: TEXT, tokens: tok, spans, relations, answer: 'accept', ...extra })
const pspan = (start: number, end: number, label = 'PER') => ({ start, end, label })

const cases: Record<string, { good: string; cases: Case[] }> = {
  jsonl: {
    good: j({ id: 'ok', text: TEXT, spans: [{ id: 'T1', start: 0, end: 5, label: 'PER', text: 'Kerry' }] }),
    cases: [
      { name: 'not JSON', line: '{"id": "x", "text": ', reason: /not valid JSON/ },
      { name: 'NaN literal', line: '{"id": "x", "text": "a", "spans": [{"start": NaN, "end": 1, "label": "L"}]}', reason: /not valid JSON/ },
      { name: 'text wrong type', line: j({ id: 'x', text: 5 }), reason: /text/ },
      { name: 'start after end', line: j({ id: 'x', text: TEXT, spans: [{ start: 5, end: 2, label: 'L' }] }), reason: /start 5 is after end 2/ },
      { name: 'duplicate span id', line: j({ id: 'x', text: TEXT, spans: [{ id: 'a', start: 0, end: 1, label: 'L' }, { id: 'a', start: 1, end: 2, label: 'L' }] }), reason: /duplicate span id/ },
      { name: 'relation to a missing span', line: j({ id: 'x', text: TEXT, spans: [{ id: 'a', start: 0, end: 1, label: 'L' }], relations: [{ head: 'a', tail: 'zz', label: 'R' }] }), reason: /tail "zz"/ },
      { name: 'surrogate split (utf16 offsets)', unit: 'utf16', line: j({ id: 'x', text: TEXT, spans: [{ start: 6, end: 7, label: 'L' }] }), reason: /split a surrogate pair/ },
    ],
  },
  doccano: {
    good: doccano([[0, 5, 'PER']]),
    cases: [
      { name: 'not an object', line: '[1, 2]', reason: /a doccano line must be an object, not an array/ },
      { name: 'text missing', line: j({ id: 1, label: [] }), reason: /text is missing \(expected a string\)/ },
      { name: 'offset as a string', line: doccano([['0', 5, 'PER']]), reason: /label\[0\] start must be a non-negative integer/ },
      { name: 'fractional offset', line: doccano([[0, 4.5, 'PER']]), reason: /label\[0\] end must be a non-negative integer/ },
      { name: '"NaN" offset', line: doccano([['NaN', 5, 'PER']]), reason: /start must be a non-negative integer/ },
      { name: 'negative offset', line: doccano([[-1, 5, 'PER']]), reason: /start must be a non-negative integer/ },
      { name: 'out of bounds', line: doccano([[12, 99, 'PER']]), reason: /out of bounds \(text has 19 code points\)/ },
      { name: 'start after end', line: doccano([[5, 0, 'PER']]), reason: /start 5 is after end 0/ },
      { name: 'empty span', line: doccano([[3, 3, 'PER']]), reason: /empty span/ },
      { name: 'two items', line: doccano([[0, 5]]), reason: /must be \[start, end, "LABEL"\]/ },
      { name: 'surrogate split (utf16)', unit: 'utf16', line: doccano([[6, 7, 'E']]), reason: /split a surrogate pair/ },
      { name: 'label not an array', line: doccano('PER'), reason: /label must be an array/ },
    ],
  },
  'doccano-rel': {
    good: rel([ent(1, 0, 5), ent(2, 12, 18)], [{ id: 1, from_id: 1, to_id: 2, type: 'MET' }]),
    cases: [
      { name: 'duplicate entity id', line: rel([ent(1, 0, 5), ent(1, 12, 18)]), reason: /entities\[1\] \(id 1\): duplicate span id "1"/ },
      { name: 'relation to a missing span', line: rel([ent(1, 0, 5)], [{ id: 1, from_id: 1, to_id: 9, type: 'MET' }]), reason: /relations\[0\] \(id 1\) to_id: "9" is not a span id/ },
      { name: 'duplicate relation id', line: rel([ent(1, 0, 5), ent(2, 12, 18)], [{ id: 1, from_id: 1, to_id: 2, type: 'A' }, { id: 1, from_id: 2, to_id: 1, type: 'B' }]), reason: /duplicate relation id/ },
      { name: 'entity id as float', line: rel([ent(1.5, 0, 5)]), reason: /entities\[0\]\.id must be a string or an integer/ },
      { name: 'relation type missing', line: rel([ent(1, 0, 5)], [{ from_id: 1, to_id: 1 }]), reason: /type is missing/ },
      { name: 'out of bounds', line: rel([ent(1, 0, 20)]), reason: /out of bounds/ },
      { name: 'entities not an array', line: rel({}), reason: /entities must be an array, not an object/ },
    ],
  },
  spacy: {
    good: spacy([[0, 5, 'PER']]),
    cases: [
      { name: 'object, not a tuple', line: j({ text: TEXT }), reason: /spaCy training example must be an array/ },
      { name: 'three items', line: j([TEXT, {}, {}]), reason: /not 3 items/ },
      { name: 'text not a string', line: j([5, { entities: [] }]), reason: /text \(item 0\) must be a string/ },
      { name: 'BILUO tags', line: spacy(['U-PER', 'O']), reason: /BILUO tag lists are not supported/ },
      { name: 'start after end', line: spacy([[7, 6, 'E']]), reason: /start 7 is after end 6/ },
      { name: 'out of bounds', line: spacy([[0, 400, 'E']]), reason: /out of bounds/ },
      { name: 'null offset', line: spacy([[null, 5, 'E']]), reason: /start must be a non-negative integer, not null/ },
    ],
  },
  prodigy: {
    good: prodigy([pspan(0, 5)]),
    cases: [
      { name: 'bad answer', line: prodigy([], [], { answer: 'yes' }), reason: /answer must be "accept", "reject" or "ignore"/ },
      { name: 'span text disagrees', line: prodigy([{ ...pspan(0, 5), text: 'Kelly' }]), reason: /text "Kelly" does not match the document text "Kerry"/ },
      { name: 'token index out of range', line: prodigy([{ token_start: 0, token_end: 7, label: 'PER' }]), reason: /token_end 7 is not a token index \(the task has 2 tokens\)/ },
      { name: 'relation to a missing span', line: prodigy([pspan(0, 5)], [{ head: 0, child: 1, head_span: pspan(0, 5), child_span: pspan(6, 7, 'EMOJI'), label: 'R' }]), reason: /relations\[0\]\.child_span 6-7 EMOJI is not one of the task's spans/ },
      { name: 'relation without spans', line: prodigy([pspan(0, 5)], [{ head: 0, child: 1, label: 'R' }]), reason: /head_span is missing/ },
      { name: 'tokens wrong type', line: j({ text: TEXT, tokens: 'Kerry' }), reason: /tokens must be an array/ },
      { name: 'label missing', line: prodigy([{ start: 0, end: 5 }]), reason: /spans\[0\]\.label is missing/ },
      { name: 'annotator with a slash', line: prodigy([], [], { _annotator_id: 'a/b' }), reason: /not a valid annotator name/ },
    ],
  },
}

describe('bad lines are reported by line and reason, and decoding goes on', () => {
  for (const [format, { good, cases: list }] of Object.entries(cases)) {
    for (const c of list) {
      it(`${format}: ${c.name}`, () => {
        const items = decodeAll(streamCodec(format as FormatName), [good, c.line, good].join('\n'), c.unit ?? 'codepoint', 'data/in.jsonl')
        const errs = errors(items)
        expect(errs).toHaveLength(1)
        expect(errs[0].file).toBe('data/in.jsonl')
        expect(errs[0].line).toBe(2)
        expect(errs[0].reason).toMatch(c.reason)
        // Prodigy groups the tasks of one text (lines 1 and 3 here) into one document's record.
        expect(items.flatMap((i) => ('record' in i ? [i.record.line] : []))).toEqual(format === 'prodigy' ? [1] : [1, 3])
      })
    }
  }

  it('labelstudio: span text disagreeing, duplicate region ids, a relation to a missing region, no data.text', () => {
    const task = (result: unknown[], data: object = { text: TEXT }) => ({ data, annotations: [{ result }] })
    const region = (id: string, start: number, end: number, text?: string) => ({ id, type: 'labels', value: { start, end, text, labels: ['PER'] } })
    const file = JSON.stringify(
      [
        task([region('a', 0, 5, 'Kerry')]),
        task([region('a', 0, 5, 'Kelly')]),
        task([region('a', 0, 5), region('a', 12, 18)]),
        task([region('a', 0, 5), { from_id: 'a', to_id: 'b', type: 'relation', direction: 'right', labels: [] }]),
        task([], { image: 'https://example.org/a.png' }),
        task([region('a', 1, 0)]),
      ],
      null,
      1,
    )
    const errs = errors(decodeAll(streamCodec('labelstudio'), file, 'codepoint', 'ls.json'))
    expect(errs.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^task 1: annotations\[0\]\.result\[0\]: text "Kelly" does not match the document text "Kerry"/),
      expect.stringMatching(/^task 2: .*duplicate span id "a"/),
      expect.stringMatching(/^task 3: .*to_id: "b" is not a span id/),
      expect.stringMatching(/^task 4: data has no "text" and no other text field \(keys: image\)/),
      expect.stringMatching(/^task 5: .*start 1 is after end 0/),
    ])
    const lines = file.split('\n')
    for (const e of errs) expect(lines[e.line - 1]).toBe(' {')
    expect(new Set(errs.map((e) => e.line)).size).toBe(5)
  })

  it('an empty file decodes to nothing in every format', () => {
    for (const format of ['jsonl', 'doccano', 'doccano-rel', 'spacy', 'prodigy', 'labelstudio', 'conll'] as FormatName[]) {
      expect(decodeAll(streamCodec(format), '\n  \n')).toEqual([])
    }
  })

  it('a truncated last line is an error on that line only', () => {
    const good = cases.doccano.good
    const items = decodeAll(streamCodec('doccano'), `${good}\n${good.slice(0, 30)}`)
    expect(errors(items).map((e) => [e.line, /not valid JSON/.test(e.reason)])).toEqual([[2, true]])
  })
})
