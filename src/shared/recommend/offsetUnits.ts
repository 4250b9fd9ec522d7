import type { OffsetConverter } from '../text/offsets'

/**
 * Where a model server's [start, end) falls in UTF-16, the program's unit.
 * Servers written in Python count code points, JavaScript ones UTF-16 code
 * units; they differ only after an emoji or another astral character. The
 * server's own `text` for the span tells which was meant: the unit whose slice
 * equals it wins (UTF-16 first: both agree when nothing astral comes before).
 * Without a text, code points are assumed (what label-studio-ml-backend's
 * Python models send). Null when neither reading fits: the caller drops and
 * counts the suggestion.
 */
export function locateOffsets(conv: OffsetConverter, start: unknown, end: unknown, expected: unknown): { start: number; end: number; unit: 'utf16' | 'codepoint' } | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) >= (end as number)) return null
  const s = start as number
  const e = end as number
  const text = conv.text
  if (typeof expected === 'string') {
    if (e <= text.length && text.slice(s, e) === expected) {
      const split = conv.toCodePoint(s) === null || conv.toCodePoint(e) === null
      if (!split) return { start: s, end: e, unit: 'utf16' }
    }
    const cs = conv.toUtf16(s)
    const ce = conv.toUtf16(e)
    if (cs !== null && ce !== null && text.slice(cs, ce) === expected) return { start: cs, end: ce, unit: 'codepoint' }
    return null
  }
  const cs = conv.toUtf16(s)
  const ce = conv.toUtf16(e)
  return cs !== null && ce !== null ? { start: cs, end: ce, unit: 'codepoint' } : null
}
