/**
 * Two token-line shapes the CoNLL reader takes besides `token … TAG`, each as
 * the tool that writes it reads it back:
 *
 * - spaCy's sentence-per-line IOB (`spacy convert --converter iob`, its
 *   `iob_to_docs`): one sentence a line, tokens separated by spaces, each
 *   `word|TAG` or `word|POS|TAG`.
 * - CoNLL-U with entity tags in MISC (`spacy convert --converter conllu`, its
 *   `conllu_to_docs`): a MISC part `NE=B-PER`, `name=B-PER` (spaCy's pattern),
 *   `NER=B-PER` or a bare `B-PER`; a word without one is `O`. Multiword-token
 *   lines (`1-2`) and empty nodes (`1.1`) are not words of the sentence, as in
 *   spaCy's reader.
 */

export interface LineToken {
  token: string
  tag: string
  middle: string[]
}

/** The tokens of a sentence-per-line IOB line, or null when the line is not one (every field `w|T` or `w|P|T`, alike); tags are checked by the reader. */
export function sentencePerLineTokens(raw: string): LineToken[] | null {
  if (raw.includes('\t') || !raw.includes('|')) return null
  const fields = raw.trim().split(/ +/u)
  const parts = fields.map((f) => f.split('|'))
  const width = parts[0].length
  if (width !== 2 && width !== 3) return null
  if (!parts.every((p) => p.length === width && p[0] !== '' && p[width - 1] !== '')) return null
  return parts.map((p) => ({ token: p[0], tag: p[width - 1], middle: p.slice(1, -1) }))
}

const MISC_NER = /^(?:(?:NE|name|NER)=)?(O|[BIESLU]-\S+)$/u

/** A CoNLL-U token line (ten tab-separated columns, the first a word index). */
export const isConllULine = (cols: string[], tabs: boolean) => tabs && cols.length === 10 && /^\d+([-.]\d+)?$/u.test(cols[0])

/** A CoNLL-U line's word and entity tag from MISC: null for a multiword-token or empty-node line; `tagged` when MISC held a tag. */
export function conllUToken(cols: string[]): { token: string; tag: string; tagged: boolean } | null {
  if (!/^\d+$/u.test(cols[0])) return null
  for (const part of cols[9].split('|')) {
    const m = MISC_NER.exec(part)
    if (m) return { token: cols[1], tag: m[1], tagged: true }
  }
  return { token: cols[1], tag: 'O', tagged: false }
}
