import { describe, expect, it } from 'vitest'
import { detectFormat, streamCodec } from '../../../../src/shared/formats/registry'
import { SPACY_V2_NOTES } from '../../../../src/shared/formats/spacyV2'
import { decodeAll, errors, records } from './formatTestUtil'

/**
 * spaCy v2's JSON training format (what `spacy convert` wrote before v3, and
 * what `spacy convert` still reads): documents of paragraphs of sentences of
 * tokens, each token's `ner` a BILUO tag, a paragraph's `raw` its text when
 * given. It used to be undetectable and refused with --format spacy ("must be an
 * array, not an object").
 */

const codec = streamCodec('spacy')
const tok = (orth: string, ner: string, id = 0) => ({ id, orth, tag: 'NN', head: 0, dep: 'dep', ner })
const V2 = [
  {
    id: 0,
    paragraphs: [
      {
        raw: 'EU rejects German call.  Peter Blackburn',
        sentences: [
          { tokens: [tok('EU', 'U-ORG'), tok('rejects', 'O'), tok('German', 'U-MISC'), tok('call', 'O'), tok('.', 'O')] },
          { tokens: [tok('Peter', 'B-PER'), tok('Blackburn', 'L-PER')] },
        ],
      },
    ],
  },
  // `spacy convert` from CoNLL: no raw; the tokens are the text, `-` a token with no NER annotation.
  { id: 1, paragraphs: [{ sentences: [{ tokens: [tok('New', 'B-LOC'), tok('York', 'L-LOC'), tok('?', '-')] }] }, { sentences: [{ tokens: [tok('Paris', 'U-LOC')] }] }] },
]

describe('spaCy v2 JSON training format', () => {
  it('is detected as spacy', () => {
    expect(detectFormat('train.json', JSON.stringify(V2, null, 2))).toBe('spacy')
  })

  it('reads each document: the raw text (or the tokens joined), BILUO entities as spans', () => {
    const rs = records(decodeAll(codec, JSON.stringify(V2, null, 2)))
    expect(rs.map((r) => [r.text, r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])])).toEqual([
      ['EU rejects German call.  Peter Blackburn', [['EU', 'ORG'], ['German', 'MISC'], ['Peter Blackburn', 'PER']]],
      ['New York ?\n\nParis', [['New York', 'LOC'], ['Paris', 'LOC']]],
    ])
    expect(rs[0].line).toBe(2)
  })

  it('a token not found in its paragraph\'s raw text is refused with the document\'s line', () => {
    const bad = [{ id: 0, paragraphs: [{ raw: 'EU rejects', sentences: [{ tokens: [tok('EU', 'U-ORG'), tok('accepts', 'O')] }] }] }]
    expect(errors(decodeAll(codec, JSON.stringify(bad, null, 2), 'codepoint', 'train.json')).map((e) => [e.line, e.reason])).toEqual([
      [2, 'paragraphs[0]: token 1 "accepts" is not in the raw text after offset 2'],
    ])
  })

  it('counts what it does not carry: tokens with ner "-", paragraph cats, brackets (they were left out without a word)', () => {
    const doc = [
      {
        id: 0,
        paragraphs: [
          {
            sentences: [{ tokens: [tok('Sebastian', 'B-PERSON'), tok('Thrun', 'L-PERSON'), tok('started', '-'), tok('here', '-')], brackets: [{ first: 0, last: 1, label: 'NP' }] }],
            cats: [{ label: 'TECH', value: 1.0 }, { label: 'SPORT', value: 0.0 }],
          },
        ],
      },
    ]
    const [r] = records(decodeAll(codec, JSON.stringify(doc)))
    expect(r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])).toEqual([['Sebastian Thrun', 'PERSON']])
    expect(r.notes).toEqual({ [SPACY_V2_NOTES.missing]: 2, [SPACY_V2_NOTES.cats]: 2, [SPACY_V2_NOTES.brackets]: 1 })
    expect(records(decodeAll(codec, JSON.stringify(V2)))[0].notes).toBeUndefined()
  })
})
