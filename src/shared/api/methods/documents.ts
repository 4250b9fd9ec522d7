import { z } from 'zod'
import { AnnotatorName, DocStatus, LabelName } from '../../domain/model'
import type { DocumentRecord, DocumentSummary } from '../../domain/model'
import { def, returns, RowId } from '../define'
import { ReviewStatus } from './review'

/**
 * Where a library search matched a document. Hits are marked in place between
 * HIT_START and HIT_END (control characters, never HTML): split with
 * `splitHighlights` and render each part as text.
 */
export interface SearchMatch {
  /** The title with its hits marked; null when the title has no hit. */
  title: string | null
  /** A few words of text around the best hits, whitespace collapsed; null when the text has no hit. */
  text: string | null
  /** The query matched the document's id. */
  id: boolean
}

/** A library row: the document's summary for one annotator, its layers and review, and, when searching, its hits. */
export interface LibraryEntry extends DocumentSummary {
  match: SearchMatch | null
  /** The document's review (adjudication into gold); shared by everyone. */
  reviewStatus: ReviewStatus
  /** Human annotators with a layer here (spans, or a status: they opened it). */
  layerCount: number
  /** The gold (adjudicated) layer has items. */
  hasGold: boolean
  /** When this annotator last changed the document's status (ISO time), null when never. */
  updatedAt: string | null
  /** A team admin assigned this document to the annotator (pulled by team sync). */
  assigned: boolean
}

/** The library's sort keys. `imported` is corpus order (import order); `relevance` needs a query. */
export const LibrarySort = z.enum(['imported', 'externalId', 'title', 'status', 'updated', 'spans', 'layers', 'length', 'relevance'])
export type LibrarySort = z.infer<typeof LibrarySort>

/** The most rows one page may ask for: a screen's worth many times over, never the corpus. */
export const LIBRARY_PAGE_MAX = 500
export const LIBRARY_PAGE_DEFAULT = 100

/** Filters compose (AND). `status` and `label` are for `annotator`'s layer. */
export const LibraryFilter = z.strictObject({
  annotator: AnnotatorName,
  status: DocStatus.optional(),
  /** Documents having at least one span of this entity label in the annotator's layer. */
  label: LabelName.optional(),
  /** Full-text search over ids, titles and text: words, any order, the last one as a prefix. */
  query: z.string().max(500).optional(),
  /** Documents where this annotator has a layer. */
  layerOf: AnnotatorName.optional(),
  reviewStatus: ReviewStatus.optional(),
  /** Only documents with something to review: two or more layers, or a gold layer begun. */
  reviewable: z.boolean().optional(),
  /** Team assignments to `annotator`: `first` lists them before the rest (each part in the chosen sort), `only` lists nothing else. */
  assigned: z.enum(['first', 'only']).optional(),
})
export type LibraryFilter = z.infer<typeof LibraryFilter>

export const LibraryPageArgs = LibraryFilter.extend({
  sort: LibrarySort.optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.number().int().min(1).max(LIBRARY_PAGE_MAX, `a page is at most ${LIBRARY_PAGE_MAX} rows`).optional(),
})
export type LibraryPageArgs = z.infer<typeof LibraryPageArgs>

/** How many documents match the filters (the status filter aside), in total and per status of the annotator. */
export interface LibraryCounts {
  total: number
  byStatus: Record<DocStatus, number>
}

/** One annotator's layer of a document: spans, or a status set or recorded by an import. */
export interface DocumentLayer {
  annotator: string
  spans: number
  status: DocStatus
}

export const documentMethods = {
  /** One page of the library (default: the first 100 in import order). */
  'documents.list': def(LibraryPageArgs, returns<LibraryEntry[]>()),
  /** Counts for the status tabs: every filter but `status` applies. */
  'documents.counts': def(LibraryFilter.omit({ status: true }), returns<LibraryCounts>()),
  /**
   * The document after (or before) this one in corpus order, wrapping around; `notDone` skips the annotator's done ones.
   * `assignedFirst`: the annotator's team assignments come first (the next one of them, wrapping), then corpus order.
   */
  'documents.next': def(
    z.strictObject({
      annotator: AnnotatorName,
      documentId: RowId,
      direction: z.enum(['next', 'previous']).optional(),
      notDone: z.boolean().optional(),
      assignedFirst: z.boolean().optional(),
    }),
    returns<{ id: number; externalId: string } | null>(),
  ),
  'documents.get': def(
    z.union([z.strictObject({ id: RowId }), z.strictObject({ externalId: z.string().min(1).max(500) })]),
    returns<DocumentRecord>(),
  ),
  /** One annotator's status of one document (todo when never set). */
  'documents.status': def(z.strictObject({ documentId: RowId, annotator: AnnotatorName }), returns<{ status: DocStatus }>()),
  /** The document's human layers, each with its span count and status: who else has labelled it. */
  'documents.layers': def(z.strictObject({ documentId: RowId }), returns<DocumentLayer[]>()),
  'documents.setStatus': def(
    z.strictObject({ documentId: RowId, annotator: AnnotatorName, status: DocStatus }),
    returns<{ status: DocStatus }>(),
  ),
}
