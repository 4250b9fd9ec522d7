import type { FormatName } from '../../../shared/formats/formatCodec'
import { FORMAT_TITLES } from './formatTitles'

/**
 * The import's messages are written for the command line and name its options ("pass --add-labels to add it").
 * The import dialog shows them under controls of its own, so each option it has a control for is said as that
 * control: "tick “Add missing labels” to add it". A message that already names the dialog's control beside the
 * option ("(in the import dialog: Encoding)") is left as it is.
 */
const ANNOTATOR = '“Annotator for records without one”'
const formatTitle = (name: string) => (name in FORMAT_TITLES ? `“${FORMAT_TITLES[name as FormatName]}”` : name)

const WORDS: [RegExp, string | ((...groups: string[]) => string)][] = [
  [/\bpass --add-labels\b/gu, 'tick “Add missing labels”'],
  [/\bAdd missing labels or --add-labels\b/gu, '“Add missing labels”'],
  [/--add-labels\b/gu, '“Add missing labels”'],
  [/\bpass --annotator\b/gu, `fill in ${ANNOTATOR}`],
  [/--annotator\b/gu, ANNOTATOR],
  [/\bpass --format ([a-z][\w-]*)/gu, (_, f) => `choose the Format ${formatTitle(f)}`],
  [/\bpass --format\b/gu, 'choose the Format'],
  [/\(--format\)/gu, '(choose it as the Format)'],
  [/--format ([a-z][\w-]*)/gu, (_, f) => `the Format ${formatTitle(f)}`],
  [/--format\b/gu, 'the Format'],
  [/\bpass --offsets utf16\b/gu, 'choose Offsets in the file “UTF-16 units”'],
  [/\bpass --offsets codepoint\b/gu, 'choose Offsets in the file “Code points”'],
  [/\bwith --map-label /gu, 'in “Rename labels”: '],
  [/--map-label\b/gu, '“Rename labels”'],
  [/--skip-invalid\b/gu, '“Skip invalid records”'],
  [/--force-encoding\b/gu, '“Read as chosen”'],
]

export function dialogWords(message: string): string {
  if (message.includes('(in the import dialog:')) return message
  let out = message
  for (const [pattern, words] of WORDS) out = typeof words === 'string' ? out.replace(pattern, words) : out.replace(pattern, words)
  return out
}
