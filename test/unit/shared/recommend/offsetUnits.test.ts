import { describe, expect, it } from 'vitest'
import { locateOffsets } from '../../../../src/shared/recommend/offsetUnits'
import { OffsetConverter } from '../../../../src/shared/text/offsets'

describe('offset unit detection for model servers', () => {
  const text = '😀 Kerry met 👍🏽 Michel.'
  const conv = new OffsetConverter(text)
  const u16 = text.indexOf('Michel')
  const cp = [...text.slice(0, u16)].length

  it('reads code points when the server counted them (Python), by the span text', () => {
    expect(cp).not.toBe(u16)
    expect(locateOffsets(conv, cp, cp + 6, 'Michel')).toEqual({ start: u16, end: u16 + 6, unit: 'codepoint' })
  })

  it('reads UTF-16 when the server counted code units (JavaScript), by the span text', () => {
    expect(locateOffsets(conv, u16, u16 + 6, 'Michel')).toEqual({ start: u16, end: u16 + 6, unit: 'utf16' })
  })

  it('gives null when the text matches neither reading, or offsets are not offsets', () => {
    expect(locateOffsets(conv, cp, cp + 6, 'Kerry!')).toBeNull()
    expect(locateOffsets(conv, 5, 3, 'x')).toBeNull()
    expect(locateOffsets(conv, '1', 3, undefined)).toBeNull()
    expect(locateOffsets(conv, 0, 1, '\ud83d')).toBeNull()
    expect(locateOffsets(conv, 0, 999, undefined)).toBeNull()
  })

  it('assumes code points without a text; before anything astral both agree', () => {
    expect(locateOffsets(conv, cp, cp + 6, undefined)).toEqual({ start: u16, end: u16 + 6, unit: 'codepoint' })
    const plain = new OffsetConverter('Kerry met Michel')
    expect(locateOffsets(plain, 10, 16, 'Michel')).toMatchObject({ start: 10, end: 16 })
  })
})
