import type { OffsetUnit } from '../text/offsets'
import type { FormatName } from './formatCodec'

/**
 * What an export format decides for itself, in one table read by the export
 * service (its warnings), the CLI and the export dialog (which hides the
 * Offsets choice where it does not apply), so they all say the same.
 *
 * Formats whose files have one offset unit of their own. spaCy's JSON is read by Python (`doc.char_span` counts
 * characters), so UTF-16 offsets there would put every span after an emoji on other characters. So is Prodigy's:
 * its spans' and tokens' `start`/`end` are character offsets into the text (Prodigy's docs), its tokens spaCy's.
 * doccano's server is Python and counts characters (doccano/doccano#99 moved its offsets off JavaScript's UTF-16
 * lengths in 2019); Label Studio stores code points since its fix for emoji (HumanSignal/label-studio#1559 by
 * label-studio-frontend#308, 2022; #4988 on 1.9.1: the exported offsets are right while the screen was off), so a
 * UTF-16 offset in either would put every span after an emoji on other characters in the tool and in Python.
 * brat counts code points (its server is Python), WebAnno TSV and XMI UTF-16 (Java). `--offsets utf16` still
 * reads older Label Studio files on import.
 */
export const FIXED_OFFSET_UNIT: Partial<Record<FormatName, OffsetUnit>> = {
  brat: 'codepoint',
  doccano: 'codepoint',
  'doccano-rel': 'codepoint',
  labelstudio: 'codepoint',
  'webanno-tsv': 'utf16',
  'spacy-docbin': 'codepoint',
  spacy: 'codepoint',
  'spacy-jsonl': 'codepoint',
  prodigy: 'codepoint',
  xmi: 'utf16',
}

/** Who counts a fixed unit so, for the sentence that says why. */
const COUNTED_BY: Partial<Record<FormatName, string>> = {
  brat: 'brat',
  'spacy-docbin': 'spaCy',
  spacy: 'spaCy',
  'spacy-jsonl': 'spaCy',
  prodigy: 'Prodigy',
  doccano: 'doccano',
  'doccano-rel': 'doccano',
  labelstudio: 'Label Studio',
  'webanno-tsv': 'WebAnno TSV',
  xmi: 'UIMA XMI',
}

export const unitName = (unit: OffsetUnit): string => (unit === 'utf16' ? 'UTF-16 code units' : 'code points')

/** The export's offset unit for `format`: its own, or the one asked for (code points by default). */
export const exportUnit = (format: FormatName, asked?: OffsetUnit): OffsetUnit => FIXED_OFFSET_UNIT[format] ?? asked ?? 'codepoint'

/** `offsets are in code points, as brat counts them`: why the offset choice does not apply (null where it does). */
export function fixedUnitReason(format: FormatName): string | null {
  const fixed = FIXED_OFFSET_UNIT[format]
  return fixed ? `offsets are in ${unitName(fixed)}, as ${COUNTED_BY[format] ?? 'the format'} counts them` : null
}

/** Export formats that hold no relations at all (their relations are left out, counted in the report). */
export const KEEPS_NO_RELATIONS: ReadonlySet<FormatName> = new Set<FormatName>(['txt', 'conll', 'hf', 'spacy', 'spacy-jsonl', 'spacy-docbin', 'doccano'])
