// The outsider catalogue, JSON formats: every hostile input a colleague's
// file or a broken tool can carry, in each of the JSON formats as their
// own tools write them (six formats). Each case asserts the exact outcome: refused with
// `file:line` and reason and the workspace unchanged, or imported exactly.
import { describe, expect, it } from 'vitest'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import { JSON_FORMATS, runCase } from './catalogueSupport'
import type { Case, Rec } from './catalogueSupport'

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])

const first: Rec = { text: 'Kerry met Michel.', spans: [[0, 5, 'PERSON'], [10, 16, 'PERSON']] }
const last: Rec = { text: 'In Brussels.', spans: [[3, 11, 'GPE']] }
const GOOD_SPANS = ['PERSON:Kerry', 'PERSON:Michel', 'GPE:Brussels']

/** The file's line where the i-th record starts (Label Studio: the i-th task object of the pretty-printed array). */
function recordLine(fmt: string, content: string, i: number): number {
  if (fmt !== 'labelstudio') return i + 1
  const starts = content.split('\n').flatMap((l, n) => (l === ' {' ? [n + 1] : []))
  return starts[i]
}
const lineWith = (content: string, needle: string) => content.split('\n').findIndex((l) => l.includes(needle)) + 1

/** Splices raw bytes into a file at a placeholder (bytes no JSON writer would emit). */
function withBytes(content: string, placeholder: string, bytes: number[]): Buffer {
  const at = content.indexOf(placeholder)
  return Buffer.concat([Buffer.from(content.slice(0, at)), Buffer.from(bytes), Buffer.from(content.slice(at + placeholder.length))])
}

function casesFor(fmt: string): Case[] {
  const w = JSON_FORMATS[fmt]
  const format = fmt as FormatName
  const name = `a${w.ext}`
  const three = (mid: Rec) => w.file([first, mid, last])
  const refusedMid = (mid: Rec, reason: RegExp, opts: Partial<Case> = {}): Case => {
    const content = three(mid)
    return { name: '', files: { [name]: content }, format, expect: { refused: [[recordLine(fmt, content, 1), reason]] }, ...opts }
  }
  const deep = (placeholder: string, n: number, open = '[', close = ']') => {
    const content = three({ text: 'Deep.', extra: { x: placeholder } }).replace(`"${placeholder}"`, open.repeat(n) + '1' + close.repeat(n))
    return content
  }
  const cases: Case[] = [
    { ...refusedMid({ text: 'Abc\ud800 def' }, /text: unpaired surrogate U\+D800 at code unit 3 /), name: 'lone high surrogate \\ud800 in the text' },
    { ...refusedMid({ text: 'Abcdef\udc00' }, /text: unpaired surrogate U\+DC00 at code unit 6 /), name: 'lone low surrogate \\udc00 at the end of the text' },
    { ...refusedMid({ text: 'x\ude00\ud83dy' }, /text: unpaired surrogate U\+DE00 at code unit 1 /), name: 'a surrogate pair in the wrong order' },
    { ...refusedMid({ text: '\ud83d' }, /text: unpaired surrogate U\+D83D at code unit 0 /), name: 'a text that is one lone surrogate' },
    { ...refusedMid({ text: 'Kerry', spans: [[0, 5, 'PER\ud800']] }, /unpaired surrogate U\+D800 at code unit 3/), name: 'lone surrogate in a label' },
    {
      name: 'an emoji written as a surrogate-pair escape is imported, offsets after it exact',
      files: { [name]: w.file([{ text: 'Hi 😀 Kerry', spans: [[5, 10, 'PERSON']] }]).replace(/😀/g, '\\ud83d\\ude00') },
      format,
      expect: { imported: { documents: 1, spans: ['PERSON:Kerry'] } },
    },
    { name: 'JSON nested 300 deep (arrays)', files: { [name]: deep('__DEEP__', 300) }, format, expect: { refused: [[lineWith(deep('__DEEP__', 300), '[[[['), /JSON nested deeper than 256 levels/]] } },
    { name: 'JSON nested 100,000 deep (arrays)', files: { [name]: deep('__DEEP__', 100_000) }, format, expect: { refused: [[lineWith(deep('__DEEP__', 100_000), '[[[['), /JSON nested deeper than 256 levels/]] } },
    {
      name: 'JSON nested 10,000 deep (objects)',
      files: { [name]: deep('__DEEP__', 10_000, '{"a":', '}') },
      format,
      expect: { refused: [[lineWith(deep('__DEEP__', 10_000, '{"a":', '}'), '{"a":{"a":'), /JSON nested deeper than 256 levels/]] },
    },
    {
      name: 'brackets inside strings are text, not nesting',
      files: { [name]: w.file([{ text: `${'['.repeat(2000)}Kerry${']'.repeat(2000)}`, spans: [[2000, 2005, 'PERSON']] }]) },
      format,
      expect: { imported: { documents: 1, spans: ['PERSON:Kerry'] } },
    },
    { name: 'PNG bytes named as this format', files: { [name]: PNG_HEAD }, format, expect: { refused: [[1, /^not a text file \(a PNG image\)/]] } },
    { name: 'an empty file', files: { [name]: '' }, format, expect: { refused: [[1, /^empty file/]] } },
    { name: 'NUL bytes on the first line', files: { [name]: Buffer.concat([Buffer.from('{"id":"a'), Buffer.from([0, 1, 2]), Buffer.from('"}\n')]) }, format, expect: { refused: [[1, /^not a text file \(binary data: NUL bytes\)/]] } },
    { name: 'a UTF-8 BOM is dropped', files: { [name]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(w.file([first, last]))]) }, format, expect: { imported: { documents: 2, spans: GOOD_SPANS } } },
  ]
  for (const [what, bytes] of [
    ['an encoded surrogate ED A0 80', [0xed, 0xa0, 0x80]],
    ['an overlong slash C0 AF', [0xc0, 0xaf]],
    ['an overlong E0 80 AF', [0xe0, 0x80, 0xaf]],
    ['a code point above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
    ['a stray FF byte', [0xff]],
    ['a Latin-1 è (E8)', [0xe8]],
  ] as [string, number[]][]) {
    const content = three({ text: 'Li__BYTES__ge' })
    cases.push({ name: `${what} in the text`, files: { [name]: withBytes(content, '__BYTES__', bytes) }, format, expect: { refused: [[lineWith(content, '__BYTES__'), /^not valid UTF-8/]] } })
  }
  {
    const content = w.file([first, last])
    const cut = Buffer.concat([Buffer.from(content), Buffer.from([0xe2, 0x82])])
    cases.push({ name: 'a sequence truncated by the end of the file (E2 82)', files: { [name]: cut }, format, expect: { refused: [[content.split('\n').length, /^not valid UTF-8/]] } })
  }
  if (fmt !== 'spacy') {
    cases.push({ ...refusedMid({ text: 'Kerry', annotator: 'al\udbffice' }, /unpaired surrogate U\+DBFF at code unit 2/), name: 'lone surrogate in the annotator or meta' })
  }
  if (fmt !== 'labelstudio') {
    // A line format: the bad line is skipped like any other, the rest imported exactly.
    cases.push({
      name: '--skip-invalid skips a 300-deep line and imports the rest',
      files: { [name]: deep('__DEEP__', 300) },
      format,
      opts: { skipInvalid: true },
      expect: { imported: { documents: 2, spans: GOOD_SPANS, rejected: 1 } },
    })
    cases.push({
      name: '--skip-invalid skips a line with a lone surrogate and imports the rest',
      files: { [name]: three({ text: 'Abc\ud800' }) },
      format,
      opts: { skipInvalid: true },
      expect: { imported: { documents: 2, spans: GOOD_SPANS, rejected: 1 } },
    })
  }
  if (fmt === 'labelstudio') {
    // One JSON value for the whole file: a deep value refuses the file, listed as one rejected record.
    cases.push({ name: '--skip-invalid with a 300-deep value: the file is listed as rejected, nothing imported', files: { [name]: deep('__DEEP__', 300) }, format, opts: { skipInvalid: true }, expect: { imported: { documents: 0, spans: [], rejected: 1 } } })
  }
  return cases.map((c) => ({ ...c, name: `${fmt}: ${c.name}` }))
}

const ALL = Object.keys(JSON_FORMATS).flatMap(casesFor)

describe('outsider catalogue: JSON formats', () => {
  it('has at least 130 named cases', () => expect(ALL.length).toBeGreaterThanOrEqual(130))
  for (const c of ALL) it(c.name, () => runCase(c), 60_000)
})
