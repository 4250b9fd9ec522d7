import type { Span } from '../../../shared/domain/model'
import { snapSelection } from './snapSelection'

export interface MatchPlan {
  /** The ranges to label. */
  ranges: { start: number; end: number }[]
  /** Hits already labelled with this label (same range). */
  alreadyLabelled: number
  /** Hits that start or end inside a word (left out when whole words are asked for). */
  partWords: number
}

/**
 * Which search hits "label all matches" would label: each hit once, not the
 * ones the layer already has with that label, and (with `wholeWords`) not the
 * ones that cut a token of the shared tokenizer (`Kerry` inside `Kerryville`).
 */
export function planLabelAll(text: string, hits: readonly { start: number; end: number }[], spans: readonly Span[], label: string, wholeWords: boolean): MatchPlan {
  const have = new Set(spans.filter((s) => s.label === label).map((s) => `${s.start}:${s.end}`))
  const plan: MatchPlan = { ranges: [], alreadyLabelled: 0, partWords: 0 }
  for (const h of hits) {
    if (wholeWords) {
      const snapped = snapSelection(text, h.start, h.end)
      if (snapped.start !== h.start || snapped.end !== h.end) {
        plan.partWords++
        continue
      }
    }
    if (have.has(`${h.start}:${h.end}`)) {
      plan.alreadyLabelled++
      continue
    }
    plan.ranges.push({ start: h.start, end: h.end })
  }
  return plan
}

/** A match with a little context either side, on one line, for the preview list. */
export function matchContext(text: string, r: { start: number; end: number }, width = 36): { before: string; match: string; after: string } {
  const flat = (s: string) => s.replace(/\s+/gu, ' ')
  const from = Math.max(0, r.start - width)
  const to = Math.min(text.length, r.end + width)
  return {
    before: (from > 0 ? '…' : '') + flat(text.slice(from, r.start)),
    match: text.slice(r.start, r.end),
    after: flat(text.slice(r.end, to)) + (to < text.length ? '…' : ''),
  }
}
