import { z } from 'zod'
import { AnnotatorName, DocStatus } from '../../domain/model'
import type { DocumentRecord, DocumentSummary } from '../../domain/model'
import { def, returns, RowId } from '../define'

export const documentMethods = {
  'documents.list': def(
    z.strictObject({
      annotator: AnnotatorName,
      status: DocStatus.optional(),
      query: z.string().max(500).optional(),
    }),
    returns<DocumentSummary[]>(),
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
