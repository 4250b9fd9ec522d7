// The token formats as a Python reader splits them. Python's str.split() and
// str.splitlines() treat more characters as whitespace or line breaks than
// JavaScript's \s: the information separators U+001C..U+001F and NEL U+0085
// (both in text pasted from old mainframe or PDF exports). A token made of one
// of them gave a CoNLL line '\x1f I-A', which `line.split()` reads as one column.
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { tokenize } from '../../../../src/shared/text/tokenizer'
import { encodeAll, makeLayer } from './formatTestUtil'

/** What Python 3's str.split() with no argument splits on. */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u
/** What Python 3's str.splitlines() breaks lines on. */
const PY_LINES = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u

const TEXT = 'alpha\x1fbeta gamma\x85delta x\x1cy w\x1dz q\x1er s\u0085 t end'
const at = (needle: string): [number, number] => [TEXT.indexOf(needle), TEXT.indexOf(needle) + needle.length]

describe('token exports read with Python whitespace rules', () => {
  it('no token holds a character Python splits on', () => {
    for (const t of tokenize(TEXT)) expect(PY_SPACE.test(t.text), JSON.stringify(t.text)).toBe(false)
  })

  it('CoNLL: every line splits into a token and a tag, and the tags follow the spans', () => {
    const layer = makeLayer(TEXT, [[...at('alpha\x1fbeta'), 'A'], [...at('gamma\x85delta'), 'B']])
    const { out } = encodeAll(streamCodec('conll'), [layer])
    const rows = out
      .split(PY_LINES)
      .filter((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-'))
      .map((l) => l.split(PY_SPACE).filter(Boolean))
    for (const r of rows) expect(r.length, JSON.stringify(r)).toBe(2)
    expect(rows.slice(0, 4)).toEqual([
      ['alpha', 'B-A'],
      ['beta', 'I-A'],
      ['gamma', 'B-B'],
      ['delta', 'I-B'],
    ])
  })

  it('Hugging Face: tokens are whole words for Python too', () => {
    const layer = makeLayer(TEXT, [[...at('alpha\x1fbeta'), 'A']])
    const { out } = encodeAll(streamCodec('hf'), [layer])
    const tokens = out
      .trim()
      .split('\n')
      .flatMap((l) => (JSON.parse(l) as { tokens: string[] }).tokens)
    expect(tokens.filter((t) => PY_SPACE.test(t) || t === '')).toEqual([])
    expect(tokens.slice(0, 2)).toEqual(['alpha', 'beta'])
  })
})
