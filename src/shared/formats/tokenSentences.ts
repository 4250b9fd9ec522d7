import { isAbbreviationToken, isNumberAbbreviation } from '../text/abbreviations'
import { segmentInChunks } from '../text/segmentInChunks'
import type { Boundaries, Token } from '../text/tokenizer'

/**
 * Splits a document's tokens into sentences for the token-per-line formats
 * (CoNLL, Hugging Face). The base is ICU's sentence segmenter
 * (`Intl.Segmenter`), which also breaks at every line break; on top of it:
 * - no break after an abbreviation token (`Dr.`, `U.S.`, `J.`), nor after
 *   `No.`/`Vol.` when a number follows (ICU on Node 20 has no abbreviation
 *   suppression);
 * - no break inside a span: a sentence break never falls between two tokens
 *   that one span covers, so a span is never cut across sentences;
 * - a break only ever falls between tokens.
 * Returns [first, last] token index pairs, inclusive.
 */

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' })
const LINE_BREAK = /[\n\r\u2028\u2029\u0085]/u

/** Gap i (between tokens i and i+1) is inside a span when one span covers a character of each. */
function gapsInsideSpans(tokens: readonly Token[], spans: readonly Boundaries[]): Uint8Array {
  const inside = new Uint8Array(Math.max(tokens.length - 1, 0))
  if (!spans.length || tokens.length < 2) return inside
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  let p = 0
  let maxEnd = -1
  for (let i = 0; i + 1 < tokens.length; i++) {
    while (p < sorted.length && sorted[p].start < tokens[i].end) maxEnd = Math.max(maxEnd, sorted[p++].end)
    if (maxEnd > tokens[i + 1].start) inside[i] = 1
  }
  return inside
}

export function sentenceRanges(text: string, tokens: readonly Token[], spans: readonly Boundaries[] = []): [number, number][] {
  const out: [number, number][] = []
  if (!tokens.length) return out
  const inside = gapsInsideSpans(tokens, spans)
  const breaks = segmentInChunks(SENTENCES, text, 'sentence')
  // The next ICU sentence start after the first token (segments come in order, so one pass serves every gap).
  let nextBreak = -1
  const advance = (past: number) => {
    while (nextBreak <= past) {
      const r = breaks.next()
      if (r.done) {
        nextBreak = Infinity
        return
      }
      nextBreak = r.value.index
    }
  }
  let first = 0
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]
    const next = tokens[i + 1]
    advance(t.end - 1)
    let endsHere = nextBreak <= next.start
    if (endsHere && !inside[i]) {
      const lineBreak = next.start > t.end && LINE_BREAK.test(text.slice(t.end, next.start))
      if (!lineBreak && (isAbbreviationToken(t.text) || afterNumberAbbreviation(tokens, i))) endsHere = false
    } else if (inside[i]) endsHere = false
    if (endsHere) {
      out.push([first, i])
      first = i + 1
    }
  }
  out.push([first, tokens.length - 1])
  return out
}

/** `No` `.` `5`: the dot at token i follows a number abbreviation directly, and a number comes next. */
function afterNumberAbbreviation(tokens: readonly Token[], i: number): boolean {
  const dot = tokens[i]
  const word = tokens[i - 1]
  const next = tokens[i + 1]
  return dot.text === '.' && word !== undefined && word.end === dot.start && isNumberAbbreviation(word.text) && /^\p{N}/u.test(next.text)
}
