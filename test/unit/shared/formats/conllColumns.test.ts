import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * One CoNLL export joins documents from files with different separators: the
 * first document decides (a space here), and a later one came from a
 * tab-separated file whose token holds a space ("New York"). Written as it
 * was, that line had three columns and every CoNLL reader took "York" for a
 * POS column. Such a token is written as one token per word now, the tag
 * continued (I-, or the file's scheme), so every line keeps its columns and
 * the span its words.
 */

const codec = streamCodec('conll')
const layerOf = (file: string, id: string) => {
  const [r] = records(decodeAll(codec, file))
  return makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta, externalId: id })
}

describe('CoNLL export: one column count on every line', () => {
  it('a token holding a space, written after a space-separated document, becomes one token per word', () => {
    const spaced = layerOf('Kerry B-PER\nleft O\n', 'a1')
    const tabbed = layerOf('New York\tB-LOC\nis\tO\nLos Angeles\tS-LOC\n', 'b1')
    const out = encodeAll(codec, [spaced, tabbed]).out
    const lines = out.split('\n').filter((l) => l && !l.startsWith('-DOCSTART-'))
    expect(lines.every((l) => l.split(' ').length === 2)).toBe(true)
    expect(out).toContain('New B-LOC\nYork I-LOC\nis O\nLos B-LOC\nAngeles I-LOC\n')
    const back = records(decodeAll(codec, out))[1]
    expect(back.spans.map((s) => back.text.slice(s.start, s.end))).toEqual(['New York', 'Los Angeles'])
  })

  it('in the file\'s own scheme when it had one', () => {
    const tabbed = layerOf('New York\tB-LOC\nis\tO\nParis\tS-LOC\n', 'b1')
    expect(encodeAll(codec, [layerOf('Kerry S-PER\nleft O\n', 'a1'), tabbed]).out).toContain('New B-LOC\nYork E-LOC\nis O\nParis S-LOC\n')
  })
})
