import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitAtBoundaries, snapToTokens, tokenize, tokensInRange } from '../../../../src/shared/text/tokenizer'
import { SAMPLES_DIR } from '../../../helpers/tempWorkspace'

const texts = (s: string, spans: { start: number; end: number }[] = []) => tokenize(s, spans).map((t) => t.text)
const at = (text: string, needle: string, from = 0) => {
  const start = text.indexOf(needle, from)
  if (start < 0) throw new Error(`${needle} not in ${text}`)
  return { start, end: start + needle.length }
}

/** Every token slices the text to itself, holds no whitespace, and tokens are in order without overlap. */
function expectWellFormed(text: string, spans: { start: number; end: number }[] = []) {
  const toks = tokenize(text, spans)
  let last = 0
  for (const t of toks) {
    expect(text.slice(t.start, t.end)).toBe(t.text)
    expect(t.text).not.toMatch(/\s/u)
    expect(t.start).toBeGreaterThanOrEqual(last)
    expect(t.end).toBeGreaterThan(t.start)
    last = t.end
  }
  // Nothing but whitespace between tokens.
  let gaps = ''
  let prev = 0
  for (const t of toks) {
    gaps += text.slice(prev, t.start)
    prev = t.end
  }
  expect((gaps + text.slice(prev)).trim()).toBe('')
  const starts = new Set(toks.map((t) => t.start))
  const ends = new Set(toks.map((t) => t.end))
  for (const s of spans) {
    if (text.slice(s.start, s.end).trim() === '') continue
    expect(starts.has(s.start) || /\s/u.test(text[s.start])).toBe(true)
    expect(ends.has(s.end) || /\s/u.test(text[s.end - 1])).toBe(true)
  }
  return toks
}

describe('tokenize', () => {
  it('splits news text into words and punctuation', () => {
    expect(texts('Kerry met Michel in Brussels, Belgium.')).toEqual(['Kerry', 'met', 'Michel', 'in', 'Brussels', ',', 'Belgium', '.'])
  })

  it('splits possessives and clitics off, with straight and curly apostrophes, in any case', () => {
    expect(texts("Washington's envoy didn't say they're sure we'll go, I've, I'm, he'd")).toEqual([
      'Washington', "'s", 'envoy', 'did', "n't", 'say', 'they', "'re", 'sure', 'we', "'ll", 'go', ',', 'I', "'ve", ',', 'I', "'m", ',', 'he', "'d",
    ])
    expect(texts('Uber’s ceo can’t; WASHINGTON’S')).toEqual(['Uber', '’s', 'ceo', 'ca', 'n’t', ';', 'WASHINGTON', '’S'])
  })

  it("keeps names with an inner apostrophe whole (O'Brien, ג'ירפה) and a trailing possessive apostrophe apart", () => {
    expect(texts("O'Brien's rock'n'roll, Jones' ג'ירפה")).toEqual(['O\'Brien', "'s", "rock'n'roll", ',', 'Jones', "'", "ג'ירפה"])
  })

  it('keeps abbreviations with their dot: titles, initialisms, months, single initials', () => {
    expect(texts('Dr. Ünal, Mr. and Mrs. Ms. Prof. St. Jr. U.S. E.U. U.K. e.g. i.e. Inc. Corp. Ltd. Gen. Sen. Rep. Gov. Jan. Feb. J. Smith')).toEqual([
      'Dr.', 'Ünal', ',', 'Mr.', 'and', 'Mrs.', 'Ms.', 'Prof.', 'St.', 'Jr.', 'U.S.', 'E.U.', 'U.K.', 'e.g.', 'i.e.', 'Inc.', 'Corp.', 'Ltd.',
      'Gen.', 'Sen.', 'Rep.', 'Gov.', 'Jan.', 'Feb.', 'J.', 'Smith',
    ])
  })

  it('ends an ordinary word before its dot, and keeps No. apart from its dot', () => {
    expect(texts('He left the city. No. 5 won.')).toEqual(['He', 'left', 'the', 'city', '.', 'No', '.', '5', 'won', '.'])
  })

  it('keeps hyphenated names, numbers, dates whole', () => {
    expect(texts('Jean-Claude bcr-abl Saint-Étienne anti-terror 2016-01-01 3.5 1,000 $3.5% 10:30')).toEqual([
      'Jean-Claude', 'bcr-abl', 'Saint-Étienne', 'anti-terror', '2016-01-01', '3.5', '1,000', '$', '3.5', '%', '10', ':', '30',
    ])
    expect(texts('self - driving, well-', )).toEqual(['self', '-', 'driving', ',', 'well', '-'])
  })

  it('keeps URLs and e-mail addresses whole, without a final full stop', () => {
    expect(texts('See https://example.org/a/b?c=1&d=2. Mail anna.b+x@example.co.uk, or www.spanwright.dev!')).toEqual([
      'See', 'https://example.org/a/b?c=1&d=2', '.', 'Mail', 'anna.b+x@example.co.uk', ',', 'or', 'www.spanwright.dev', '!',
    ])
  })

  it('keeps emoji sequences (ZWJ families, flags, skin tones, keycaps) and combining marks whole, offsets intact', () => {
    const text = '👨‍👩‍👧 🇧🇪🇫🇷 👍🏽 1️⃣ Lie\u0300ge 😀😀!'
    expect(texts(text)).toEqual(['👨‍👩‍👧', '🇧🇪', '🇫🇷', '👍🏽', '1️⃣', 'Lie\u0300ge', '😀', '😀', '!'])
    expectWellFormed(text)
  })

  it('tokenizes Hebrew (with gershayim) and CRLF text with offsets into the original', () => {
    const text = 'שלום עליכם, צה"ל.\r\nKerry’s'
    expect(texts(text)).toEqual(['שלום', 'עליכם', ',', 'צה"ל', '.', 'Kerry', '’s'])
    expectWellFormed(text)
  })

  it('cuts tokens at every span boundary: a span always covers whole tokens', () => {
    const text = 'bcr-abl fusion in Uber’s Dr. Ünal'
    const spans = [at(text, 'bcr'), at(text, 'Uber'), at(text, 'Dr'), { start: at(text, 'fusion').start + 1, end: at(text, 'fusion').end - 1 }]
    expect(texts(text, spans)).toEqual(['bcr', '-abl', 'f', 'usio', 'n', 'in', 'Uber', '’s', 'Dr', '.', 'Ünal'])
    expectWellFormed(text, spans)
  })

  it('is well formed on the five samples, with and without spans placed at random offsets', () => {
    const files = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt'))
    expect(files.length).toBeGreaterThanOrEqual(5)
    let seed = 7
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n)
    for (const f of files) {
      const text = fs.readFileSync(path.join(SAMPLES_DIR, f), 'utf8')
      expectWellFormed(text)
      const spans = Array.from({ length: 50 }, () => {
        const start = rand(text.length - 1)
        return { start, end: Math.min(text.length, start + 1 + rand(40)) }
      }).filter((s) => !/[\uDC00-\uDFFF]/u.test(text[s.start] ?? '') && !/[\uDC00-\uDFFF]/u.test(text[s.end] ?? ''))
      expectWellFormed(text, spans)
    }
  })
})

describe('splitAtBoundaries', () => {
  it('leaves tokens alone when no boundary falls inside one', () => {
    const toks = tokenize('Kerry met Michel')
    expect(splitAtBoundaries(toks, [{ start: 0, end: 5 }])).toEqual(toks)
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
