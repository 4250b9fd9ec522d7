import { useEffect, useMemo, useState } from 'react'
import type { LibrarySort } from '../../../shared/api/methods/documents'
import type { LabelType } from '../../../shared/domain/model'
import { call } from '../../api/client'
import { LibraryFilters, NO_FILTERS } from './LibraryFilters'
import type { FilterState } from './LibraryFilters'
import { LibraryTable } from './LibraryTable'
import { CORPUS_ORDER, viewOf } from './libraryRequests'
import type { SortState } from './libraryRequests'
import { useLibraryPages } from './useLibraryPages'
import './library.css'


/** Fixed row heights (virtualization needs them): a search row has room for its snippet. */
const ROW = 46
const ROW_WITH_SNIPPET = 66
const ORDER_NOTE: Partial<Record<LibrarySort, string>> = { imported: ' · corpus order', relevance: ' · best matches first' }
/** Typing pauses this long before the search is sent. */
const SEARCH_DELAY_MS = 100

interface Props {
  annotator: string
  /** The schema, for the label filter. */
  labels: LabelType[]
}

/**
 * The corpus, a page at a time: this annotator's counts and status per document,
 * the layers each has, filters and sorting done by the store, full-text search
 * with the hits marked, and only the rows on screen mounted.
 */
export function LibraryView({ annotator, labels }: Props) {
  const [query, setQuery] = useState('')
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS)
  const [sort, setSort] = useState<SortState>(CORPUS_ORDER)
  const [annotators, setAnnotators] = useState<string[]>([])
  // Marks when the screen first renders, so a benchmark can tell the library's own time from the app's start.
  useState(() => performance.mark('spanwright:library-mount'))

  useEffect(() => {
    call('annotators.list', {})
      .then((list) => setAnnotators(list.filter((a) => a.kind === 'human').map((a) => a.name)))
      .catch(() => setAnnotators([]))
  }, [])

  const searching = query.trim().length > 0
  const view = useMemo(() => viewOf(annotator, query, filters, sort), [annotator, query, filters, sort])
  const pages = useLibraryPages(view, searching ? SEARCH_DELAY_MS : 0)
  const filtered = searching || (Object.keys(NO_FILTERS) as (keyof FilterState)[]).some((k) => filters[k] !== NO_FILTERS[k])
  const clearAll = () => {
    setQuery('')
    setFilters(NO_FILTERS)
  }
  const shown = pages.counts ? (filters.status ? pages.counts.byStatus[filters.status] : pages.counts.total) : null

  return (
    <section className="library">
      <div className="library-head">
        <div>
          <h1>Library</h1>
          <p className="muted" data-testid="library-summary">
            {shown === null
              ? 'Counting…'
              : `${shown.toLocaleString()} ${shown === 1 ? 'document' : 'documents'}${filtered ? ' match' : ''}${ORDER_NOTE[sort.sort ?? 'imported'] ?? ''}`}
            {searching && (
              <button
                type="button"
                className="order-toggle"
                onClick={() => setSort(sort.sort === 'relevance' ? { sort: undefined, dir: 'asc' } : { sort: 'relevance', dir: 'asc' })}
              >
                {sort.sort === 'relevance' ? 'Show in corpus order' : 'Show best matches first'}
              </button>
            )}
          </p>
        </div>
        <div className="library-search">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <input className="search" type="search" placeholder="Search titles and text…" value={query} aria-label="Search documents" onChange={(e) => setQuery(e.target.value)} />
        </div>
      </div>

      <LibraryFilters
        value={filters}
        onChange={setFilters}
        counts={pages.counts}
        labels={labels}
        annotators={annotators}
        filtered={filtered}
        onClear={clearAll}
      />

      {pages.error && <p className="form-error">{pages.error}</p>}
      <LibraryTable
        pages={pages}
        rowHeight={searching ? ROW_WITH_SNIPPET : ROW}
        sort={sort.sort}
        dir={sort.dir}
        onSort={(s, dir) => setSort({ sort: s, dir })}
        viewKey={JSON.stringify(view)}
        empty={
          filtered ? (
            <>
              No documents match {searching ? 'this search' : 'these filters'}.{' '}
              <button type="button" className="empty-clear" onClick={clearAll} data-testid="empty-clear">
                {searching ? 'Clear the search and filters' : 'Clear the filters'}
              </button>{' '}
              to see every document.
            </>
          ) : (
            <>
              No documents yet. Import some with <code>spanwright import</code>.
            </>
          )
        }
      />
    </section>
  )
}
