import { snapToTokens, tokenize } from '../../../shared/text/tokenizer'

const SPACE = /\s/u

/**
 * Grows [start, end) to whole tokens, exactly as `snapToTokens(tokenize(text), …)`
 * would, but tokenizing only the stretch around the selection: tokens never
 * contain whitespace, so the text cut at the nearest whitespace on either side
 * tokenizes the same there. A keypress costs the selection's length, not the
 * document's (a 100k-word text takes about 100 ms to tokenize whole).
 */
export function snapSelection(text: string, start: number, end: number): { start: number; end: number } {
  let lo = Math.min(start, text.length)
  while (lo > 0 && !SPACE.test(text[lo - 1])) lo--
  let hi = Math.max(end, lo)
  while (hi < text.length && !SPACE.test(text[hi])) hi++
  const snapped = snapToTokens(tokenize(text.slice(lo, hi)), start - lo, end - lo)
  return { start: snapped.start + lo, end: snapped.end + lo }
}
