/** More hits than this are not painted (the count says so). */
export const MAX_SEARCH_HITS = 5000

export interface SearchResult {
  hits: { start: number; end: number }[]
  /** True when there were more than MAX_SEARCH_HITS. */
  capped: boolean
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Case-insensitive occurrences of `query` in the document, as article offsets
 * (UTF-16). A regular expression with the `iu` flags folds case without
 * changing lengths, so offsets point into the original text.
 */
export function findInDocument(text: string, query: string): SearchResult {
  if (!query.trim()) return { hits: [], capped: false }
  const re = new RegExp(escapeRegExp(query), 'giu')
  const hits: { start: number; end: number }[] = []
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    if (hits.length === MAX_SEARCH_HITS) return { hits, capped: true }
    hits.push({ start: m.index, end: m.index + m[0].length })
  }
  return { hits, capped: false }
}
