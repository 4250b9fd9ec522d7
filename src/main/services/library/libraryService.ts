import type { LibraryCounts, LibraryEntry, LibraryFilter, LibraryPageArgs, SearchMatch } from '../../../shared/api/methods/documents'
import { LIBRARY_PAGE_DEFAULT } from '../../../shared/api/methods/documents'
import { hasHit } from '../../../shared/library/highlights'
import { highlightHits, searchPhrases, snippetHits } from '../../../shared/library/markHits'
import type { HitRow, LibraryWhere } from '../../store/libraryStore'
import type { Store } from '../../store/store'
import { searchTerms } from '../../store/ftsQuery'

/** The annotators named in the filter, as ids. An annotator with no layer yet has id -1: every document is todo for them. */
function resolve(store: Store, f: LibraryFilter): LibraryWhere {
  const { annotator, layerOf, query, ...rest } = f
  // Untrimmed: a trailing space says the last word is finished (not a prefix).
  const q = query?.trim() ? query : undefined
  return {
    ...rest,
    annotatorId: store.annotators.byName(annotator)?.id ?? -1,
    ...(layerOf !== undefined ? { layerOfId: store.annotators.byName(layerOf)?.id ?? -1 } : {}),
    ...(q ? { query: q } : {}),
  }
}

/** One page of the library: ids chosen by SQL (filters, sort, offset), then the page's rows and hits. */
export function listLibrary(store: Store, args: LibraryPageArgs): LibraryEntry[] {
  const { sort, dir, offset, limit, ...filter } = args
  const where = resolve(store, filter)
  const order = sort === 'relevance' && !where.query ? 'imported' : (sort ?? 'imported')
  const ids = store.library.pageIds(where, order, dir ?? 'asc', offset ?? 0, limit ?? LIBRARY_PAGE_DEFAULT)
  const hits = where.query ? pageHits(store, where, order, ids, where.query) : null
  return store.library.details(ids, where.annotatorId).map(({ hasGold, assigned, ...row }) => ({
    ...row,
    hasGold: hasGold === 1,
    assigned: assigned === 1,
    match: hits ? matchOf(hits.get(row.id)) : null,
  }))
}

export function libraryCounts(store: Store, filter: Omit<LibraryFilter, 'status'>): LibraryCounts {
  return store.library.counts(resolve(store, filter))
}

/**
 * The page's hits marked. Only the query, in corpus order: the page is every match between its first and last
 * row, and the index marks them in one range read. Otherwise (another sort, a filter) the page is spread over the
 * corpus; asking the index per row costs a prefix's whole doclist each time (over 100 ms a row for `the` at a
 * million documents), so the page's own texts are marked here instead.
 */
function pageHits(store: Store, where: LibraryWhere, order: string, ids: number[], query: string): Map<number, HitRow> {
  const onlyQuery = !where.status && !where.label && where.layerOfId === undefined && !where.reviewStatus && !where.reviewable && !where.assigned
  // With a word the index cannot find (searchTerms' scan words) the page is sparse among the index's matches, and a
  // range read would mark every one of them (1 s for `police 住む` over 100k documents, against 0.13 s); the index
  // could not mark such a word anyway.
  if (order === 'imported' && onlyQuery && !searchTerms(query)?.scan.length) {
    const hits = store.library.hitsInRange(ids, query)
    // The index's marks cannot be told from the same characters in the document itself: such rows are marked here.
    const own = [...hits.values()].filter((h) => h.marksInText).map((h) => h.id)
    if (own.length) for (const [id, h] of markedHere(store, own, query)) hits.set(id, h)
    return hits
  }
  return markedHere(store, ids, query)
}

/** Marks outside the index, on each document's id, title and text without U+0002/U+0003 (invisible controls), so only hits are marked. */
function markedHere(store: Store, ids: number[], query: string): Map<number, HitRow> {
  const phrases = searchPhrases(query)
  const scan = searchTerms(query)?.scan ?? []
  const plain = (s: string) => s.replace(/[\u0002\u0003]/gu, '')
  return new Map(
    store.library.texts(ids).map((d) => [
      d.id,
      {
        id: d.id,
        externalId: highlightHits(plain(d.externalId), phrases, scan) ?? '',
        title: highlightHits(plain(d.title), phrases, scan) ?? '',
        text: snippetHits(plain(d.text), phrases, scan) ?? '',
      },
    ]),
  )
}

function matchOf(h: HitRow | undefined): SearchMatch | null {
  if (!h) return null
  const text = hasHit(h.text) ? h.text.replace(/\s+/gu, ' ').trim() : null
  return { title: hasHit(h.title) ? h.title : null, text, id: hasHit(h.externalId) }
}
