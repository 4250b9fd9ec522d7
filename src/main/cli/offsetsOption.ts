import type { OffsetUnit } from '../../shared/text/offsets'

/** `--offsets codepoint|utf16` (code points unless said otherwise). */
export function offsetUnitOption(value: unknown): OffsetUnit {
  if (value === undefined || value === 'codepoint' || value === 'codepoints') return 'codepoint'
  if (value === 'utf16') return 'utf16'
  throw new Error(`--offsets is codepoint or utf16, not ${JSON.stringify(value)}`)
}
