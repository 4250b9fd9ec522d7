import type { Boundaries, Token } from '../text/tokenizer'

/**
 * Tokens for a Prodigy task whose spans may start or end on whitespace.
 * Prodigy resolves a span to tokens by its characters (spaCy's Doc.char_span,
 * "strict"): the span must start where its token_start token starts and end
 * where its token_end token ends, else "Mismatched tokenization". Our tokens
 * hold no whitespace, so a span '  leading' had token_start 0 on 'leading'.
 * spaCy's tokenizer itself makes whitespace tokens of spaces it does not attach
 * to a word ("a  b" -> a, ' ', b); here the whitespace a span takes at an edge
 * becomes such a token, cut where span edges fall, and nowhere else.
 * `tokens` are sorted, do not overlap, and are already cut at every span edge
 * that lies inside a word (tokenize(text, spans)).
 */
export function withEdgeWhitespaceTokens(text: string, tokens: readonly Token[], spans: readonly Boundaries[]): Token[] {
  const starts = new Set(tokens.map((t) => t.start))
  const ends = new Set(tokens.map((t) => t.end))
  // Spans with an edge in whitespace; the rest start and end on tokens already.
  const edgy = spans.filter((s) => s.end > s.start && (!starts.has(s.start) || !ends.has(s.end)))
  if (!edgy.length) return [...tokens]
  // The gaps between tokens (and before the first, after the last).
  const gaps: [number, number][] = []
  let prev = 0
  for (const t of tokens) {
    if (t.start > prev) gaps.push([prev, t.start])
    prev = t.end
  }
  if (text.length > prev) gaps.push([prev, text.length])
  /** Index of the gap holding offset `x` (a <= x <= b), or -1. */
  const gapAt = (x: number): number => {
    let lo = 0
    let hi = gaps.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      if (gaps[mid][1] < x) lo = mid + 1
      else if (gaps[mid][0] > x) hi = mid - 1
      else return mid
    }
    return -1
  }
  // Each gap's spans with an edge in it: a start in [a, b), an end in (a, b].
  const byGap = new Map<number, Boundaries[]>()
  const note = (g: number, s: Boundaries) => {
    if (g < 0) return
    const list = byGap.get(g)
    if (list) list.push(s)
    else byGap.set(g, [s])
  }
  for (const s of edgy) {
    const gs = starts.has(s.start) ? -1 : gapAt(s.start)
    const ge = ends.has(s.end) ? -1 : gapAt(s.end)
    note(gs, s)
    if (ge !== gs) note(ge, s)
  }
  const extra: Token[] = []
  for (const [g, list] of byGap) {
    const [a, b] = gaps[g]
    const inside = list.flatMap((s) => [s.start, s.end]).filter((c) => c > a && c < b)
    const points = [...new Set([a, b, ...inside])].sort((x, y) => x - y)
    for (let k = 1; k < points.length; k++) {
      const [p, q] = [points[k - 1], points[k]]
      // A piece becomes a token only where one of these spans covers it.
      if (list.some((s) => s.start <= p && q <= s.end)) extra.push({ start: p, end: q, text: text.slice(p, q) })
    }
  }
  return [...tokens, ...extra].sort((x, y) => x.start - y.start)
}
