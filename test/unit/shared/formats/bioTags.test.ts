import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bioTags, spansFromBio } from '../../../../src/shared/text/bioTags'
import { tokenize } from '../../../../src/shared/text/tokenizer'
import { sentenceRanges } from '../../../../src/shared/formats/tokenSentences'

/** BIO tagging (shared by the CoNLL/HF exports and token-level agreement) and the sentence split. */

const TEXT = 'Kerry met Michel Barnier in Brussels .'
const tokens = tokenize(TEXT)
const span = (s: string, label: string) => {
  const start = TEXT.indexOf(s)
  return { start, end: start + s.length, label }
}

describe('bioTags', () => {
  it('tags B- on a span\'s first token and I- on the rest', () => {
    const { tags, dropped, untokenized } = bioTags(tokens, [span('Kerry', 'PER'), span('Michel Barnier', 'PER'), span('Brussels', 'GPE')])
    expect(tags).toEqual(['B-PER', 'O', 'B-PER', 'I-PER', 'O', 'B-GPE', 'O'])
    expect(dropped).toEqual([])
    expect(untokenized).toEqual([])
  })

  it('keeps the outermost of overlapping spans and reports the rest as dropped', () => {
    const inner = span('Barnier', 'PER')
    const crossing = span('Barnier in', 'X')
    const { tags, dropped } = bioTags(tokens, [inner, span('Michel Barnier in Brussels', 'EVENT'), crossing])
    expect(tags).toEqual(['O', 'O', 'B-EVENT', 'I-EVENT', 'I-EVENT', 'I-EVENT', 'O'])
    expect(dropped).toEqual([crossing, inner])
  })

  it('widens a span that cuts a token to the whole token', () => {
    expect(bioTags(tokens, [{ start: 1, end: 3, label: 'P' }]).tags[0]).toBe('B-P')
  })

  it('reports a whitespace-only span as untokenized', () => {
    const { tags, untokenized } = bioTags(tokens, [{ start: 5, end: 6, label: 'P' }])
    expect(tags.every((t) => t === 'O')).toBe(true)
    expect(untokenized).toHaveLength(1)
  })

  it('two adjacent spans of one label stay two spans (B- then B-)', () => {
    const { tags } = bioTags(tokens, [span('Michel', 'PER'), span('Barnier', 'PER')])
    expect(tags.slice(2, 4)).toEqual(['B-PER', 'B-PER'])
    expect(spansFromBio(tokens, tags)).toEqual([span('Michel', 'PER'), span('Barnier', 'PER')])
  })
})

describe('spansFromBio', () => {
  it('reads spans back; a stray I- starts a span, as conlleval does', () => {
    expect(spansFromBio(tokens, ['I-PER', 'O', 'B-PER', 'I-PER', 'I-ORG', 'O', 'O'])).toEqual([
      span('Kerry', 'PER'),
      span('Michel Barnier', 'PER'),
      span('in', 'ORG'),
    ])
  })

  it('inverts bioTags for non-overlapping token-aligned spans', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(tokens.length - 1), fc.nat(2), fc.constantFrom('A', 'B')), { maxLength: 4 }), (raw) => {
        // Build non-overlapping token-aligned spans from (first token, extra tokens, label).
        const used = new Set<number>()
        const spans = []
        for (const [first, extra, label] of raw) {
          const last = Math.min(first + extra, tokens.length - 1)
          let free = true
          for (let t = first; t <= last; t++) if (used.has(t)) free = false
          if (!free) continue
          for (let t = first; t <= last; t++) used.add(t)
          spans.push({ start: tokens[first].start, end: tokens[last].end, label })
        }
        const back = spansFromBio(tokens, bioTags(tokens, spans).tags)
        expect(back).toEqual([...spans].sort((a, b) => a.start - b.start))
      }),
    )
  })
})

describe('sentenceRanges', () => {
  it('ends a sentence after . ! ? and at line breaks', () => {
    const text = 'Hi there! How are you?\r\nFine thanks\nBye.'
    const toks = tokenize(text)
    expect(sentenceRanges(text, toks).map(([a, b]) => toks.slice(a, b + 1).map((t) => t.text).join(' '))).toEqual([
      'Hi there !',
      'How are you ?',
      'Fine thanks',
      'Bye .',
    ])
  })

  it('is empty for a text without tokens', () => {
    expect(sentenceRanges('  \n', tokenize('  \n'))).toEqual([])
  })
})
