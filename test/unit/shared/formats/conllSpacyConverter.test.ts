import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { pythonMissing, runPythonConsumer } from '../../../helpers/pythonConsumer'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * The CoNLL export read by spaCy's `spacy convert --converter ner`, through a faithful re-implementation of its
 * conll_ner_to_docs (test/helpers/python/read_spacy_conll_ner.py; spacy/training/converters/conll_ner_to_docs.py):
 * spaCy splits documents only at the literal `-DOCSTART- -X- O O`. The two-column export writes `-DOCSTART- O` (every
 * line has the same fields, for pandas and NLTK), which spaCy reads as a word `-DOCSTART-`, as it does
 * `-DOCSTART- -X- O` (three columns) and a tab-separated document line; five columns make it refuse the file (E903).
 * With `conllDocstart: 'spacy'` (`--conll-docstart spacy`) every layout writes spaCy's delimiter, and our own reader
 * and Hugging Face's conll2003 loader logic still read it.
 */

type SpacyDoc = { words: string[]; ents: [string, number, number][] }
const codec = streamCodec('conll')
const SPACY = { conllDocstart: 'spacy' } as const

/** encodeAll with the spaCy document line. */
function encodeSpacy(layers: ExportLayer[]): string {
  return [...codec.encode(layers, { unit: 'codepoint', warn: () => {}, ...SPACY })].join('')
}

function spacyConvert(conll: string): SpacyDoc[] | { error: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conll-spacy-'))
  const file = path.join(dir, 'train.conll')
  fs.writeFileSync(file, conll)
  try {
    return runPythonConsumer<SpacyDoc[] | { error: string }>('read_spacy_conll_ner.py', [file])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Hugging Face's conll2003 loader (datasets' conll2003.py _generate_examples): a -DOCSTART- line or a blank one ends a sentence, split(" "), the tag last. */
function hfConll2003(conll: string): { tokens: string[]; tags: string[] }[] {
  const out: { tokens: string[]; tags: string[] }[] = []
  let tokens: string[] = []
  let tags: string[] = []
  for (const line of conll.split('\n')) {
    if (line.startsWith('-DOCSTART-') || line === '') {
      if (tokens.length) out.push({ tokens, tags })
      tokens = []
      tags = []
    } else {
      const s = line.split(' ')
      tokens.push(s[0])
      tags.push(s[s.length - 1].trimEnd())
    }
  }
  if (tokens.length) out.push({ tokens, tags })
  return out
}

/** Two documents read from `file` (their own columns and separator kept in meta.conll), exported again. */
function layersOfFile(file: string): ExportLayer[] {
  const docs = records(decodeAll(codec, file, 'codepoint', 'in.conll'))
  expect(docs).toHaveLength(2)
  return docs.map((r, i) => makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { externalId: `d${i}`, meta: r.meta }))
}

const ENTS_OF_TWO = [
  { words: ['EU', 'rejects', 'German', 'call'], ents: [['ORG', 0, 0], ['MISC', 2, 2]] },
  { words: ['Peter', 'Blackburn'], ents: [['PER', 0, 1]] },
]

describe.skipIf(pythonMissing(['json']))("CoNLL export, read by spaCy's convert --converter ner", () => {
  const two = [makeLayer('Kerry met Michel.', [[0, 5, 'PER'], [10, 16, 'PER']], [], { externalId: 'doc-1' }), makeLayer('Paris is big.', [[0, 5, 'LOC']], [], { externalId: 'doc-2' })]

  it('by default a two-column file keeps two fields a line, and spaCy reads its document line as a word', () => {
    const { out } = encodeAll(codec, two)
    expect(out.split('\n')[0]).toBe('-DOCSTART- O')
    const docs = spacyConvert(out) as SpacyDoc[]
    expect(docs.flatMap((d) => d.words).filter((w) => w === '-DOCSTART-')).toHaveLength(2)
  })

  it('two columns (our tokens), spaCy document line: one spaCy doc per document, no -DOCSTART- word, the entities as annotated', () => {
    const out = encodeSpacy(two)
    expect(out.split('\n')[0]).toBe('-DOCSTART- -X- O O')
    expect(spacyConvert(out)).toEqual([
      { words: ['Kerry', 'met', 'Michel', '.'], ents: [['PER', 0, 0], ['PER', 2, 2]] },
      { words: ['Paris', 'is', 'big', '.'], ents: [['LOC', 0, 0]] },
    ])
    // Read back by us: the same two documents, no id taken from the document line.
    const back = records(decodeAll(codec, out, 'codepoint', 'train.conll'))
    expect(back.map((r) => [r.externalId, r.text, r.spans.map((s) => s.label)])).toEqual([
      ['train-1', 'Kerry met Michel .', ['PER', 'PER']],
      ['train-2', 'Paris is big .', ['LOC']],
    ])
    // Hugging Face's conll2003 loader: no -DOCSTART- token, every tag a tag.
    expect(hfConll2003(out).flatMap((s) => s.tokens)).not.toContain('-DOCSTART-')
  })

  it('three columns, tab-separated four columns and five columns, spaCy document line: the same, as spaCy reads them', () => {
    const three = '-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects VBZ O\nGerman JJ B-MISC\ncall NN O\n\n-DOCSTART- -X- O\n\nPeter NNP B-PER\nBlackburn NNP I-PER\n'
    const tabs = '-DOCSTART-\t-X-\t-X-\tO\n\nEU\tNNP\tB-NP\tB-ORG\nrejects\tVBZ\tB-VP\tO\nGerman\tJJ\tB-NP\tB-MISC\ncall\tNN\tI-NP\tO\n\n-DOCSTART-\t-X-\t-X-\tO\n\nPeter\tNNP\tB-NP\tB-PER\nBlackburn\tNNP\tI-NP\tI-PER\n'
    const five = '-DOCSTART- -X- -X- -X- O\n\nEU NNP B-NP x B-ORG\nrejects VBZ B-VP x O\nGerman JJ B-NP x B-MISC\ncall NN I-NP x O\n\n-DOCSTART- -X- -X- -X- O\n\nPeter NNP B-NP x B-PER\nBlackburn NNP I-NP x I-PER\n'
    for (const file of [three, tabs, five]) {
      // By default spaCy gets a -DOCSTART- word (or refuses five columns) ...
      const plain = spacyConvert(encodeAll(codec, layersOfFile(file)).out)
      expect(JSON.stringify(plain)).toMatch(/-DOCSTART-|E903/u)
      // ... with the spaCy document line it reads two documents.
      const out = encodeSpacy(layersOfFile(file))
      expect(spacyConvert(out)).toEqual(ENTS_OF_TWO)
      // Our reader: the file's columns and separator are kept on the token lines.
      const back = records(decodeAll(codec, out, 'codepoint', 'again.conll'))
      expect(back.map((r) => r.spans.map((s) => [r.text.slice(s.start, s.end), s.label]))).toEqual([
        [['EU', 'ORG'], ['German', 'MISC']],
        [['Peter Blackburn', 'PER']],
      ])
      expect(out.split('\n')[2]).toBe(file.split('\n')[2].replace(/\t+/gu, file.includes('\t') ? '\t' : ' '))
    }
  })
})
