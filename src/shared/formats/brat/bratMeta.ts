/**
 * How a brat file spelled what brat reads alike, kept in the document's meta
 * under `brat` so an export writes the file as it was: the binary attributes
 * written as M lines (`M1<TAB>Negation E2`, brat's older spelling of `A1`),
 * relation lines without brat's trailing tab, events without arguments
 * without brat's trailing space (other tools, such as DKPro, write both so),
 * and relation types whose two roles a configuration named other than
 * Arg1 and Arg2.
 * Absent: brat's own spelling.
 */
export const BRAT_META = 'brat'

export interface BratStyle {
  modifications: Set<string>
  relationTab: boolean
  eventSpace: boolean
  /** Relation type -> its role names (head's, tail's), where not Arg1 and Arg2. */
  relationRoles: Map<string, [string, string]>
  /** The `#` lines' type (brat's AnnotatorNotes unless the file used another, e.g. TDT's `Lemma`). */
  noteType: string
  /** Item source id -> its note's type, where it differs from noteType. */
  noteTypes: Map<string, string>
}

export function bratStyleOf(meta: Record<string, unknown>): BratStyle {
  const v = meta[BRAT_META]
  const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
  const mods = Array.isArray(o.modifications) ? o.modifications.filter((x): x is string => typeof x === 'string') : []
  // Kept as [type, head role, tail role] triples, never as object keys: a type may be named `__proto__`.
  const roles = Array.isArray(o.relationRoles) ? o.relationRoles : []
  const relationRoles = new Map<string, [string, string]>()
  for (const t of roles) if (Array.isArray(t) && t.length === 3 && t.every((x) => typeof x === 'string')) relationRoles.set(t[0], [t[1], t[2]])
  const noteTypes = new Map<string, string>()
  for (const p of Array.isArray(o.noteTypes) ? o.noteTypes : []) if (Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string')) noteTypes.set(p[0], p[1])
  const noteType = typeof o.noteType === 'string' && /^[^\s:]+$/u.test(o.noteType) ? o.noteType : 'AnnotatorNotes'
  return { modifications: new Set(mods), relationTab: o.relationTab !== false, eventSpace: o.eventSpace !== false, relationRoles, noteType, noteTypes }
}

/** The meta to keep for a style; null when it is brat's own. */
export function bratStyleMeta(style: BratStyle): Record<string, unknown> | null {
  const o: Record<string, unknown> = {}
  if (style.modifications.size) o.modifications = [...style.modifications]
  if (!style.relationTab) o.relationTab = false
  if (!style.eventSpace) o.eventSpace = false
  if (style.noteType !== 'AnnotatorNotes') o.noteType = style.noteType
  if (style.noteTypes.size) o.noteTypes = [...style.noteTypes]
  if (style.relationRoles.size) o.relationRoles = [...style.relationRoles].map(([type, [head, tail]]) => [type, head, tail])
  return Object.keys(o).length ? { [BRAT_META]: o } : null
}
