import type { ChunkScheme } from '../text/bioTags'
import type { Token } from '../text/tokenizer'

/**
 * What a CoNLL import keeps in the document's `meta.conll`, so exporting the
 * same text writes the file's own tokens, sentences and extra columns back:
 * - `sentences`: each sentence's token lengths (UTF-16). The imported text is
 *   the tokens joined by one space, sentences by one newline, so lengths are
 *   enough to find every token again, and a check against the text proves
 *   the text is still the one they were made for;
 * - `columns`: the columns between the token and the tag (POS, chunk), one
 *   list per token, when the file had any;
 * - `separator`: `\t` when the file separated columns with tabs;
 * - `scheme`: the file's chunk scheme when it was not IOB (BIOES, BILOU), so
 *   an export writes its tags alike.
 */
export interface ConllMeta {
  sentences: number[][]
  columns?: string[][]
  separator?: '\t'
  scheme?: ChunkScheme
}

export interface FileTokens {
  tokens: Token[]
  /** [first, last] token indexes per sentence, inclusive. */
  sentences: [number, number][]
  columns: string[][] | null
  separator: ' ' | '\t'
}

const isLengths = (v: unknown): v is number[][] =>
  Array.isArray(v) && v.every((s) => Array.isArray(s) && s.length > 0 && s.every((n) => Number.isInteger(n) && n > 0))

/** The file's tokens for `text`, or null when the meta is absent or was made for another text. */
export function fileTokensOf(text: string, meta: Record<string, unknown>): FileTokens | null {
  const m = meta.conll as Partial<ConllMeta> | undefined
  if (!m || typeof m !== 'object' || !isLengths(m.sentences)) return null
  const tokens: Token[] = []
  const sentences: [number, number][] = []
  let pos = 0
  for (const [si, lengths] of m.sentences.entries()) {
    if (si > 0) {
      if (text[pos] !== '\n') return null
      pos++
    }
    const first = tokens.length
    for (const [ti, len] of lengths.entries()) {
      if (ti > 0) {
        if (text[pos] !== ' ') return null
        pos++
      }
      const t = text.slice(pos, pos + len)
      if (t.length !== len || t.includes('\n')) return null
      tokens.push({ start: pos, end: pos + len, text: t })
      pos += len
    }
    sentences.push([first, tokens.length - 1])
  }
  if (pos !== text.length) return null
  const columns = Array.isArray(m.columns) && m.columns.length === tokens.length && m.columns.every((c) => Array.isArray(c) && c.every((x) => typeof x === 'string')) ? m.columns : null
  return { tokens, sentences, columns, separator: m.separator === '\t' ? '\t' : ' ' }
}
