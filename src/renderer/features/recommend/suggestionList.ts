import type { SuggestionRow } from '../../../shared/recommend/report'
import { firstEndingAfter } from '../../editor/suggestionPaint'

export { firstEndingAfter, suggestionTitle } from '../../editor/suggestionPaint'

/**
 * The suggestions a document view shows, as plain functions over offsets (no
 * DOM, unit-tested in test/unit/renderer/features/recommend/suggestionList.test.ts):
 * which ones are offered, which one is under the caret, and which comes next.
 */

/** A suggestion's identity in this view (the same span and label from the same recommender). */
export function suggestionKey(s: Pick<SuggestionRow, 'start' | 'end' | 'label' | 'recommender'>): string {
  return `${s.start}:${s.end}:${s.label}:${s.recommender}`
}

/**
 * Of overlapping suggestions, only the surest (then the longest, then the
 * earliest), in text order: what the view shows is what "accept all" takes.
 * Done once per reply, marking the characters taken (linear in the suggestions'
 * lengths, as the server's accept-all does it).
 */
export function bestSuggestions(rows: readonly SuggestionRow[]): SuggestionRow[] {
  const candidates = rows.filter((r) => r.end > r.start && r.start >= 0)
  candidates.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const used = new Uint8Array(candidates.reduce((m, s) => Math.max(m, s.end), 0))
  const kept: SuggestionRow[] = []
  next: for (const c of candidates) {
    for (let i = c.start; i < c.end; i++) if (used[i]) continue next
    used.fill(1, c.start, c.end)
    kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * What is offered of the best suggestions (text order): none overlapping a
 * span of the layer (one just made or accepted hides its suggestion at once,
 * before the server answers again) nor one hidden here (rejected). Linear in
 * the suggestions with a binary search over the spans, so it can run on every
 * keystroke. `spans` must be in start order (the layer's order).
 */
export function offeredSuggestions(best: readonly SuggestionRow[], spans: readonly { start: number; end: number }[], hidden: ReadonlySet<string>): SuggestionRow[] {
  // Prefix maximum of span ends in start order: a suggestion overlaps a span iff some span starting before its end ends after its start.
  const starts = spans.map((s) => s.start)
  const maxEnd: number[] = []
  let m = -1
  for (const s of spans) maxEnd.push((m = Math.max(m, s.end)))
  return best.filter((r) => {
    const k = firstAtOrAfter(starts, r.end)
    return !(k > 0 && maxEnd[k - 1] > r.start) && (hidden.size === 0 || !hidden.has(suggestionKey(r)))
  })
}

/** Index of the first value >= x in an ascending array (its length when none). */
function firstAtOrAfter(values: readonly number[], x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The suggestion the caret is in (or touches: a caret just after its last character counts), or null. */
export function suggestionAt(list: readonly { start: number; end: number }[], offset: number | null): number | null {
  if (offset === null) return null
  const i = firstEndingAfter(list, offset - 1)
  return i < list.length && list[i].start <= offset && offset <= list[i].end ? i : null
}

/**
 * The next (dir 1) or previous (-1) suggestion: from the focused one, else
 * from the caret (the first starting at or after it, or the last before it),
 * else from the top; wrapping round the document. Null when there are none.
 */
export function stepSuggestion(list: readonly { start: number; end: number }[], focused: number | null, caret: number | null, dir: 1 | -1): number | null {
  const n = list.length
  if (!n) return null
  if (focused !== null && focused >= 0 && focused < n) return (focused + dir + n) % n
  if (caret === null) return dir === 1 ? 0 : n - 1
  let i = 0
  while (i < n && list[i].start < caret) i++
  return dir === 1 ? i % n : (i - 1 + n) % n
}

/**
 * The part of a big document to ask suggestions for, given the decorated
 * window [from, to): the same area while the window stays `margin / 2` inside
 * it (or at the document's edge), else a new one `margin` around the window.
 */
export function nextArea(area: { from: number; to: number } | null, from: number, to: number, length: number, margin: number): { from: number; to: number } {
  const inside = area && (area.from === 0 || from - area.from >= margin / 2) && (area.to === length || area.to - to >= margin / 2)
  return inside ? area : { from: Math.max(0, from - margin), to: Math.min(length, to + margin) }
}
