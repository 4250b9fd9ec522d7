import { countOf } from '../text/plural'

/**
 * What one written path holds, in the noun its format writes: a line format's
 * file holds layers (a record each); a brat or plain-text folder documents (a
 * `.txt` and `.ann` pair, or a `.txt`, per document, the documents no layer
 * touched included); a WebAnno TSV or XMI folder files (one per layer). The
 * CLI's `wrote …` line and the export dialog say it so (a brat folder of 13
 * documents was "13 layers").
 */
export interface ExportedCount {
  count: number
  noun: 'layer' | 'document' | 'file'
  /** What each one is, when the noun alone does not say: "a .txt and an .ann each". */
  each?: string
}

/** `13 documents (a .txt and an .ann each)`, `1 layer`, `4 files (one .xmi per layer)`. */
export function exportedCountText(c: ExportedCount): string {
  return `${countOf(c.count, c.noun)}${c.each ? ` (${c.each})` : ''}`
}
