import { joinedFragments } from '../formats/fragmentSpans'
import type { LabeledRange } from '../text/bioTags'
import type { MatchSpan } from './spanMatching'

/** The ranges token-level agreement tags, and the span each came from (null: each range is a span). */
export interface TokenRanges {
  ranges: readonly LabeledRange[]
  spanOf: Map<LabeledRange, number> | null
}

const isDiscontinuous = (s: MatchSpan): boolean => !!s.fragments && s.fragments.length > 1

/**
 * What the BIO tags of token-level agreement are built from: a discontinuous
 * span is its fragments, each a range with the span's label (fragments with only
 * whitespace between them joined), as the CoNLL and Hugging Face exports write it
 * (formats/fragmentSpans.ts). Its covering range would tag the words between the
 * fragments, which no export labels. Other spans are themselves.
 */
export function tokenRanges(text: string, spans: readonly MatchSpan[]): TokenRanges {
  if (!spans.some(isDiscontinuous)) return { ranges: spans, spanOf: null }
  const ranges: LabeledRange[] = []
  const spanOf = new Map<LabeledRange, number>()
  spans.forEach((s, i) => {
    const parts = isDiscontinuous(s) ? joinedFragments(text, s.fragments!).map(([start, end]) => ({ start, end, label: s.label })) : [s]
    for (const r of parts) {
      ranges.push(r)
      spanOf.set(r, i)
    }
  })
  return { ranges, spanOf }
}

/** How many spans some of `ranges` came from (a span two of whose fragments were left out counts once). */
export function spansOfRanges(t: TokenRanges, ranges: readonly LabeledRange[]): number {
  if (!t.spanOf || ranges.length === 0) return ranges.length
  return new Set(ranges.map((r) => t.spanOf!.get(r))).size
}

/** How many spans have all their ranges among `ranges` (a span one of whose fragments covers a token was tagged). */
export function wholeSpansOf(t: TokenRanges, ranges: readonly LabeledRange[]): number {
  const spanOf = t.spanOf
  if (!spanOf || ranges.length === 0) return ranges.length
  const left = new Map<number, number>()
  for (const i of spanOf.values()) left.set(i, (left.get(i) ?? 0) + 1)
  for (const r of ranges) left.set(spanOf.get(r)!, left.get(spanOf.get(r)!)! - 1)
  return [...left.values()].filter((n) => n === 0).length
}
