import type { PaintedSuggestion } from './editorTypes'

/** Helpers for painting suggestions (spanDecorations.ts), shared with the screens that pick them. */

/** Index of the first offered suggestion ending after `offset` (the start of a window over text-ordered suggestions). */
export function firstEndingAfter(list: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid].end <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The hover text of a painted suggestion: what, from whom, how sure, and the keys. */
export function suggestionTitle(s: Pick<PaintedSuggestion, 'label' | 'recommender' | 'score'>): string {
  return `Suggested ${s.label} · ${s.recommender} · score ${s.score.toFixed(2)} (Enter accepts, x rejects)`
}
