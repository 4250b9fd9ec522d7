import type { Span } from '../../../shared/domain/model'

/**
 * The span after (dir 1) or before (dir -1) the selected one in text order,
 * wrapping around; with nothing selected, the first (or last) span.
 * `spans` must be sorted by position.
 */
export function adjacentSpan(spans: Span[], selectedId: number | null, dir: 1 | -1): Span | null {
  if (!spans.length) return null
  const i = selectedId === null ? -1 : spans.findIndex((s) => s.id === selectedId)
  if (i < 0) return dir === 1 ? spans[0] : spans[spans.length - 1]
  return spans[(i + dir + spans.length) % spans.length]
}
