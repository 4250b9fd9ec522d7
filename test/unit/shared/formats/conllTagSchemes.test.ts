import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, errors, records } from './formatTestUtil'

/**
 * CoNLL files come in every chunk tagging scheme their tools write: IOB1
 * (CoNLL-2003's own files: I- unless two chunks touch), IOB2, BIOES/IOBES
 * (Flair, many NER corpora), BILOU/BILUO (spaCy's `iob_to_biluo`), IOE and
 * BMES. Each is read into the same spans; a tag of no scheme is refused with
 * its line. Detection already took these files as CoNLL; the reader used to
 * refuse every E-, S-, L- and U- tag.
 */

const codec = streamCodec('conll')
const spansOf = (file: string) => {
  const [r] = records(decodeAll(codec, file))
  return r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])
}
const lines = (tags: string) => {
  const words = ['New', 'York', 'and', 'Paris', 'met', 'Los', 'Angeles', 'City', 'Rome']
  return tags.split(' ').map((t, i) => `${words[i]} ${t}`).join('\n')
}
const EXPECTED = [['New York', 'LOC'], ['Paris', 'LOC'], ['Los Angeles City', 'LOC'], ['Rome', 'LOC']]

describe('CoNLL tag schemes', () => {
  it.each([
    ['IOB2', 'B-LOC I-LOC O B-LOC O B-LOC I-LOC I-LOC B-LOC'],
    ['IOB1', 'I-LOC I-LOC O I-LOC O I-LOC I-LOC I-LOC B-LOC'],
    ['BIOES', 'B-LOC E-LOC O S-LOC O B-LOC I-LOC E-LOC S-LOC'],
    ['BILOU', 'B-LOC L-LOC O U-LOC O B-LOC I-LOC L-LOC U-LOC'],
    ['IOE2', 'I-LOC E-LOC O E-LOC O I-LOC I-LOC E-LOC E-LOC'],
    ['BMES', 'B-LOC E-LOC O S-LOC O B-LOC M-LOC E-LOC S-LOC'],
  ])('%s reads the same spans', (_, tags) => {
    expect(spansOf(lines(tags))).toEqual(EXPECTED)
  })

  it('an E- or L- ends its chunk: the next I- of the same label starts a new one', () => {
    expect(spansOf('a B-X\nb E-X\nc I-X\nd L-X\ne I-X')).toEqual([['a b', 'X'], ['c d', 'X'], ['e', 'X']])
  })

  it('an S- or U- is a chunk of its own, also between I- tags of its label', () => {
    expect(spansOf('a I-X\nb S-X\nc I-X\nd U-X')).toEqual([['a', 'X'], ['b', 'X'], ['c', 'X'], ['d', 'X']])
  })

  it('an E- whose label differs from the open chunk starts and ends one of its own', () => {
    expect(spansOf('a B-X\nb E-Y')).toEqual([['a', 'X'], ['b', 'Y']])
  })

  it('a tag of no scheme is refused with its line and the schemes named', () => {
    const errs = errors(decodeAll(codec, 'a B-X\nb Q-X\nc PER', 'codepoint', 'x.conll'))
    expect(errs.map((e) => [e.line, e.reason])).toEqual([
      [2, 'tag "Q-X" is not a chunk tag (O, or B-, I-, E-, S-, L-, U- or M- and a label: IOB, BIOES, BILOU)'],
      [3, 'tag "PER" is not a chunk tag (O, or B-, I-, E-, S-, L-, U- or M- and a label: IOB, BIOES, BILOU)'],
    ])
  })
})

/**
 * Comment lines: MultiCoNER writes `# id <uuid>\tdomain=en` before each
 * sentence, CoNLL-U-style files `# sent_id = 1` / `# text = …`. They used to be
 * read as tokens and refused ("tag "domain=en" is not BIO"). A `#` line before a
 * sentence's first token that is not itself a token line is a comment: skipped
 * and counted in the report's notes. A `#` token (`# O`) stays a token.
 */
describe('CoNLL comment lines', () => {
  it('skips MultiCoNER and CoNLL-U comments before a sentence, counting them', () => {
    const file = '# id f5a0c1\tdomain=en\nEU _ _ B-ORG\nrejects _ _ O\n\n# sent_id = 2\n# text = Peter said\nPeter _ _ B-PER\nsaid _ _ O\n'
    const [r] = records(decodeAll(codec, file))
    expect(r.text).toBe('EU rejects\nPeter said')
    expect(r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])).toEqual([['EU', 'ORG'], ['Peter', 'PER']])
    expect(r.notes).toEqual({ 'CoNLL comment lines (# …), skipped': 3 })
  })

  it('a # token with a tag is a token, also first in a sentence; a # line inside a sentence is a bad line', () => {
    expect(spansOf('# O\nnews B-X')).toEqual([['news', 'X']])
    const [r] = records(decodeAll(codec, '# O\nnews B-X'))
    expect(r.text).toBe('# news')
    const errs = errors(decodeAll(codec, 'a B-X\n# not a comment here\n', 'codepoint', 'x.conll'))
    expect(errs.map((e) => e.line)).toEqual([2])
  })
})

describe('CoNLL detection with comment lines', () => {
  it('a .txt of MultiCoNER sentences is CoNLL; a markdown note with a # heading is not', async () => {
    const { detectFormat, looksTokenPerLine } = await import('../../../../src/shared/formats/registry')
    const multiconer = '# id f5a0c1\tdomain=en\nEU _ _ B-ORG\nrejects _ _ O\n\n# id 2\tdomain=en\nPeter _ _ B-PER\n'
    expect([looksTokenPerLine(multiconer), detectFormat('en_train', multiconer)]).toEqual([true, 'conll'])
    expect(looksTokenPerLine('# Notes\nKerry met Barnier\n')).toBe(false)
    expect(looksTokenPerLine('# id 1\n# id 2\n')).toBe(false)
  })
})

describe('CoNLL -DOCSTART- placeholders', () => {
  it('CoNLL-2002 Dutch\'s "-DOCSTART- -DOCSTART- O" starts a document with no id of its own, like CoNLL-2003\'s -X-', () => {
    const file = '-DOCSTART- -DOCSTART- O\nDe Prep O\nTilburgse Adj B-MISC\n\n-DOCSTART- -DOCSTART- O\nAmsterdam N B-LOC\n'
    const rs = records(decodeAll(codec, file, 'codepoint', 'ned.train'))
    expect(rs.map((r) => [r.externalId, r.text])).toEqual([['ned-1', 'De Tilburgse'], ['ned-2', 'Amsterdam']])
  })
})

describe('CoNLL export keeps the file\'s tag scheme', () => {
  it.each([
    ['BIOES', 'B-LOC E-LOC O S-LOC O B-LOC I-LOC E-LOC S-LOC'],
    ['BILOU', 'B-LOC L-LOC O U-LOC O B-LOC I-LOC L-LOC U-LOC'],
    ['IOB2', 'B-LOC I-LOC O B-LOC O B-LOC I-LOC I-LOC B-LOC'],
  ])('a %s file is written back with the same tags', async (_, tags) => {
    const { encodeAll, makeLayer } = await import('./formatTestUtil')
    const file = lines(tags)
    const [r] = records(decodeAll(codec, `-DOCSTART- d1\n\n${file}\n`))
    const layer = makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta })
    expect(encodeAll(codec, [layer]).out).toBe(`-DOCSTART- O\n\n${file}\n\n`)
  })
})
