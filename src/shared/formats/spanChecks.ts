import { OffsetConverter, splitsSurrogatePair } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { RecordError } from './importRecord'

/**
 * Converts one span's offsets from a file's unit into UTF-16 and checks them
 * against the text: in bounds, start before end, no split surrogate pair, and
 * (when the file gives it) the covered text equal to the span's `text`.
 */
/**
 * When a span's text is found at the same offsets counted in the other unit,
 * the option that reads the file (tools differ: Python counts code points,
 * JavaScript editors UTF-16 code units).
 */
function otherUnitHint(conv: OffsetConverter, start: number, end: number, unit: OffsetUnit, expectedText: string | undefined): string {
  if (expectedText === undefined || !conv.hasAstral) return ''
  const other: OffsetUnit = unit === 'utf16' ? 'codepoint' : 'utf16'
  const s = conv.fromUnit(start, other)
  const e = conv.fromUnit(end, other)
  if (s === null || e === null || conv.text.slice(s, e) !== expectedText) return ''
  return `; it matches at these offsets in ${other === 'utf16' ? 'UTF-16 code units: pass --offsets utf16' : 'code points: pass --offsets codepoint'}`
}

export function resolveSpanOffsets(
  conv: OffsetConverter,
  start: number,
  end: number,
  unit: OffsetUnit,
  what: string,
  expectedText?: string,
): [number, number] {
  const len = unit === 'utf16' ? conv.utf16Length : conv.codePointLength
  const unitName = unit === 'utf16' ? 'UTF-16 code units' : 'code points'
  if (start > end) throw new RecordError(`${what}: start ${start} is after end ${end}`)
  if (start === end) throw new RecordError(`${what}: empty span (start = end = ${start})`)
  if (start < 0 || end > len) {
    throw new RecordError(`${what}: offsets ${start}-${end} are out of bounds (text has ${len} ${unitName})${otherUnitHint(conv, start, end, unit, expectedText)}`)
  }
  const s = conv.fromUnit(start, unit)
  const e = conv.fromUnit(end, unit)
  if (s === null || e === null) throw new RecordError(`${what}: offsets ${start}-${end} are out of bounds`)
  if (splitsSurrogatePair(conv.text, s) || splitsSurrogatePair(conv.text, e)) {
    throw new RecordError(`${what}: offsets ${start}-${end} split a surrogate pair (did you mean "offsets": "codepoint"?)`)
  }
  if (expectedText !== undefined) {
    const actual = conv.text.slice(s, e)
    if (actual !== expectedText) {
      throw new RecordError(
        `${what}: text ${JSON.stringify(expectedText)} does not match the document text ${JSON.stringify(actual)} at ${start}-${end} (${unitName})${otherUnitHint(conv, start, end, unit, expectedText)}`,
      )
    }
  }
  return [s, e]
}
