import type { Token } from '../text/tokenizer'

/**
 * Splits a document's tokens into sentences for the token-per-line formats
 * (CoNLL, Hugging Face): a sentence ends after a `.`, `!` or `?` token, and
 * wherever a line break separates two tokens. Returns [first, last] token
 * index pairs, inclusive. Spans may cross these boundaries; the tags still
 * carry them (the next sentence starts with I-), as CoNLL readers expect.
 */
export function sentenceRanges(text: string, tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = []
  let first = 0
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1]
    const endsHere = !next || /^[.!?]$/.test(tokens[i].text) || /[\n\r\u2028\u2029]/.test(text.slice(tokens[i].end, next.start))
    if (endsHere) {
      out.push([first, i])
      first = i + 1
    }
  }
  return out
}
