import { searchTerms } from './ftsQuery'
import { unspacedMatch } from './unspacedGrams'

/** A search query as the library's SQL reads it: where the rows come from and what they must meet. */
export interface SearchPart {
  /** `FROM …` joining the documents (other filters read `d`). */
  from: string
  clauses: string[]
  params: Record<string, unknown>
  /** The id column pages are ordered by: the index's rowid, which FTS5 streams in order. */
  byId: string
  /** `FROM …` of the index alone, when no clause reads the documents (then, with no other filter, the index answers). */
  bare: string | null
}

/**
 * The query's words: those unicode61 splits (`match`) on the main index (migration 5), those in scripts written
 * without spaces and symbols (`scan`) on `documents_unspaced` (migration 22). A scan word that is one run of such
 * characters is found by that index exactly; one mixed with other characters (`東京Tower`, `❤️`) is narrowed by it
 * to the documents holding its runs, and instr() then looks for the word as typed, as every scan word once was.
 */
export function searchPart(query: string): SearchPart {
  const terms = searchTerms(query)
  // Nothing searchable (only punctuation): nothing matches, rather than everything.
  if (!terms) return { from: 'FROM documents d', clauses: ['0'], params: {}, byId: 'd.id', bare: null }
  const params: Record<string, unknown> = {}
  const clauses: string[] = []
  const unspaced: string[] = []
  const scanned: string[] = []
  for (const w of terms.scan) {
    const u = unspacedMatch(w)
    if (u) unspaced.push(u.match)
    if (!u?.exact) scanned.push(w)
  }
  let from: string
  let byId: string
  let bare: string
  if (terms.match) {
    from = 'FROM documents_fts f JOIN documents d ON d.id = f.rowid'
    ;[bare, byId] = ['FROM documents_fts f', 'f.rowid']
    clauses.push('documents_fts MATCH @match')
    params.match = terms.match
    // Each index read once: the other index's matches as a set the main index's stream is checked against. Without
    // the `+` SQLite drives FTS5 by rowid from that set, a lookup in the main index per member (50 s for `東京 harbour`
    // over 320k documents on a loaded machine, against 64 ms; instr() over the main index's matches, as before: 1 s).
    if (unspaced.length) clauses.push('+f.rowid IN (SELECT rowid FROM documents_unspaced WHERE documents_unspaced MATCH @unspaced)')
  } else if (unspaced.length) {
    from = 'FROM documents_unspaced u JOIN documents d ON d.id = u.rowid'
    ;[bare, byId] = ['FROM documents_unspaced u', 'u.rowid']
    clauses.push('documents_unspaced MATCH @unspaced')
  } else {
    ;[from, bare, byId] = ['FROM documents d', 'FROM documents d', 'd.id']
  }
  if (unspaced.length) params.unspaced = unspaced.join(' ')
  scanned.forEach((w, i) => {
    clauses.push(`(instr(d.text, @scan${i}) OR instr(d.title, @scan${i}) OR instr(d.external_id, @scan${i}))`)
    params[`scan${i}`] = w
  })
  return { from, clauses, params, byId, bare: scanned.length ? null : bare }
}
