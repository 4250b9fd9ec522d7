import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * The line that starts each document of a CoNLL export, as the readers that
 * do not skip it see it. spaCy's `convert --converter ner`, NLTK's column
 * reader and a pandas `read_csv(sep=' ')` take the last field of every line
 * as the tag, so `-DOCSTART- doc-1` taught them an entity `doc-1`.
 */

const TAG = /^(O|[BI]-\S+)$/u

/**
 * spaCy's conll_ner_to_docs (spacy/training/converters/conll_ner_to_docs.py), the part that reads
 * words and tags: documents split on its delimiter, sentences on blank lines, the last column the tags.
 */
function spacyConllNer(input: string): { words: string[]; tags: string[] }[] {
  const docs: { words: string[]; tags: string[] }[] = []
  for (let doc of input.trim().split('-DOCSTART- -X- O O')) {
    doc = doc.trim()
    if (!doc) continue
    const words: string[] = []
    const tags: string[] = []
    for (let sent of doc.split('\n\n')) {
      sent = sent.trim()
      if (!sent) continue
      const rows = sent.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s+/u))
      if (rows.some((r) => r.length < 2)) throw new Error('spaCy E093: fewer than two columns')
      for (const r of rows) {
        words.push(r[0])
        tags.push(r[r.length - 1])
      }
    }
    docs.push({ words, tags })
  }
  return docs
}

const codec = streamCodec('conll')
const two = [makeLayer('Kerry met Michel.', [[0, 5, 'PER']], [], { externalId: 'doc-1' }), makeLayer('Paris is big.', [[0, 5, 'LOC']], [], { externalId: 'B-2' })]

describe('CoNLL export: the document line', () => {
  it('two columns: every line, the document line too, ends in a tag, and no reader gets an id as a label', () => {
    const { out } = encodeAll(codec, two)
    const lines = out.split('\n').filter(Boolean)
    expect(lines.filter((l) => l.startsWith('-DOCSTART-'))).toEqual(['-DOCSTART- O', '-DOCSTART- O'])
    expect(lines.every((l) => l.split(' ').length === 2 && TAG.test(l.split(' ')[1]))).toBe(true)
    const tags = spacyConllNer(out).flatMap((d) => d.tags)
    expect(tags.every((t) => TAG.test(t))).toBe(true)
    expect(tags.filter((t) => t !== 'O')).toEqual(['B-PER', 'B-LOC'])
  })

  it('with POS and chunk columns it is spaCy\'s document delimiter, so spaCy reads one doc per document and no -DOCSTART- word', () => {
    const file = '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n'
    const [r] = records(decodeAll(codec, file))
    const layer = makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta })
    const { out } = encodeAll(codec, [layer, layer])
    expect(out.split('\n')[0]).toBe('-DOCSTART- -X- O O')
    const docs = spacyConllNer(out)
    expect(docs.map((d) => d.words)).toEqual([['EU', 'rejects'], ['EU', 'rejects']])
    expect(docs.map((d) => d.tags)).toEqual([['B-ORG', 'O'], ['B-ORG', 'O']])
  })

  it('read back, `-DOCSTART- O` names no document (the file and its place do), while another tool\'s `-DOCSTART- <id>` still does', () => {
    const back = records(decodeAll(codec, encodeAll(codec, two).out, 'codepoint', 'train.conll'))
    expect(back.map((r) => r.externalId)).toEqual(['train-1', 'train-2'])
    expect(back.map((r) => r.spans.map((s) => [r.text.slice(s.start, s.end), s.label]))).toEqual([[['Kerry', 'PER']], [['Paris', 'LOC']]])
    expect(records(decodeAll(codec, '-DOCSTART- wsj_0001\n\nKerry B-PER\n', 'codepoint', 'x.conll'))[0].externalId).toBe('wsj_0001')
  })
})
