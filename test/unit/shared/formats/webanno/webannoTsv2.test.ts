// WebAnno TSV 1/2 (WebAnno 1.x/2.x, WebannoTsv2Writer's layout: no #FORMAT line, a " # <type> | <feature>" header,
// #id= / #text= per sentence, BIO values, `|` between stacked values) is read: the text is rebuilt from the #text=
// lines, each token found in order in its sentence, sentences joined by one line break.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../../src/shared/formats/registry'
import { seeded } from '../../../../helpers/seededRandom'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'
import { decodeAll, errors, records } from '../formatTestUtil'
import { checkDamagedFiles } from './tsvTestUtil'

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'webanno-tsv-older')
const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8')
const decode = (content: string, file = 'doc.tsv') => decodeAll(streamCodec('webanno-tsv'), content, 'utf16', file)
const NE = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity'
const HEAD = ` # ${NE} | value # webanno.custom.Rel | kind | AttachTo=${NE}\n`
const tsv = (...lines: string[]) => HEAD + lines.join('\n') + '\n'
/** Line 1 is the header, 2 #id=, 3 #text=, 4 the first token. */
const refusal = (content: string) => {
  const items = decode(content, 'bad.tsv')
  expect(items.some((i) => 'record' in i)).toBe(false)
  return errors(items).map((e) => `${e.file}:${e.line}: ${e.reason}`)
}
const view = (content: string) => {
  const [r] = records(decode(content))
  return { text: r.text, spans: r.spans.map((s) => [s.label, r.text.slice(s.start, s.end)]), relations: r.relations.map((x) => [x.label, x.head, x.tail]), notes: r.notes }
}

describe('WebAnno TSV 1/2 is read', () => {
  it('the TSV2 writer layout fixture: NamedEntity values are labels, text slices equal the tokens', () => {
    const [r] = records(decode(read('webanno2_tsv2writer_layout.tsv'), 'webanno2_tsv2writer_layout.tsv'))
    expect(r.externalId).toBe('webanno2_tsv2writer_layout')
    expect(r.text).toBe('Ms. Haag plays Elianne in Paris .')
    expect(r.spans.map((s) => [s.label, s.start, s.end, r.text.slice(s.start, s.end)])).toEqual([
      ['PER', 4, 8, 'Haag'],
      ['PER', 15, 22, 'Elianne'],
      ['LOC', 26, 31, 'Paris'],
    ])
    expect(r.meta.webannoTsv).toEqual({ version: '2', sentences: [{ id: '1', tokens: [0, 3, 4, 8, 9, 14, 15, 22, 23, 25, 26, 31, 32, 33] }] })
  })

  it('layers, stacks, placeholders and relations: spacing of #text= kept, structure layers counted', () => {
    expect(view(read('webanno2_layers_relations.tsv'))).toEqual({
      text: 'Ms. Haag plays Elianne in New York City .\nShe  likes  it.',
      spans: [
        ['PER', 'Ms. Haag'],
        ['PER', 'Elianne'],
        ['OTH', 'Elianne'],
        ['LOC', 'New York'],
        ['ORG', 'York City'],
        ['NamedEntity', 'She'],
        // A layer not written as BIO repeats its value on each token: each token its own span (as WebannoTsv2Reader).
        ['positive', 'likes'],
        ['positive', 'it'],
      ],
      // From the NamedEntity on the governor's token to the first one on the dependent's.
      relations: [
        ['Rel', 0, 1],
        ['visits', 0, 3],
      ],
      notes: {
        'WebAnno POS annotations (document structure), not imported': 13,
        'WebAnno Dependency annotations (document structure), not imported': 11,
      },
    })
  })

  it('B- right after B- starts another span; O and _ end one; a first empty header line and CRLF are taken', () => {
    const content = `\r\n#id=1\r\n#text=a b c\r\n1-1\ta\t\r\n1-2\tb\t\r\n1-3\tc\t\r\n`
    expect(view(content)).toEqual({ text: 'a b c', spans: [], relations: [], notes: undefined })
    const bio = tsv('#id=1', '#text=a b c d', '1-1\ta\tB-X\t_\t_\t', '1-2\tb\tB-X\t_\t_\t', '1-3\tc\tO\t_\t_\t', '1-4\td\tB-Y\t_\t_\t')
    expect(view(bio).spans).toEqual([
      ['X', 'a'],
      ['X', 'b'],
      ['Y', 'd'],
    ])
  })

  it('a relation whose end has no span is counted, not imported', () => {
    const content = tsv('#id=1', '#text=a b', '1-1\ta\tB-X\t_\t_\t', '1-2\tb\tO\tr\t1-1\t')
    expect(view(content)).toMatchObject({ spans: [['X', 'a']], relations: [], notes: { 'WebAnno relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported': 1 } })
  })
})

describe('WebAnno TSV 1/2: bad input is refused with file, line and reason, nothing read', () => {
  it('a token not found in its #text=', () => {
    expect(refusal(tsv('#id=1', '#text=Hello world', '1-1\tHello\tO\t_\t_\t', '1-2\tWorld\tO\t_\t_\t'))).toEqual([
      'bad.tsv:5: token 1-2 "World" is not the next word of its sentence\'s #text= (line 3); the text goes on with " world"',
    ])
  })

  it('I- without a B- before it, also after O', () => {
    expect(refusal(tsv('#id=1', '#text=a b', '1-1\ta\tI-PER\t_\t_\t', '1-2\tb\tO\t_\t_\t'))).toEqual([
      'bad.tsv:4: NamedEntity | value: "I-PER" (stack position 1) continues no annotation: the token before has no B- or I- value there',
    ])
    expect(refusal(tsv('#id=1', '#text=a b c', '1-1\ta\tB-PER\t_\t_\t', '1-2\tb\tO\t_\t_\t', '1-3\tc\tI-PER\t_\t_\t'))[0]).toMatch(/^bad\.tsv:6: NamedEntity \| value: "I-PER"/u)
  })

  it('a column count that does not match the header, and other faults, each with its line', () => {
    expect(
      refusal(tsv('#id=1', '#text=a b c', '1-1\ta\tB-PER\t_\t', '1-2\tb\tO\t_\t_\textra\t', 'oops', '1-3\tc\tO\tr\t1-1|1-2\t', '#id=2', '#text=d', ' # webanno.custom.Late | v', '2-1\td\tO\tr\t9-9\t')),
    ).toEqual([
      'bad.tsv:4: 4 tab-separated fields, but the header declares 5 (token number, token and 3 columns)',
      'bad.tsv:5: 6 tab-separated fields, but the header declares 5 (token number, token and 3 columns)',
      'bad.tsv:6: expected a token line "<sentence>-<token><TAB><token><TAB>…", got "oops"',
      'bad.tsv:7: Rel: 1 relation on this token but 2 governor tokens in its AttachTo column',
      'bad.tsv:10: a header line (" # <type> | <feature>") after the first sentence: " # webanno.custom.Late | v"',
      'bad.tsv:11: Rel: governor token 9-9 is not in the file',
    ])
  })

  it('a token before any #text=, a header that names no type, and a file without tokens', () => {
    expect(refusal(tsv('1-1\ta\tO\t_\t_\t'))).toEqual(['bad.tsv:2: token 1-1 comes before its sentence\'s #text= line'])
    expect(refusal(' # de.x.Ok | value # 1bad | value\n#id=1\n#text=a\n1-1\ta\t_\t\n')[0]).toMatch(/^bad\.tsv:1: header: "1bad" is not a UIMA type name/u)
    expect(refusal(tsv('#id=1', '#text=a a', '1-1\ta\tO\t_\t_\t', '1-1\ta\tO\t_\t_\t'))).toEqual(['bad.tsv:5: token number 1-1 is used twice (relations name tokens by it)'])
    expect(refusal(tsv('#id=1', '#text=a'))).toEqual(['bad.tsv:1: WebAnno TSV 1/2: no token lines ("<sentence>-<token><TAB><token><TAB>…")'])
  })
})

const PIECES = ['\t', '\n', '_', 'O', '|', 'B-', 'I-', 'O-_', '1-', '9-9', '#id=', '#text=', ' # ', 'AttachTo=', '😊', '']

describe('WebAnno TSV 1/2 reader on randomly damaged files', () => {
  it('never throws: a record whose spans lie in its text, or faults on lines of the file', () => {
    const files = ['webanno2_tsv2writer_layout.tsv', 'webanno2_layers_relations.tsv'].map((name) => ({ name, content: read(name) }))
    const refused = checkDamagedFiles(files, 800, seeded(75), PIECES, ({ content, name: f, round: n, lines }) => {
      const items = decode(content, f)
      const errs = errors(items)
      const recs = items.filter((i) => 'record' in i)
      if (recs.length) {
        expect([errs, recs.length], `${f} #${n}`).toEqual([[], 1])
        const [r] = records(items)
        for (const s of r.spans) expect(s.start >= 0 && s.start < s.end && s.end <= r.text.length && r.text.slice(s.start, s.end).trim() === r.text.slice(s.start, s.end), `${f} #${n}`).toBe(true)
        for (const x of r.relations) expect(r.spans[x.head] && r.spans[x.tail], `${f} #${n}`).toBeTruthy()
        return false
      }
      for (const e of errs) expect(e.line >= 1 && e.line <= lines, `${f} #${n}: ${e.line}: ${e.reason}`).toBe(true)
      return true
    })
    expect(refused).toBeGreaterThan(100)
    expect(refused).toBeLessThan(800)
  })
})
