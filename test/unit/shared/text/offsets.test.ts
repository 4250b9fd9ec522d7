import { describe, expect, it } from 'vitest'
import { codePointLength, OffsetConverter, splitsSurrogatePair } from '../../../../src/shared/text/offsets'

/** Code point offsets as Python counts them: index into Array.from(text). */
function pyIndex(text: string, needle: string): [number, number] {
  const u16 = text.indexOf(needle)
  if (u16 < 0) throw new Error(`${needle} not in text`)
  const start = Array.from(text.slice(0, u16)).length
  return [start, start + Array.from(needle).length]
}

describe('OffsetConverter', () => {
  const cases: Record<string, { text: string; needle: string }> = {
    'ASCII only': { text: 'Kerry met Michel in Brussels.', needle: 'Michel' },
    'astral emoji before the span': { text: '🇧🇪 Brussels 😀 attack in Schaerbeek', needle: 'Schaerbeek' },
    'ZWJ family sequence before the span': { text: 'Family 👨‍👩‍👧‍👦 visited Liège today', needle: 'Liège' },
    'combining marks (decomposed e + acute)': { text: 'Lie\u0300ge and Sche\u0301rbeek', needle: 'Sche\u0301rbeek' },
    'CRLF line endings': { text: 'Title\r\n\r\nJohn Kerry\r\narrived', needle: 'John Kerry' },
    'Hebrew, right to left': { text: 'Police said: "שלום עליכם" and left ירושלים', needle: 'ירושלים' },
    'span that is an astral character': { text: 'Mood: 😀!', needle: '😀' },
  }
  for (const [name, { text, needle }] of Object.entries(cases)) {
    it(`round-trips ${name}`, () => {
      const conv = new OffsetConverter(text)
      const [cs, ce] = pyIndex(text, needle)
      const s = conv.toUtf16(cs)!
      const e = conv.toUtf16(ce)!
      expect(text.slice(s, e)).toBe(needle)
      expect(conv.toCodePoint(s)).toBe(cs)
      expect(conv.toCodePoint(e)).toBe(ce)
      expect(conv.codePointLength).toBe(Array.from(text).length)
      expect(codePointLength(text)).toBe(Array.from(text).length)
    })
  }

  it('maps every code point boundary both ways on a mixed text', () => {
    const text = 'a😀b👨‍👩‍👧c\r\nשלום e\u0301 🇧🇪'
    const conv = new OffsetConverter(text)
    const cps = Array.from(text)
    let u16 = 0
    for (let cp = 0; cp <= cps.length; cp++) {
      expect(conv.toUtf16(cp)).toBe(u16)
      expect(conv.toCodePoint(u16)).toBe(cp)
      if (cp < cps.length) u16 += cps[cp].length
    }
  })

  it('refuses offsets out of bounds or between surrogate halves', () => {
    const text = 'x😀y'
    const conv = new OffsetConverter(text)
    expect(conv.toUtf16(-1)).toBeNull()
    expect(conv.toUtf16(4)).toBeNull()
    expect(conv.toUtf16(1.5)).toBeNull()
    expect(conv.toCodePoint(2)).toBeNull() // inside 😀
    expect(splitsSurrogatePair(text, 2)).toBe(true)
    expect(splitsSurrogatePair(text, 1)).toBe(false)
    expect(() => conv.toUnit(2, 'codepoint')).toThrow(/code point boundary/)
  })

  it('passes UTF-16 offsets through unchanged', () => {
    const conv = new OffsetConverter('ab😀')
    expect(conv.fromUnit(4, 'utf16')).toBe(4)
    expect(conv.fromUnit(5, 'utf16')).toBeNull()
    expect(conv.toUnit(4, 'utf16')).toBe(4)
  })
})
