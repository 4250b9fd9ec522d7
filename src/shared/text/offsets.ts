/**
 * Offsets inside Spanwright are UTF-16 code units (what JavaScript, the DOM and
 * ProseMirror count), end exclusive. Files exchanged with Python tooling count
 * Unicode code points. This module is the one place that converts between them.
 */

export type OffsetUnit = 'codepoint' | 'utf16'

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** True when a boundary at `offset` (UTF-16) would cut a surrogate pair in two. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false
  return isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset))
}

/**
 * Converts offsets of one text between code points and UTF-16 code units.
 * Built once per text: it records where astral characters sit, so each
 * conversion is a binary search rather than a walk over the text.
 */
export class OffsetConverter {
  /** UTF-16 index of each astral character's high surrogate, ascending. */
  private readonly astralAt: number[] = []
  readonly utf16Length: number
  readonly codePointLength: number

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.astralAt.push(i)
        i++
      }
    }
    this.utf16Length = text.length
    this.codePointLength = text.length - this.astralAt.length
  }

  get hasAstral(): boolean {
    return this.astralAt.length > 0
  }

  /** Code point offset -> UTF-16 offset. Returns null when out of bounds. */
  toUtf16(codePoint: number): number | null {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePointLength) return null
    // Each astral character before the target adds one extra code unit. Find how
    // many astral characters start before the target's UTF-16 position.
    let lo = 0
    let hi = this.astralAt.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      // astralAt[mid] in code points is astralAt[mid] - mid.
      if (this.astralAt[mid] - mid < codePoint) lo = mid + 1
      else hi = mid
    }
    return codePoint + lo
  }

  /**
   * UTF-16 offset -> code point offset. Returns null when out of bounds or when
   * the offset falls between the two halves of a surrogate pair.
   */
  toCodePoint(utf16: number): number | null {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.utf16Length) return null
    if (splitsSurrogatePair(this.text, utf16)) return null
    let lo = 0
    let hi = this.astralAt.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.astralAt[mid] < utf16) lo = mid + 1
      else hi = mid
    }
    return utf16 - lo
  }

  /** Converts from `unit` into UTF-16 (the internal unit). */
  fromUnit(offset: number, unit: OffsetUnit): number | null {
    if (unit === 'utf16') {
      if (!Number.isInteger(offset) || offset < 0 || offset > this.utf16Length) return null
      return offset
    }
    return this.toUtf16(offset)
  }

  /** Converts a UTF-16 offset into `unit`. */
  toUnit(offset: number, unit: OffsetUnit): number {
    if (unit === 'utf16') return offset
    const cp = this.toCodePoint(offset)
    if (cp === null) throw new RangeError(`offset ${offset} is not on a code point boundary`)
    return cp
  }
}

/** Length of a string in code points. */
export function codePointLength(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    n++
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++
  }
  return n
}
