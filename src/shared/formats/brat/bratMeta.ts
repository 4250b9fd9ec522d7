/**
 * How a brat file spelled what brat reads alike, kept in the document's meta
 * under `brat` so an export writes the file as it was: the binary attributes
 * written as M lines (`M1<TAB>Negation E2`, brat's older spelling of `A1`),
 * relation lines without brat's trailing tab, and events without arguments
 * without brat's trailing space (other tools, such as DKPro, write both so).
 * Absent: brat's own spelling.
 */
export const BRAT_META = 'brat'

export interface BratStyle {
  modifications: Set<string>
  relationTab: boolean
  eventSpace: boolean
}

export function bratStyleOf(meta: Record<string, unknown>): BratStyle {
  const v = meta[BRAT_META]
  const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
  const mods = Array.isArray(o.modifications) ? o.modifications.filter((x): x is string => typeof x === 'string') : []
  return { modifications: new Set(mods), relationTab: o.relationTab !== false, eventSpace: o.eventSpace !== false }
}

/** The meta to keep for a style; null when it is brat's own. */
export function bratStyleMeta(style: BratStyle): Record<string, unknown> | null {
  const o: Record<string, unknown> = {}
  if (style.modifications.size) o.modifications = [...style.modifications]
  if (!style.relationTab) o.relationTab = false
  if (!style.eventSpace) o.eventSpace = false
  return Object.keys(o).length ? { [BRAT_META]: o } : null
}
