import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTsv } from '../../../../../src/shared/formats/webanno/parseTsv'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'
import { DIR, decode, fixture, linesOf } from './tsvTestUtil'

/** Each token line of the file: its offsets and token text, straight from the columns. */
function tokenLines(content: string): { begin: number; end: number; token: string }[] {
  return linesOf(content)
    .filter((l) => /^\d+-\d+(\.\d+)?\t/u.test(l.raw))
    .map((l) => {
      const [, offs, token] = l.raw.split('\t')
      const [begin, end] = offs.split('-').map(Number)
      return { begin, end, token }
    })
}

const spansOf = (r: ImportRecord) => r.spans.map((s) => [s.start, s.end, s.label, r.text.slice(s.start, s.end)])

describe('WebAnno TSV 3 reader on INCEpTION test-suite files', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.tsv'))

  it('reads every copied file; every token and sub-token is the rebuilt text at its offsets', () => {
    expect(files.length).toBeGreaterThanOrEqual(14)
    for (const f of files) {
      const content = fixture(f)
      const parsed = parseTsv(linesOf(content))
      expect(parsed.errors, f).toEqual([])
      const toks = tokenLines(content)
      expect(toks.length, f).toBeGreaterThan(0)
      for (const t of toks) expect(parsed.text.slice(t.begin, t.end), `${f} ${t.begin}-${t.end}`).toBe(t.token)
      // Every span's text is the text of the tokens it starts and ends on.
      for (const a of parsed.spans) {
        const first = toks.find((t) => t.begin === a.begin && t.end <= a.end)
        const last = toks.find((t) => t.end === a.end && t.begin >= a.begin)
        expect(first && last, `${f} span ${a.begin}-${a.end}`).toBeTruthy()
        expect(parsed.text.slice(a.begin, a.end).startsWith(first!.token)).toBe(true)
        expect(parsed.text.slice(a.begin, a.end).endsWith(last!.token)).toBe(true)
      }
    }
  })

  it('example2.tsv: NamedEntity spans, multi-token by [n], stacked ORG|PER; POS and dependencies (document structure) counted', () => {
    const { record, errors } = decode(fixture('example2.tsv'), 'corpus/example2.tsv')
    expect(errors).toEqual([])
    const r = record!
    expect(r.externalId).toBe('example2')
    expect(r.text.startsWith('Ms. Haag plays Elianti .\nRolls-Royce Motor Cars Inc. said')).toBe(true)
    expect(r.text.endsWith('building products .')).toBe(true)
    expect(r.text.length).toBe(444)
    expect(spansOf(r)).toEqual([
      [0, 8, 'PER', 'Ms. Haag'],
      [15, 22, 'OTH', 'Elianti'],
      [25, 42, 'ORG', 'Rolls-Royce Motor'],
      [73, 77, 'LOC', 'U.S.'],
      [186, 190, 'LOC', 'U.S.'],
      [191, 211, 'ORG', 'BELL INDUSTRIES Inc.'],
      [191, 195, 'PER', 'BELL'],
      [347, 351, 'ORG', 'Bell'],
      [363, 374, 'LOC', 'Los Angeles'],
    ])
    // 86 tokens, each with a POS tag and (but for 3) the target of a dependency: left out as the XMI reader leaves them, and said.
    expect(r.relations).toEqual([])
    expect(r.notes).toEqual({
      'WebAnno POS annotations (document structure), not imported': 86,
      'WebAnno Dependency annotations (document structure), not imported': 86,
    })
  })

  it('escaped feature values are unescaped exactly, and become the label as they are (the import refuses or renames it)', () => {
    const special = "#*'\"`´\t:;{}|[ ]()\\§$%?=&_\n"
    const parsed = parseTsv(linesOf(fixture('testTokenBoundedSpanWithSpecialSymbolsValue.tsv')))
    expect(parsed.errors).toEqual([])
    expect(parsed.spans.map((s) => s.features.get('value'))).toEqual(new Array(5).fill(special))
    const { record, errors } = decode(fixture('testTokenBoundedSpanWithSpecialSymbolsValue.tsv'), 'special.tsv')
    expect(errors).toEqual([])
    expect(record!.spans.map((s) => s.label)).toEqual(new Array(5).fill(special))
  })

  it('stacked multi-token spans, a span across a sentence break, and the layer name for a span without a value', () => {
    expect(spansOf(decode(fixture('testMultiTokenStackedSpanWithFeatureValue.tsv')).record!)).toEqual([
      [0, 16, 'PERSON', 'This is a test .'],
      [0, 16, 'LOCATION', 'This is a test .'],
    ])
    const cross = decode(fixture('testCrossSentenceSpanWithoutFeatureValue.tsv')).record!
    expect(cross.text).toBe('He loves her .\nShe loves him not .')
    expect(spansOf(cross)).toEqual([[0, 34, 'Span', cross.text]])
  })

  it('the text equals INCEpTION’s own document text (reference.xmi sofaString "This is a test .")', () => {
    // testSingleTokenWithoutFeatureValue/reference.xmi holds sofaString="This is a test ." for the same sentence.
    expect(decode(fixture('testSingleStackedNonTokenRelationWithoutFeatureValue.tsv')).record!.text).toBe('This is a test .')
    expect(decode(fixture('testElevatedType.tsv')).record!.text).toBe('John')
  })

  it('sub-token spans keep the sub-token offsets; zero-length ones are skipped and counted', () => {
    const r = decode(fixture('testSubMultiTokenSpanWithFeatureValue.tsv')).record!
    expect(r.text).toBe('aaaaaa bbbbbb cccccc')
    const byLabel = Object.fromEntries(r.spans.map((s) => [s.label, [s.start, s.end]]))
    expect(byLabel).toEqual({ '1': [0, 6], '2': [0, 13], '7': [0, 10], '9': [3, 17], '6': [3, 13], '8': [3, 10], '4': [7, 11], '5': [9, 13], '3': [9, 11] })
    expect(r.notes).toEqual({ 'WebAnno zero-length spans (a Spanwright span covers at least one character), not imported': 3 })
    const sub = decode(fixture('testSubTokenRelation.tsv')).record!
    expect(spansOf(sub)).toEqual([[0, 1, 'OTH', 'T'], [3, 4, 'OTH', 't']])
    const zero = decode(fixture('testZeroLengthSpansWithoutFeatureValues.tsv')).record!
    expect(zero.spans).toEqual([])
    expect(zero.notes).toEqual({ 'WebAnno zero-length spans (a Spanwright span covers at least one character), not imported': 2 })
  })

  it('a relation between stacked spans resolves [source_target] ids; one over tokens is skipped and counted', () => {
    const r = decode(fixture('testSingleStackedNonTokenRelationWithoutFeatureValue.tsv')).record!
    expect(spansOf(r)).toEqual([[0, 4, 'Span', 'This'], [0, 4, 'Span', 'This'], [15, 16, 'Span', '.'], [15, 16, 'Span', '.']])
    expect(r.relations).toEqual([{ sourceId: null, label: 'Relation', head: 0, tail: 2, attributes: {}, note: '' }])
    const tok = decode(fixture('testSingleTokenRelationWithoutFeatureValue.tsv')).record!
    expect(tok.relations).toEqual([])
    expect(tok.notes).toEqual({ 'WebAnno relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported': 1 })
  })

  it('a chain: its elements are spans, each linked to the next; a slot feature: role relations from its host to each target', () => {
    const chain = decode(fixture('testSimpleChain.tsv')).record!
    expect(spansOf(chain)).toEqual([[0, 4, 'SimpleLink', 'This'], [5, 7, 'SimpleLink', 'is'], [8, 9, 'SimpleLink', 'a']])
    expect(chain.relations.map((x) => [x.head, x.tail, x.label, x.kind])).toEqual([[0, 1, 'SimpleLink', 'binary'], [1, 2, 'SimpleLink', 'binary']])
    expect(chain.notes).toBeUndefined()
    const slot = decode(fixture('testSimpleSameRoleSlotFeature.tsv')).record!
    expect(spansOf(slot)).toEqual([[0, 4, 'SimpleLinkHost', 'This'], [5, 7, 'SimpleSpan', 'is'], [8, 9, 'SimpleSpan', 'a']])
    expect(slot.relations.map((x) => [x.head, x.tail, x.label, x.kind])).toEqual([[0, 1, 'p1', 'role'], [0, 2, 'p1', 'role']])
  })

  it('NamedEntity without a value is named NamedEntity; a POS layer alone gives no spans, said; sentence ids are kept in meta', () => {
    const ne = decode(fixture('testAnnotationWithTrailingWhitespaceAtEnd.tsv')).record!
    expect(spansOf(ne)).toEqual([[4, 7, 'NamedEntity', 'two']])
    const pos = decode(fixture('testElevatedType.tsv')).record!
    expect(pos.spans).toEqual([])
    expect(pos.notes).toEqual({ 'WebAnno POS annotations (document structure), not imported': 1 })
    const ids = decode(fixture('testSentenceId.tsv')).record!
    expect(ids.meta.webannoTsv).toEqual({
      version: '3.3',
      sentences: [
        { id: 'sent-1', tokens: [0, 2, 3, 8, 9, 12, 13, 14] },
        { id: 'sent-2', tokens: [15, 18, 19, 24, 25, 28, 29, 32, 33, 34] },
      ],
    })
  })
})
