/**
 * The one tokenizer: CoNLL/BIO export, token-level agreement and token
 * snapping in the editor all use it, so their token boundaries agree.
 *
 * Tokens are, in order of preference:
 * - a word: letters, marks and digits, with inner apostrophes, hyphens,
 *   periods or commas joining runs ("anti-terror", "don't", "U.S", "3,000");
 * - an emoji sequence (ZWJ families, flags, keycaps, skin tones) as one token;
 * - any other single non-space character (punctuation, symbols).
 * Whitespace separates tokens and never belongs to one. Offsets are UTF-16,
 * end exclusive, and never split a surrogate pair.
 */
export interface Token {
  start: number
  end: number
  text: string
}

const WORD = String.raw`[\p{L}\p{M}\p{N}]+(?:['’\-.,][\p{L}\p{M}\p{N}]+)*`
const EMOJI = String.raw`(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}[\uFE0F\p{EMod}]*(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{EMod}]*)*)`
const TOKEN = new RegExp(`${EMOJI}|${WORD}|[^\\s]`, 'gu')

export function tokenize(text: string): Token[] {
  const out: Token[] = []
  TOKEN.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TOKEN.exec(text))) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] })
  return out
}

/** Index of the first token whose end is after `offset` (binary search). */
function firstEndingAfter(tokens: Token[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (tokens[mid].end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Grows [start, end) to whole tokens: the start moves back to the beginning of
 * the token it falls in, the end forward to the end of its token. A range that
 * covers only whitespace is returned unchanged (trimmed by the caller).
 */
export function snapToTokens(tokens: Token[], start: number, end: number): { start: number; end: number } {
  const i = firstEndingAfter(tokens, start)
  let s = start
  let e = end
  if (i < tokens.length && tokens[i].start < end) s = Math.min(start, tokens[i].start)
  const j = firstEndingAfter(tokens, end - 1)
  if (j < tokens.length && tokens[j].start < end) e = Math.max(end, tokens[j].end)
  return { start: s, end: e }
}

/** The tokens overlapping [start, end), as a [first, last] index pair (inclusive), or null. */
export function tokensInRange(tokens: Token[], start: number, end: number): [number, number] | null {
  const i = firstEndingAfter(tokens, start)
  if (i >= tokens.length || tokens[i].start >= end) return null
  let j = i
  while (j + 1 < tokens.length && tokens[j + 1].start < end) j++
  return [i, j]
}
