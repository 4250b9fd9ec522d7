import { piecesOf, sharesText } from '../../../shared/review/alignment'
import type { DecidedDisagreement } from '../../../shared/review/decisions'

type Paintable = { id: number; start: number; end: number; fragments?: readonly (readonly [number, number])[] | null }

/**
 * The spans to emphasise for a disagreement in the side-by-side columns: those labelling text its readings label
 * (a span reading's fragments, a relation reading's two ends). Not its covering range: a span in a discontinuous
 * reading's gap, or between a relation's ends, is another place.
 */
export function highlightedSpanIds(d: DecidedDisagreement, layers: readonly { spans: readonly Paintable[] }[]): number[] {
  const pieces = d.readings.flatMap((r) => (r.kind === 'relation' && r.head && r.tail ? [...piecesOf(r.head), ...piecesOf(r.tail)] : piecesOf(r)))
  const ids: number[] = []
  for (const l of layers) for (const s of l.spans) if (pieces.some(([start, end]) => sharesText(s, { start, end }))) ids.push(s.id)
  return ids
}
