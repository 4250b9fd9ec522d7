import { describe, expect, it } from 'vitest'
import { formatLineError } from '../../../../../src/shared/formats/importRecord'
import { decodeBratDocument } from '../../../../../src/shared/formats/brat/decodeBratDocument'

const ctx = { file: 'doc.ann', externalId: 'doc' }
const TEXT = 'Kerry met Michel in Brussels.\nThey merged Acme and Bolt.'
//            0123456789012345678901234567890123456789012345678901234
const ann = (...lines: string[]) => lines.join('\n')

function ok(text: string, a: string) {
  const { record, errors } = decodeBratDocument(text, a, ctx)
  expect(errors.map(formatLineError)).toEqual([])
  return record!
}
function bad(text: string, a: string): string[] {
  const { record, errors } = decodeBratDocument(text, a, ctx)
  expect(record).toBeNull()
  return errors.map(formatLineError)
}

describe('decodeBratDocument: T lines', () => {
  it('keeps the text whole, titles by the first line, and reads offsets as code points', () => {
    const r = ok(TEXT, ann('T1\tPerson 0 5\tKerry', 'T2\tPerson 10 16\tMichel'))
    expect(r.text).toBe(TEXT)
    expect(r.title).toBe('Kerry met Michel in Brussels.')
    expect(r.externalId).toBe('doc')
    expect(r.spans.map((s) => [s.sourceId, s.label, s.start, s.end, s.kind, s.fragments])).toEqual([
      ['T1', 'Person', 0, 5, 'entity', null],
      ['T2', 'Person', 10, 16, 'entity', null],
    ])
  })

  it('converts code points after astral characters to UTF-16', () => {
    const r = ok('😀 Kerry', 'T1\tPerson 2 7\tKerry')
    expect([r.spans[0].start, r.spans[0].end]).toEqual([3, 8])
  })

  it('keeps discontinuous fragments, checking the text joined by a space', () => {
    const r = ok(TEXT, 'T1\tPerson 0 5;10 16\tKerry Michel')
    expect(r.spans[0]).toMatchObject({ start: 0, end: 16, fragments: [[0, 5], [10, 16]] })
  })

  it('reports bad offsets, text mismatches and malformed lines with file and line', () => {
    const errs = bad(
      TEXT,
      ann('T1\tPerson 0 5\tKerry', 'T2\tPerson 10 9\tx', 'T3\tPerson 0 500\tx', 'T4\tPerson 0 5\tKery', 'T5\tPerson zero 5\tx', 'T6 Person 0 5', 'X1\tfoo', 'T1\tPerson 0 5\tKerry'),
    )
    expect(errs).toEqual([
      expect.stringMatching(/^doc\.ann:2: bad offsets in T2/),
      expect.stringMatching(/^doc\.ann:3: T3: offsets 0-500 are out of bounds/),
      expect.stringMatching(/^doc\.ann:4: T4: text "Kery" does not match the document text "Kerry"/),
      expect.stringMatching(/^doc\.ann:5: bad offsets in T5: "zero"/),
      expect.stringMatching(/^doc\.ann:6: malformed line/),
      expect.stringMatching(/^doc\.ann:7: malformed line/),
      expect.stringMatching(/^doc\.ann:8: duplicate id T1 \(first used on line 1\)/),
    ])
  })

  it('rejects overlapping fragments and fragments out of order', () => {
    expect(bad(TEXT, 'T1\tPerson 10 16;0 5\tMichel Kerry')[0]).toMatch(/doc\.ann:1: bad offsets in T1: fragments overlap or are out of order/)
  })

  it('skips blank lines and accepts CRLF line ends, counting lines as written', () => {
    const r = ok(TEXT, 'T1\tPerson 0 5\tKerry\r\n\r\nT2\tPerson 10 16\tMichel\r\n')
    expect(r.spans).toHaveLength(2)
    expect(bad(TEXT, 'T1\tPerson 0 5\tKerry\r\n\r\nT2\tPerson 10 17\tMichel\r\n')[0]).toMatch(/^doc\.ann:3:/)
  })
})

describe('decodeBratDocument: R, E and * lines', () => {
  const ents = ['T1\tPerson 0 5\tKerry', 'T2\tPerson 10 16\tMichel', 'T3\tGPE 20 28\tBrussels']

  it('reads R lines as binary relations, roles in either order, tolerating the trailing tab', () => {
    const r = ok(TEXT, ann(...ents, 'R1\tMet Arg1:T1 Arg2:T2\t', 'R2\tLocated Arg2:T3 Arg1:T2'))
    expect(r.relations.map((x) => [x.sourceId, x.label, x.head, x.tail, x.kind])).toEqual([
      ['R1', 'Met', 0, 1, 'binary'],
      ['R2', 'Located', 1, 2, 'binary'],
    ])
  })

  it('rejects relations to unknown ids, one role named twice, and one type with two pairs of role names', () => {
    expect(bad(TEXT, ann(...ents, 'R1\tMet Arg1:T1 Arg2:T9', 'R2\tMet From:T1 From:T2', 'R3\tSaw From:T1 To:T2', 'R4\tSaw Who:T1 Whom:T2'))).toEqual([
      expect.stringMatching(/^doc\.ann:4: R1: unknown id T9/),
      expect.stringMatching(/^doc\.ann:5: malformed line R2: a relation's two roles need two names/),
      'doc.ann:7: R4: relation type Saw has roles Who/Whom here and From/To on line 6; one pair of role names per type is supported',
    ])
  })

  it('reads an E line as its trigger span plus role relations, an event argument pointing at its trigger', () => {
    const text = 'Acme merged Bolt; Kerry said so.'
    const r = ok(
      text,
      ann(
        'T1\tOrg 0 4\tAcme',
        'T2\tMerge-org 5 11\tmerged',
        'T3\tOrg 12 16\tBolt',
        'T4\tPerson 18 23\tKerry',
        'T5\tReport 24 28\tsaid',
        'E2\tReport:T5 Reporter-Arg:T4 Event-Arg:E1',
        'E1\tMerge-org:T2 Org-Arg:T1 Org-Arg2:T3',
      ),
    )
    expect(r.spans.map((s) => s.kind)).toEqual(['entity', 'trigger', 'entity', 'entity', 'trigger'])
    expect(r.relations.map((x) => [x.sourceId, x.label, x.head, x.tail, x.kind])).toEqual([
      ['E2', 'Reporter-Arg', 4, 3, 'role'],
      ['E2', 'Event-Arg', 4, 1, 'role'],
      ['E1', 'Org-Arg', 1, 0, 'role'],
      ['E1', 'Org-Arg2', 1, 2, 'role'],
    ])
  })

  it('rejects unknown triggers and arguments and a malformed E line (shared triggers and other types: see bratEvents.test.ts)', () => {
    const text = 'Acme merged Bolt.'
    const base = ['T1\tOrg 0 4\tAcme', 'T2\tMerge-org 5 11\tmerged']
    expect(bad(text, ann(...base, 'E1\tMerge-org:T9', 'E2\tMerge-org:T2 Org-Arg:T7', 'E3\tMerge-org:E1', 'E5\tMerge-org T2'))).toEqual([
      expect.stringMatching(/^doc\.ann:3: E1: unknown trigger T9/),
      expect.stringMatching(/^doc\.ann:4: E2: argument Org-Arg:T7 names an unknown id/),
      expect.stringMatching(/^doc\.ann:5: E3: unknown trigger E1 \(expected a T id/),
      expect.stringMatching(/^doc\.ann:6: malformed line E5/),
    ])
  })

  it('reads a * line as a chain of equiv relations in its order', () => {
    const r = ok(TEXT, ann(...ents, '*\tAlias T2 T1 T3'))
    expect(r.relations.map((x) => [x.label, x.head, x.tail, x.kind])).toEqual([
      ['Alias', 1, 0, 'equiv'],
      ['Alias', 0, 2, 'equiv'],
    ])
    expect(bad(TEXT, ann(...ents, '*\tAlias T1 T8', '*\tAlias T1'))).toEqual([
      expect.stringMatching(/^doc\.ann:4: \*: unknown id T8/),
      expect.stringMatching(/^doc\.ann:5: malformed \* line: an equivalence needs at least two ids/),
    ])
  })
})

describe('decodeBratDocument: A, N and # lines', () => {
  const base = ['T1\tPerson 0 5\tKerry', 'T2\tPerson 10 16\tMichel', 'T3\tMerge-org 35 41\tmerged', 'E1\tMerge-org:T3', 'R1\tMet Arg1:T1 Arg2:T2\t']

  it('puts binary and valued attributes on spans, events (their trigger) and relations', () => {
    const r = ok(TEXT, ann(...base, 'A1\tNegation E1', 'A2\tConfidence T1 High', 'A3\tSpeculation R1'))
    expect(r.spans[0].attributes).toEqual({ Confidence: 'High' })
    expect(r.spans[2].attributes).toEqual({ Negation: true })
    expect(r.relations[0].attributes).toEqual({ Speculation: true })
  })

  it('keeps a normalization id with its name', () => {
    const r = ok(TEXT, ann(...base, 'N1\tReference T1 Wikipedia:534366\tJohn Kerry'))
    expect(r.spans[0]).toMatchObject({ norm: 'Wikipedia:534366', normText: 'John Kerry' })
  })

  it('puts notes on spans, events and relations, tabs in the note kept', () => {
    const r = ok(TEXT, ann(...base, '#1\tAnnotatorNotes T1\tthe senator', '#2\tAnnotatorNotes E1\tone event?', '#3\tAnnotatorNotes R1\ta\tb'))
    expect([r.spans[0].note, r.spans[2].note, r.relations[0].note]).toEqual(['the senator', 'one event?', 'a\tb'])
  })

  it('rejects unknown targets, repeats and unsupported types', () => {
    expect(
      bad(
        TEXT,
        ann(
          ...base,
          'A1\tNegation T9',
          'A2\tNegation E1',
          'A3\tNegation E1',
          'A4\tConfidence T1 High extra',
          'N1\tReference R1 Wikipedia:1\tx',
          'N2\tReference T1 Wikipedia',
          'N3\tLookup T1 Wikipedia:1\tx',
          'N4\tReference T1 Wikipedia:1\tx',
          'N5\tReference T1 Wikipedia:2\ty',
          '#1\tAnnotatorNotes T9\tx',
          '#2\tOther T1\tx',
          '#3\tAnnotatorNotes T1\ty',
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^doc\.ann:6: A1: unknown target T9/),
      expect.stringMatching(/^doc\.ann:8: A3: E1 already has attribute Negation/),
      expect.stringMatching(/^doc\.ann:9: malformed line A4/),
      expect.stringMatching(/^doc\.ann:10: N1: unknown target R1/),
      expect.stringMatching(/^doc\.ann:11: malformed line N2/),
      expect.stringMatching(/^doc\.ann:12: N3: normalization type Lookup is not supported/),
      expect.stringMatching(/^doc\.ann:14: N5: T1 already has a normalization/),
      expect.stringMatching(/^doc\.ann:15: #1: unknown target T9/),
      expect.stringMatching(/^doc\.ann:17: #3: T1 already has a note; one per item is supported/),
    ])
  })

  it('reports every bad line at once, in line order', () => {
    const errs = bad(TEXT, ann('R1\tMet Arg1:T1 Arg2:T2', 'T1\tPerson 0 6\tKerry', 'A1\tX T5'))
    expect(errs.map((e) => e.split(':')[1])).toEqual(['1', '2', '3'])
  })
})
