import { describe, expect, it } from 'vitest'
import { snapToTokens, tokenize, tokensInRange } from '../../../../src/shared/text/tokenizer'

const texts = (s: string) => tokenize(s).map((t) => t.text)

describe('tokenize', () => {
  it('splits news text into words and punctuation', () => {
    expect(texts('Kerry met Michel in Brussels, Belgium.')).toEqual(['Kerry', 'met', 'Michel', 'in', 'Brussels', ',', 'Belgium', '.'])
  })
  it('keeps hyphenated words, contractions, abbreviations and numbers whole', () => {
    expect(texts("anti-terror raids don't stop U.S. 3,000 troops (2016)")).toEqual([
      'anti-terror', 'raids', "don't", 'stop', 'U.S', '.', '3,000', 'troops', '(', '2016', ')',
    ])
  })
  it('keeps emoji sequences, flags and combining marks whole', () => {
    expect(texts('👨‍👩‍👧 🇧🇪 Lie\u0300ge 😀!')).toEqual(['👨‍👩‍👧', '🇧🇪', 'Lie\u0300ge', '😀', '!'])
  })
  it('tokenizes Hebrew and CRLF text with offsets into the original', () => {
    const text = 'שלום עליכם\r\nKerry'
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text)
    expect(texts(text)).toEqual(['שלום', 'עליכם', 'Kerry'])
  })
})

describe('snapToTokens', () => {
  const text = 'US Secretary of State John Kerry arrived.'
  const tokens = tokenize(text)
  it('grows a partial selection to whole tokens', () => {
    const s = text.indexOf('ohn')
    const e = text.indexOf('Ker') + 2
    expect(snapToTokens(tokens, s, e)).toEqual({ start: text.indexOf('John'), end: text.indexOf('Kerry') + 5 })
  })
  it('leaves whole-token selections alone', () => {
    const s = text.indexOf('John')
    expect(snapToTokens(tokens, s, s + 10)).toEqual({ start: s, end: s + 10 })
  })
  it('finds the tokens in a range', () => {
    const s = text.indexOf('John')
    expect(tokensInRange(tokens, s, s + 10)).toEqual([4, 5])
    expect(tokensInRange(tokens, 2, 3)).toBeNull()
  })
})
