import { describe, expect, it } from 'vitest'
import { phraseKeys, tokenizeText } from '../../../../src/shared/recommend/documentTokens'
import { StringMatcher } from '../../../../src/shared/recommend/stringMatcher'
import type { SpanChange } from '../../../../src/shared/recommend/recommender'

const create = (text: string, label: string): SpanChange => ({ kind: 'create', text, label })
const del = (text: string, label: string): SpanChange => ({ kind: 'delete', text, label })
const shown = (text: string, m: StringMatcher, spans = []) =>
  m.suggest({ id: 1, text, spans }).map((s) => [text.slice(s.start, s.end), s.label, Number(s.score.toFixed(3))])

describe('string matcher', () => {
  it('suggests every other occurrence of a labelled string, at token boundaries only', () => {
    const m = new StringMatcher()
    m.train([create('Brussels', 'GPE')])
    const text = 'Brussels, not Brusselsprout or xBrussels; Brussels-based firms left Brussels.'
    expect(shown(text, m)).toEqual([
      ['Brussels', 'GPE', 1],
      ['Brussels', 'GPE', 1],
    ])
    expect(m.suggest({ id: 1, text }).map((s) => s.start)).toEqual([0, text.lastIndexOf('Brussels')])
  })

  it('prefers the longest phrase and never overlaps itself', () => {
    const m = new StringMatcher()
    m.train([create('New York', 'GPE'), create('New York Times', 'ORG'), create('York', 'GPE')])
    expect(shown('The New York Times is read in New York and York.', m)).toEqual([
      ['New York Times', 'ORG', 1],
      ['New York', 'GPE', 1],
      ['York', 'GPE', 1],
    ])
  })

  it('matches a phrase across any whitespace, but not without it', () => {
    const m = new StringMatcher()
    m.train([create('Islamic State', 'ORG')])
    expect(shown('Islamic\nState and Islamic   State', m).map((x) => x[0])).toEqual(['Islamic\nState', 'Islamic   State'])
    m.train([create('5 %', 'PERCENT'), create('U.S.', 'GPE')])
    expect(shown('5 % or 5%, in the U.S. and the US', m).map((x) => x[0])).toEqual(['5 %', 'U.S.'])
  })

  it('gives the most frequent label, scored by its share', () => {
    const m = new StringMatcher()
    m.train([create('Washington', 'GPE'), create('Washington', 'GPE'), create('Washington', 'PERSON')])
    expect(shown("Washington's view", m)).toEqual([['Washington', 'GPE', 0.667]])
  })

  it('unlearns on delete (an update is a delete and a create)', () => {
    const m = new StringMatcher()
    m.train([create('Kerry', 'PERSON'), create('Kerry', 'PERSON')])
    m.train([del('Kerry', 'PERSON'), create('Kerry', 'GPE')])
    expect(shown('Kerry', m)).toEqual([['Kerry', 'GPE', 0.5]])
    m.train([del('Kerry', 'GPE'), del('Kerry', 'PERSON')])
    expect(shown('Kerry', m)).toEqual([])
    // Deleting what was never learned changes nothing.
    m.train([del('Nobody', 'PERSON')])
    expect(m.size).toBe(0)
  })

  it('offers nothing where the layer already has a span', () => {
    const m = new StringMatcher()
    m.train([create('Kerry', 'PERSON')])
    const text = 'Kerry met Kerry and John Kerry.'
    const spans = [{ start: 0, end: 5, label: 'PERSON' }, { start: 20, end: 30, label: 'PERSON' }]
    expect(m.suggest({ id: 2, text, spans }).map((s) => [s.start, s.end])).toEqual([[10, 15]])
  })

  it('keeps offsets exact around astral characters and Hebrew', () => {
    const m = new StringMatcher()
    m.train([create('ירושלים', 'GPE'), create('Zoë', 'PERSON')])
    const text = '😀 Zoë in ירושלים 👍🏽 ירושלים'
    const got = m.suggest({ id: 3, text })
    expect(got.map((s) => text.slice(s.start, s.end))).toEqual(['Zoë', 'ירושלים', 'ירושלים'])
  })

  it('is at least as good as a plain gazetteer on text where every match is gold', () => {
    const names = ['Anna Berg', 'Berg', 'Oslo', 'Nordic Bank', 'Bank']
    const labels = ['PER', 'PER', 'LOC', 'ORG', 'ORG']
    const m = new StringMatcher()
    m.train(names.map((n, i) => create(n, labels[i])))
    const text = 'Anna Berg of Nordic Bank flew to Oslo. Berg said the Bank in Oslo grew.'
    // A gazetteer: each string found by indexOf; a token matcher must find each whole-word one.
    const got = m.suggest({ id: 4, text }).map((s) => text.slice(s.start, s.end))
    expect(got).toEqual(['Anna Berg', 'Nordic Bank', 'Oslo', 'Berg', 'Bank', 'Oslo'])
  })
})

describe('phrase keys', () => {
  it('the fast path gives the tokenizer’s keys', () => {
    for (const p of ['Islamic State', 'Zoë Ångström', 'abc123 x9', 'A']) {
      expect(phraseKeys(p)).toEqual(tokenizeText(p).joined)
    }
    for (const p of ["O'Neill's U.S. team", "Belgium's", "Prime Minister Michel's", 'didn’t', "they're", "x's", "9's", "Zoë's", "l'Europe"]) {
      expect(phraseKeys(p), p).toEqual(tokenizeText(p).joined)
    }
  })
})

describe('string matcher on part of a document', () => {
  it('gives the same suggestions in a range as the whole document does there, phrases reaching into it included', () => {
    const m = new StringMatcher()
    m.train([create('New York Times', 'ORG'), create('Oslo', 'GPE')])
    const text = 'Oslo. The New York Times in Oslo and Oslo. '.repeat(50)
    const all = m.suggest({ id: 9, text })
    for (const [from, to] of [[0, 10], [12, 15], [100, 400], [text.length - 5, text.length]]) {
      const part = m.suggest({ id: 9, text, range: { from, to } }).filter((s) => s.end > from && s.start < to)
      expect(part).toEqual(all.filter((s) => s.end > from && s.start < to))
      expect(part.length).toBeGreaterThan(0)
    }
  })
})
