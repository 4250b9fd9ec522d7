import { F1Counts } from './f1Counts'
import { matchSpans } from './spanMatching'
import type { MatchMode, MatchSpan, SpanMatching } from './spanMatching'

/**
 * Adds one document's two span layers to `counts` under `mode` matching and
 * returns the matching (relation F1 is computed through it). `matching`, when
 * given, is used instead of computing it.
 */
export function addSpanComparison(
  counts: F1Counts,
  mode: MatchMode,
  a: readonly MatchSpan[],
  b: readonly MatchSpan[],
  matching?: SpanMatching,
): SpanMatching {
  for (const s of a) counts.addA(s.label)
  for (const s of b) counts.addB(s.label)
  const pairs = matching ?? matchSpans(mode, a, b)
  for (const i of pairs.keys()) counts.addMatch(a[i].label)
  return pairs
}

/** Span F1 of two layers of one document, per label and overall. */
export function spanF1(mode: MatchMode, a: readonly MatchSpan[], b: readonly MatchSpan[]): F1Counts {
  const counts = new F1Counts()
  addSpanComparison(counts, mode, a, b)
  return counts
}
