// What the library asks the store for, as plain functions (no React): the screen uses them, and so does
// the boot script, which asks for the opening view's first page and counts before the app has loaded.
import type { LibraryPageArgs, LibrarySort } from '../../../shared/api/methods/documents'
import type { Args } from '../../../shared/api/contract'
import type { DocStatus } from '../../../shared/domain/model'
import type { ReviewStatus } from '../../../shared/api/methods/review'

export const PAGE_SIZE = 100

/** A view of the library: the filters, search and order, without the paging. */
export type LibraryView = Omit<LibraryPageArgs, 'offset' | 'limit'>

export interface FilterState {
  status: DocStatus | ''
  label: string
  layerOf: string
  reviewStatus: ReviewStatus | ''
  reviewable: boolean
  /** Team assignments to me: listed first (the default), only them, or in no special place. */
  assigned: 'first' | 'only' | 'any'
}
export const NO_FILTERS: FilterState = { status: '', label: '', layerOf: '', reviewStatus: '', reviewable: false, assigned: 'first' }

export interface SortState {
  sort: LibrarySort | undefined
  dir: 'asc' | 'desc'
}
export const CORPUS_ORDER: SortState = { sort: undefined, dir: 'asc' }

/** The view for what the screen shows: only what is set goes into the request. */
export function viewOf(annotator: string, query: string, filters: FilterState, sort: SortState): LibraryView {
  return {
    annotator,
    ...(query.trim().length > 0 ? { query } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.label ? { label: filters.label } : {}),
    ...(filters.layerOf ? { layerOf: filters.layerOf } : {}),
    ...(filters.reviewStatus ? { reviewStatus: filters.reviewStatus } : {}),
    ...(filters.reviewable ? { reviewable: true } : {}),
    ...(filters.assigned !== 'any' ? { assigned: filters.assigned } : {}),
    ...(sort.sort ? { sort: sort.sort, dir: sort.dir } : {}),
  }
}

/** The view the library opens on: no search, no filter, corpus order. */
export const openingView = (annotator: string): LibraryView => viewOf(annotator, '', NO_FILTERS, CORPUS_ORDER)

/** Rows of a page of a view. */
export const pageArgs = (view: LibraryView, page: number): Args<'documents.list'> => ({ ...view, offset: page * PAGE_SIZE, limit: PAGE_SIZE })

/** The status tabs' counts for a view: every filter but the status; `first` is an order, only `only` narrows. */
export function countsArgs(view: LibraryView): Args<'documents.counts'> {
  const { annotator, label, query, layerOf, reviewStatus, reviewable, assigned } = view
  return { annotator, label, query, layerOf, reviewStatus, reviewable, ...(assigned === 'only' ? { assigned } : {}) }
}
