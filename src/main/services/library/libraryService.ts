import type { LibraryEntry, SearchMatch } from '../../../shared/api/methods/documents'
import type { DocStatus } from '../../../shared/domain/model'
import type { ListedDocument } from '../../store/documentStore'
import { goldOf } from '../../store/goldStore'
import type { Store } from '../../store/store'

export interface LibraryQuery {
  annotator: string
  status?: DocStatus
  label?: string
  query?: string
}

/** The library: documents with this annotator's counts and status, filtered, and each search hit with a snippet. */
export function listLibrary(store: Store, q: LibraryQuery): LibraryEntry[] {
  const annotator = store.annotators.byName(q.annotator)
  // An annotator with no layer yet sees every document as todo (and none has their labels).
  const rows = store.documents.list(annotator?.id ?? -1, { status: q.status, label: q.label, query: q.query })
  const query = q.query?.trim() ?? ''
  const reviews = goldOf(store.db).statuses()
  return rows.map((r) => {
    const { titleHitAt, textHitAt, idHitAt, bodyStart, window, windowStart, ...summary } = r
    return { ...summary, match: query ? firstMatch(r, query) : null, reviewStatus: reviews.get(r.id) ?? 'unreviewed' }
  })
}

/** A body hit wins over the title (the title is already on screen); the id is the last resort. */
function firstMatch(r: ListedDocument, query: string): SearchMatch | null {
  if (r.textHitAt > 0 && r.window !== null) return textSnippet(r.window, r.textHitAt - r.windowStart, query, r.windowStart > r.bodyStart + 1)
  if (r.titleHitAt > 0) return around('title', r.title, r.titleHitAt - 1, query)
  if (r.idHitAt > 0) return around('id', r.externalId, r.idHitAt - 1, query)
  return null
}

/**
 * SQLite counts positions in code points, JavaScript in UTF-16 units: slice the
 * window as code points so an emoji before the hit cannot shift it.
 */
function around(field: SearchMatch['field'], s: string, atCodePoint: number, query: string): SearchMatch {
  const cps = Array.from(s)
  const n = Array.from(query).length
  return {
    field,
    before: cps.slice(0, atCodePoint).join(''),
    match: cps.slice(atCodePoint, atCodePoint + n).join(''),
    after: cps.slice(atCodePoint + n).join(''),
  }
}

function textSnippet(window: string, atCodePoint: number, query: string, clippedStart: boolean): SearchMatch {
  const m = around('text', window, atCodePoint, query)
  const collapse = (s: string) => s.replace(/\s+/gu, ' ')
  let before = collapse(m.before).trimStart()
  let after = collapse(m.after)
  // Cut at word boundaries so a snippet never begins or ends inside a word.
  if (clippedStart) before = '…' + before.replace(/^\S*\s?/u, '')
  const lastSpace = after.lastIndexOf(' ')
  if (after.length > 40 && lastSpace > 0) after = after.slice(0, lastSpace) + ' …'
  return { field: 'text', before, match: m.match, after }
}
