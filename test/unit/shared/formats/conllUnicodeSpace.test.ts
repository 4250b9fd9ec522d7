import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * A space-separated CoNLL file whose token holds another Unicode space
 * (CoreNLP keeps French "1\u00A0000" one token; web text brings U+202F and
 * U+3000): its columns are separated by spaces or tabs, so the token stays
 * whole. Split on every whitespace, "000" became a middle column and left
 * the text, the span and every later column one place off.
 */
const codec = streamCodec('conll')

describe('CoNLL import: a token holding a Unicode space stays one token', () => {
  it('two and four columns, NBSP, narrow NBSP and ideographic space', () => {
    for (const sp of ['\u00a0', '\u202f', '\u3000']) {
      const [two] = records(decodeAll(codec, `-DOCSTART- O\n\nIl O\na O\n1${sp}000 B-NUM\neuros O\n`))
      expect(two.text).toBe(`Il a 1${sp}000 euros`)
      expect(two.spans.map((s) => two.text.slice(s.start, s.end))).toEqual([`1${sp}000`])
      const [four] = records(decodeAll(codec, `-DOCSTART- -X- -X- O\n\nParis NNP B-NP B-LOC\n10${sp}% CD I-NP O\n`))
      expect(four.text).toBe(`Paris 10${sp}%`)
      expect((four.meta.conll as { columns: string[][] }).columns).toEqual([['NNP', 'B-NP'], ['CD', 'I-NP']])
    }
  })

  it('exported again, every line keeps its columns for a Python str.split() reader, the span its words', () => {
    const [r] = records(decodeAll(codec, 'Il O\n1\u00a0000 B-NUM\neuros O\n'))
    const out = encodeAll(codec, [makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta })]).out
    expect(out).toContain('Il O\n1 B-NUM\n000 I-NUM\neuros O\n')
  })
})
