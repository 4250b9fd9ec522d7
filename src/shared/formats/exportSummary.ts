import { countOf } from '../text/plural'

/** An export's totals: what the layers held, and what the file got of it. */
export interface ExportTotals {
  /** Spans and relations of the layers exported. */
  spans: number
  relations: number
  /** Of those, what the format wrote (the rest was left out, each reason counted in the warnings). */
  written: { spans: number; relations: number }
}

/** `1 span and 2 relations`, `63 relations`: the non-zero counts (both when both are zero). */
function both(spans: number, relations: number): string {
  if (spans && !relations) return countOf(spans, 'span')
  if (relations && !spans) return countOf(relations, 'relation')
  return `${countOf(spans, 'span')} and ${countOf(relations, 'relation')}`
}

/**
 * What an export wrote, for its last line (CLI) and the export dialog's outcome alike: `119 spans, 63 relations`
 * when everything went in; else what was written and what was left out, `119 spans and 0 relations written; 63
 * relations left out` (a txt export: `0 spans and 0 relations written; 119 spans and 63 relations left out`).
 */
export function exportedTotalsText(t: ExportTotals): string {
  const spansOut = t.spans - t.written.spans
  const relationsOut = t.relations - t.written.relations
  if (!spansOut && !relationsOut) return `${countOf(t.spans, 'span')}, ${countOf(t.relations, 'relation')}`
  return `${countOf(t.written.spans, 'span')} and ${countOf(t.written.relations, 'relation')} written; ${both(spansOut, relationsOut)} left out`
}
