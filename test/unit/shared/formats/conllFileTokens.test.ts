import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/** Issue 11: a CoNLL file's own tokens, sentence breaks and middle columns survive import and export. */

const codec = streamCodec('conll')
const blocks = (out: string) => out.trim().split(/\n\n+/u).slice(1).map((b) => b.split('\n'))

describe('CoNLL import keeps the file', () => {
  // Twelve sentences our own splitter would cut differently: no final stops, a "Dr ." pair, a lone "!".
  const sentences = [
    ['Dr NNP B-PER', '. . I-PER', 'Smith NNP I-PER'],
    ['left VBD O'],
    ['no NN O', 'stop NN O', 'here RB O'],
    ['!  . O'],
    ...Array.from({ length: 8 }, (_, i) => [`word${i} NN O`, `U.S NNP B-LOC`]),
  ]
  const file = sentences.map((s) => s.join('\n')).join('\n\n')

  it('reads a 4-column file without -DOCSTART-, and a sentence break ends a span', () => {
    const [r] = records(decodeAll(codec, file))
    expect(r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])).toEqual([['Dr . Smith', 'PER'], ...Array.from({ length: 8 }, () => ['U.S', 'LOC'])])
    const two = records(decodeAll(codec, 'Kerry NNP B-PER\n\nMichel NNP I-PER\n'))[0]
    expect(two.spans.map((s) => two.text.slice(s.start, s.end))).toEqual(['Kerry', 'Michel'])
  })

  it('writes back 12 sentences for 12 read, with the POS column, the same tokens and tags', () => {
    const [r] = records(decodeAll(codec, file))
    const layer = makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta })
    const out = encodeAll(codec, [layer]).out
    expect(out.split('\n')[0]).toBe('-DOCSTART- -X- O')
    expect(blocks(out)).toEqual(sentences.map((s) => s.map((l) => l.split(/\s+/u).join(' '))))
  })

  it('a span edited after import that cuts a file token splits it, repeating its columns; a span across a break joins the sentences', () => {
    const [r] = records(decodeAll(codec, 'Jean-Claude NNP B-PER\nleft VBD O\n\nThen RB O\n'))
    const jean = { start: 0, end: 4, label: 'PER' }
    const across = { start: r.text.indexOf('left'), end: r.text.indexOf('Then') + 4, label: 'X' }
    const out = encodeAll(codec, [makeLayer(r.text, [[jean.start, jean.end, jean.label], [across.start, across.end, across.label]], [], { meta: r.meta })]).out
    expect(blocks(out)).toEqual([['Jean NNP B-PER', '-Claude NNP O', 'left VBD B-X', 'Then RB I-X']])
  })

  it('a text that is not the file’s any more is tokenized afresh', () => {
    const [r] = records(decodeAll(codec, 'Kerry B-PER\nleft O\n'))
    const out = encodeAll(codec, [makeLayer('Kerry’s dog left.', [[0, 5, 'PER']], [], { meta: r.meta })]).out
    expect(blocks(out)).toEqual([['Kerry B-PER', '’s O', 'dog O', 'left O', '. O']])
  })

  it('keeps a tab-separated file’s tabs, and a token with a space in it', () => {
    const [r] = records(decodeAll(codec, 'New York\tB-LOC\nrocks\tO'))
    expect(r.spans.map((s) => r.text.slice(s.start, s.end))).toEqual(['New York'])
    const out = encodeAll(codec, [makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta })]).out
    expect(blocks(out)).toEqual([['New York\tB-LOC', 'rocks\tO']])
  })
})
