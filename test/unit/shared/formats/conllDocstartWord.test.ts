import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * A word "-DOCSTART-" inside a CoNLL export, as its readers see it. Hugging
 * Face's conll2003 loader ends a sentence at any line that starts with
 * "-DOCSTART-" and drops the line; AllenNLP's Conll2003DatasetReader and
 * spaCy-style readers take a first field "-DOCSTART-" for a document divider.
 * CoNLL has no escape for it, so the export refuses such a word, naming the
 * document, sentence and token, instead of writing a token every reader drops.
 * Our tokenizer never makes one ("-", "DOCSTART", "-"); a CoNLL file read with
 * tabs can hold one inside a token ("the -DOCSTART- line\tO").
 */

/** Hugging Face datasets' conll2003.py `_generate_examples`, line for line. */
function hfConll2003(out: string): { tokens: string[]; tags: string[] }[] {
  const examples: { tokens: string[]; tags: string[] }[] = []
  let tokens: string[] = []
  let tags: string[] = []
  for (const line of out.split(/(?<=\n)/u)) {
    if (line.startsWith('-DOCSTART-') || line === '' || line === '\n') {
      if (tokens.length) examples.push({ tokens, tags })
      tokens = []
      tags = []
    } else {
      const splits = line.split(' ')
      tokens.push(splits[0])
      tags.push(splits[splits.length - 1].trimEnd())
    }
  }
  if (tokens.length) examples.push({ tokens, tags })
  return examples
}

const codec = streamCodec('conll')
const layerOf = (file: string, id: string) => {
  const [r] = records(decodeAll(codec, file))
  return makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta, externalId: id })
}

describe('CoNLL export: the word -DOCSTART-', () => {
  it('a text that says -DOCSTART- is written as tokens every reader keeps', () => {
    const text = 'The file starts with -DOCSTART- and then Kerry.'
    const { out } = encodeAll(codec, [makeLayer(text, [[41, 46, 'PER']])])
    const read = hfConll2003(out)
    expect(read.flatMap((e) => e.tokens).join('')).toBe(text.replace(/\s+/gu, ''))
    expect(read.flatMap((e) => e.tags)).toContain('B-PER')
  })

  for (const [what, file] of [
    ['a token holding the word, split into words for a space-separated file', 'Kerry\tB-PER\nthe -DOCSTART- line\tO\n'],
    ['a token that starts with it (kept whole)', 'Kerry\tB-PER\n-DOCSTART-x\tO\n'],
  ] as const) {
    it(`${what}: refused, naming the document, sentence and token`, () => {
      const layers = [layerOf('Paris B-LOC\n', 'a1'), layerOf(file, 'b1')]
      expect(() => encodeAll(codec, layers)).toThrow(/conll: document "b1", sentence 1, token 2: .*-DOCSTART-.* (Hugging Face|document start).*(hf|jsonl)/u)
    })
  }
})
