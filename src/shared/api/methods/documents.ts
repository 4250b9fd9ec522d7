import { z } from 'zod'
import { AnnotatorName, DocStatus, LabelName } from '../../domain/model'
import type { DocumentRecord, DocumentSummary } from '../../domain/model'
import { def, returns, RowId } from '../define'
import type { ReviewStatus } from './review'

/** Where a library search first matched a document, with a little text either side (whitespace collapsed). */
export interface SearchMatch {
  field: 'title' | 'text' | 'id'
  before: string
  match: string
  after: string
}

/** A library row: the document's summary and, when searching, its first hit. */
export interface LibraryEntry extends DocumentSummary {
  match: SearchMatch | null
  /** The document's review (adjudication into gold); shared by everyone. */
  reviewStatus: ReviewStatus
}

export const documentMethods = {
  /** Filters combine: status and label are for `annotator`'s layer; `query` searches titles and text, case-insensitively. */
  'documents.list': def(
    z.strictObject({
      annotator: AnnotatorName,
      status: DocStatus.optional(),
      /** Documents having at least one span of this entity label in the annotator's layer. */
      label: LabelName.optional(),
      query: z.string().max(500).optional(),
    }),
    returns<LibraryEntry[]>(),
  ),
  'documents.get': def(
    z.union([z.strictObject({ id: RowId }), z.strictObject({ externalId: z.string().min(1).max(500) })]),
    returns<DocumentRecord>(),
  ),
  'documents.setStatus': def(
    z.strictObject({ documentId: RowId, annotator: AnnotatorName, status: DocStatus }),
    returns<{ status: DocStatus }>(),
  ),
}
