import { tokenize } from '../../../shared/text/tokenizer'

const SPACE = /\s/u

/**
 * One token further, for Shift+arrows: the end of the first token ending after
 * `pos`, or the start of the last token starting before it. Only the stretch
 * of text around `pos` is tokenized (tokens never contain whitespace), with
 * the same tokenizer as snapping and export, so `Belgium's` steps as
 * `Belgium` then `'s`. At the text's edge the position stays.
 */
export function nextTokenEnd(text: string, pos: number): number {
  let lo = pos
  while (lo > 0 && !SPACE.test(text[lo - 1])) lo--
  let hi = pos
  while (hi < text.length && SPACE.test(text[hi])) hi++
  while (hi < text.length && !SPACE.test(text[hi])) hi++
  for (const t of tokenize(text.slice(lo, hi))) if (lo + t.end > pos) return lo + t.end
  return pos
}

export function prevTokenStart(text: string, pos: number): number {
  let hi = pos
  while (hi < text.length && !SPACE.test(text[hi])) hi++
  let lo = pos
  while (lo > 0 && SPACE.test(text[lo - 1])) lo--
  while (lo > 0 && !SPACE.test(text[lo - 1])) lo--
  const tokens = tokenize(text.slice(lo, hi))
  for (let i = tokens.length - 1; i >= 0; i--) if (lo + tokens[i].start < pos) return lo + tokens[i].start
  return pos
}

/**
 * The selection after one Shift+arrow: from a caret (a collapsed selection at
 * `from.start`), the token after (→) or before (←) it; otherwise the end grows
 * by a token (→) or the start does (←).
 */
export function extendByToken(text: string, from: { start: number; end: number }, dir: 1 | -1): { start: number; end: number } {
  if (from.start === from.end) {
    // The whole token the caret is in (or the next / previous one).
    if (dir === 1) {
      const end = nextTokenEnd(text, from.start)
      return { start: prevTokenStart(text, end), end }
    }
    const start = prevTokenStart(text, from.start)
    return { start, end: nextTokenEnd(text, start) }
  }
  return dir === 1 ? { start: from.start, end: nextTokenEnd(text, from.end) } : { start: prevTokenStart(text, from.start), end: from.end }
}
