import { describe, expect, it } from 'vitest'
import { escapeText, escapeValue, unescapeText, unescapeValue } from '../../../../../src/shared/formats/webanno/tsvSyntax'
import { decode, fixture } from './tsvTestUtil'

const HEAD = '#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n#T_RL=webanno.custom.Rel|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n\n\n'
const tsv = (...lines: string[]) => HEAD + lines.join('\n') + '\n'
// Line numbers: the header takes 5 lines, so `#Text=` is line 6 and the first token line 7.

/** The one error of a refused file, as `line: reason`; the file yields no record. */
function refusal(content: string): string[] {
  const { record, errors } = decode(content, 'bad.tsv')
  expect(record).toBeNull()
  expect(errors.length).toBeGreaterThan(0)
  for (const e of errors) expect(e.file).toBe('bad.tsv')
  return errors.map((e) => `${e.line}: ${e.reason}`)
}

describe('WebAnno TSV offsets count UTF-16 code units', () => {
  it('the format documentation’s emoji sentence: 😊 is 10-12, two units, and the span covers it whole', () => {
    const { record, errors } = decode(fixture('docs-emoji-example.tsv'))
    expect(errors).toEqual([])
    expect(record!.text).toBe('I like it 😊 .')
    expect(record!.spans.map((s) => [s.start, s.end, record!.text.slice(s.start, s.end)])).toEqual([[10, 12, '😊']])
  })

  it('the same sentence counted in code points (😊 at 10-11) is refused with the line', () => {
    const bad = fixture('docs-emoji-example.tsv').replace('10-12', '10-11').replace('13-14', '12-13')
    const errs = refusal(bad)
    expect(errs[0]).toMatch(/^9: token "😊" does not match the #Text= text at 10-11/u)
  })
})

describe('WebAnno TSV: bad input is refused with file, line and reason', () => {
  it('a missing or other header', () => {
    expect(refusal('#Text=Hello\n1-1\t0-5\tHello\t\n')).toEqual(['1: not a WebAnno TSV 3 file: expected "#FORMAT=WebAnno TSV 3.x" as the first line, got "#Text=Hello"'])
    expect(refusal('#FORMAT=WebAnno TSV 2.1\n\n\n')[0]).toMatch(/^1: not a WebAnno TSV 3 file: .*only WebAnno TSV 3\.x is read/u)
    expect(refusal('#FORMAT=WebAnno TSV 3.3\n#T_XX=foo|bar\n\n\n')[0]).toMatch(/^2: unknown header line "#T_XX=foo\|bar"/u)
    expect(refusal('#FORMAT=WebAnno TSV 3.3\n#T_RL=webanno.custom.Rel|value\n\n\n')[0]).toMatch(/^2: relation layer webanno.custom.Rel has no BT_ column/u)
  })

  it('a wrong column count', () => {
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\t_\t_\t_\t', '1-2\t3-8\tthere\t_\t'))).toEqual([
      '8: expected 6 tab-separated columns (id, offsets, token and 3 declared in the header), found 4',
    ])
  })

  it('broken [n] references', () => {
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\tPER[x]\t_\t_\t', '1-2\t3-8\tthere\t_\t_\t_\t'))[0]).toMatch(/^7: NamedEntity: broken disambiguation id \[x\]/u)
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\tPER\t_\t_\t', '1-2\t3-8\tthere\tLOC\tr\t1-1[9_0]\t'))).toEqual(['8: Rel: relation refers to disambiguation id [9], which no annotation has'])
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\tPER\t_\t_\t', '1-2\t3-8\tthere\tLOC\tr\t4-4\t'))).toEqual(['8: Rel: relation source 4-4 is not a token of this file'])
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\t_\t_\t_\t', '1-2\t3-8\tthere\tLOC\tr\t1-1\t'))).toEqual(['8: Rel: no de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity annotation on 1-1 for the relation to attach to'])
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\tPER\t_\t_\t', '1-2\t3-8\tthere\tLOC\tr\t1-1[1_2\t'))[0]).toMatch(/^8: Rel: relation source "1-1\[1_2" is not a token id/u)
  })

  it('a token offset outside the text, or inside the sentence before it', () => {
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\t_\t_\t_\t', '1-2\t3-30\tthere\t_\t_\t_\t'))).toEqual([
      '8: token offsets 3-30 are outside the text (9 UTF-16 code units so far, from the #Text= lines)',
    ])
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\t_\t_\t_\t', '', '#Text=Again', '2-1\t4-9\tAgain\t_\t_\t_\t'))).toEqual([
      '10: token offset 4 falls inside the text before it (which ends at 8)',
    ])
  })

  it('an offset far past the text is refused before any padding is built (no huge string, no crash)', () => {
    expect(refusal(tsv('#Text=Hi', '1-1\t999999999999-1000000000001\tHi\t_\t_\t_\t'))).toEqual([
      '7: token offset 999999999999 leaves a gap of 999999999999 characters before its sentence (more than 1000000 is refused)',
    ])
    expect(refusal(tsv('#Text=Hi', `1-1\t${'9'.repeat(400)}-${'9'.repeat(400)}\tHi\t_\t_\t_\t`))[0]).toMatch(/^7: token offsets "9{38}…?.*" are too large for any text$/u)
  })

  it('text that does not match its tokens once unescaped', () => {
    // `\t` in #Text= is a tab, so `there` is not at 3-8 of "Hi\tthere" ... it is; but `Hi there` with a space is not.
    expect(refusal(tsv('#Text=Hi\\tthere', '1-1\t0-2\tHi\t_\t_\t_\t', '1-2\t3-8\tthre\t_\t_\t_\t'))).toEqual([
      '8: token "thre" does not match the #Text= text at 3-8: "there"',
    ])
  })

  it('duplicate ids, stray sub-tokens, a sentence without tokens, a header without its blank lines, ids across layers', () => {
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\t_\t_\t_\t', '1-1\t3-8\tthere\t_\t_\t_\t'))).toEqual(['8: token id 1-1 appears twice (first on line 7)'])
    expect(refusal(tsv('#Text=Hi there', '1-1\t0-2\tHi\t_\t_\t_\t', '1-5.1\t3-8\tthere\t_\t_\t_\t'))).toEqual(['8: sub-token 1-5.1 does not follow its token 1-5'])
    expect(refusal(tsv('#Text=Hi there', '', '#Text=x', '1-1\t0-1\tx\t_\t_\t_\t'))).toEqual(['7: a sentence header (#Text=) with no token lines after it'])
    expect(refusal('#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|value\n')).toEqual(['2: the header is not followed by a blank line and sentences'])
    const twoLayers = '#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.A|value\n#T_SP=webanno.custom.B|value\n\n\n#Text=Hi there\n1-1\t0-2\tHi\tx[1]\t_\t\n1-2\t3-8\tthere\t_\ty[1]\t\n'
    expect(refusal(twoLayers)).toEqual(['8: disambiguation id [1] names a A annotation (line 7), not a B one'])
  })

  it('broken chain and slot references', () => {
    const chainHead = '#FORMAT=WebAnno TSV 3.3\n#T_CH=webanno.custom.SimpleLink|referenceRelation|referenceType\n\n\n#Text=Hi there\n'
    expect(refusal(`${chainHead}1-1\t0-2\tHi\t*->x\t*[1]\t\n1-2\t3-8\tthere\t_\t_\t\n`)[0]).toMatch(/^6: SimpleLink: broken chain reference "\*->x"/u)
    const slotHead = '#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.SimpleSpan|\n#T_SP=webanno.custom.Host|ROLE_webanno.custom.Host:links_webanno.custom.LinkType|webanno.custom.SimpleSpan\n\n\n#Text=Hi there\n'
    expect(refusal(`${slotHead}1-1\t0-2\tHi\t_\tp1;p2\t1-2\t\n1-2\t3-8\tthere\t*\t_\t_\t\n`)).toEqual(['7: Host: 2 slot roles but 1 target for links'])
    expect(refusal(`${slotHead}1-1\t0-2\tHi\t_\tp1\t1-9\t\n1-2\t3-8\tthere\t*\t_\t_\t\n`)).toEqual(['7: Host: slot target 1-9 is not a token of this file'])
    expect(refusal(`${slotHead}1-1\t0-2\tHi\t_\tp1\t1-2[5]\t\n1-2\t3-8\tthere\t*\t_\t_\t\n`)).toEqual(['7: Host: slot target 1-2[5] refers to disambiguation id [5], which no annotation has'])
  })

  it('every bad line of a file is listed, and the file gives no record', () => {
    const errs = refusal(tsv('#Text=Hi there you', '1-1\t0-2\tHo\t_\t_\t_\t', '1-2\t3-8\tthere\t_\t', '1-3\t9-12\tyou\tPER[z]\t_\t_\t'))
    expect(errs.map((e) => e.split(':')[0])).toEqual(['7', '8', '9'])
  })
})

describe('WebAnno TSV labels', () => {
  it('the documented Sentiment layer: the first text feature is the label, the others attributes; a chain element’s type is its label', () => {
    // webannotsv.adoc, "Span Annotations": `#T_SP=webanno.custom.Sentiment|Category|Opinion` and `unhappy … abstract negative`.
    const doc = '#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Sentiment|Category|Opinion\n\n\n#Text=so unhappy\n1-1\t0-2\tso\t_\t_\t\n1-2\t3-10\tunhappy\tabstract\tnegative\t\n'
    expect(decode(doc).record!.spans.map((s) => [s.start, s.end, s.label, s.attributes])).toEqual([[3, 10, 'abstract', { Opinion: 'negative' }]])
    // webannotsv.adoc, "Chain Annotations": pr[1] with coref->1-1, coref->1-2, *->1-3.
    const chain = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation',
      '',
      '',
      '#Text=He shot himself with his revolver.',
      '1-1\t0-2\tHe\tpr[1]\tcoref->1-1',
      '1-2\t3-7\tshot\t_\t_',
      '1-3\t8-15\thimself\tpr[1]\tcoref->1-2',
      '1-4\t16-20\twith\t_\t_',
      '1-5\t21-24\this\tpr[1]\t*->1-3',
      '1-6\t25-33\trevolver\t_\t_',
      '1-7\t33-34\t.\t_\t_',
      '',
    ].join('\n')
    const r = decode(chain).record!
    expect(r.spans.map((s) => [r.text.slice(s.start, s.end), s.label, s.attributes])).toEqual([['He', 'pr', {}], ['himself', 'pr', {}], ['his', 'pr', {}]])
    expect(r.relations.map((x) => [x.head, x.tail, x.label])).toEqual([[0, 1, 'coref'], [1, 2, 'coref']])
  })
})

describe('WebAnno TSV escaping (Escaping.java)', () => {
  it('sentence text: Java escapes and raw control characters after a backslash (3.2+); Java unescaping for 3.0/3.1', () => {
    expect(unescapeText('a\\\\b\\tc\\nd\\re\\\u0001f\\x', 3)).toBe('a\\b\tc\nd\re\u0001f\\x')
    expect(unescapeText('caf\\u00e9 \\"q\\"', 1)).toBe('café "q"')
    expect(unescapeText('caf\\u00e9', 3)).toBe('caf\\u00e9')
    for (const s of ['a\\b\tc\rd\u0001e\u000bf', 'plain', '\\\\t']) expect(unescapeText(escapeText(s), 3)).toBe(s)
  })

  it('feature values: \\ [ ] | _ -> ; * TAB LF', () => {
    const v = 'a[1]|b_c->d;e*f\\g\th\ni'
    expect(escapeValue(v)).toBe('a\\[1\\]\\|b\\_c\\->d\\;e\\*f\\\\g\\th\\ni')
    expect(unescapeValue(escapeValue(v))).toBe(v)
  })

  it('a text with a tab, a backslash and a carriage return reads back from its escaped #Text= line', () => {
    const { record, errors } = decode(tsv('#Text=a\\tb\\\\c\\rd', '1-1\t0-1\ta\t_\t_\t_\t', '1-2\t2-3\tb\tPER\t_\t_\t', '1-3\t3-4\t\\\t_\t_\t_\t', '1-4\t6-7\td\t_\t_\t_\t'))
    expect(errors).toEqual([])
    expect(record!.text).toBe('a\tb\\c\rd')
    expect(record!.spans.map((s) => [s.start, s.end, s.label])).toEqual([[2, 3, 'PER']])
  })
})
