import { LabelName } from '../domain/model'
import type { ImportRecord } from './importRecord'

/**
 * Labels renamed as an import reads them (`--map-label FROM=TO`), before they
 * are checked against the schema: how a project whose tool allowed names
 * Spanwright cannot keep ("Named Entity", "Org:Company" — brat, CoNLL and BIO
 * tags split on whitespace, brat reads `:` as TYPE:ID) gets in with names
 * chosen by the user, never guessed. Span and relation labels alike.
 */
export type LabelMap = ReadonlyMap<string, string>

/** Why a name cannot be a label, or null: the schema's own rule (LabelName), so no import adds what the schema editor refuses. */
export function labelNameProblem(name: string): string | null {
  const r = LabelName.safeParse(name)
  return r.success ? null : r.error.issues[0].message
}

/** `FROM=TO` pairs (the last `=` splits, so FROM may hold one); TO must be a valid label name, and one FROM has one TO. */
export function parseLabelMap(pairs: readonly string[]): LabelMap {
  const map = new Map<string, string>()
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=')
    const from = at > 0 ? pair.slice(0, at) : ''
    const to = at > 0 ? pair.slice(at + 1) : ''
    if (!from || !to) throw new Error(`--map-label ${JSON.stringify(pair)}: write it FROM=TO, e.g. "Named Entity=NAMED_ENTITY"`)
    const problem = labelNameProblem(to)
    if (problem) throw new Error(`--map-label ${JSON.stringify(pair)}: ${JSON.stringify(to)} cannot be a label: ${problem}`)
    const earlier = map.get(from)
    if (earlier !== undefined && earlier !== to) throw new Error(`--map-label: ${JSON.stringify(from)} is mapped to both ${JSON.stringify(earlier)} and ${JSON.stringify(to)}`)
    map.set(from, to)
  }
  return map
}

/** Renames a record's span and relation labels in place (each name once: a mapped name is not mapped again). */
export function renameLabels<R extends Pick<ImportRecord, 'spans' | 'relations'>>(record: R, map: LabelMap): R {
  if (!map.size) return record
  for (const s of record.spans) s.label = map.get(s.label) ?? s.label
  for (const r of record.relations) r.label = map.get(r.label) ?? r.label
  return record
}

/** The refusal of a label the schema cannot hold, with the option that lets it in. */
export function labelRefusal(what: string, label: string, problem: string): string {
  const suggested = label.replace(/[\s:\p{Cc}]+/gu, '_').slice(0, 64) || 'LABEL'
  return `${what}: label ${JSON.stringify(label.slice(0, 80))}: ${problem}; rename it with --map-label ${JSON.stringify(`${label}=${suggested}`)} (in the app: Rename labels)`
}
