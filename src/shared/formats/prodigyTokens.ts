import type { Boundaries, Token } from '../text/tokenizer'

/** A Prodigy token: `ws` says one space (U+0020) follows it, as spaCy's Token.whitespace_. */
export type WsToken = Token & { ws: boolean }

/**
 * Tokens for a Prodigy task, laid out as spaCy's tokenizer lays them out, so
 * that `''.join(t.text + (' ' if t.ws else ''))` gives the text back and each
 * token starts where that join puts it. Prodigy and spaCy rebuild a Doc from
 * the tokens (Doc(words, spaces)) and find spans on it by their characters
 * (Doc.char_span, strict): a "\r\n", a run of spaces or a tab after a token
 * written as ws=true shifted every later token and span ("Mismatched
 * tokenization"). So one space after a token is its `ws`; any other whitespace
 * between tokens (or before the first, after the last) is a whitespace token,
 * as spaCy makes them ("a  b" -> a, ' ', b; "a\nb" -> a, '\n', b), cut where a
 * span edge falls in it so every span starts and ends on tokens.
 * `tokens` are sorted, do not overlap, hold no whitespace, and are already cut
 * at every span edge inside a word (tokenize(text, spans)).
 */
export function withWhitespaceTokens(text: string, tokens: readonly Token[], spans: readonly Boundaries[]): WsToken[] {
  // Span edges in the gaps; edges on token bounds need nothing.
  const edges = new Set<number>()
  const startsAt = new Set<number>()
  const endsAt = new Set<number>()
  for (const s of spans) {
    if (s.end <= s.start) continue
    edges.add(s.start).add(s.end)
    startsAt.add(s.start)
    endsAt.add(s.end)
  }
  const out: WsToken[] = []
  const fillGap = (a: number, b: number) => {
    if (b <= a) return
    const prev = out[out.length - 1]
    // One plain space after a token is its ws, unless a span takes that space at an edge.
    if (prev && prev.end === a && text[a] === ' ' && !startsAt.has(a) && !endsAt.has(a + 1)) {
      prev.ws = true
      a += 1
    }
    let p = a
    for (let q = a + 1; q <= b; q++) {
      if (q === b || edges.has(q)) {
        out.push({ start: p, end: q, text: text.slice(p, q), ws: false })
        p = q
      }
    }
  }
  let at = 0
  for (const t of tokens) {
    fillGap(at, t.start)
    out.push({ start: t.start, end: t.end, text: t.text, ws: false })
    at = t.end
  }
  fillGap(at, text.length)
  return out
}
