import { z } from 'zod'
import { AnnotatorName, Attributes, LabelName } from '../../domain/model'
import type { Relation, Span } from '../../domain/model'
import { def, Offset, returns, RowId } from '../define'

export const NewSpan = z
  .strictObject({
    documentId: RowId,
    annotator: AnnotatorName,
    label: LabelName,
    start: Offset,
    end: Offset,
    attributes: Attributes.optional(),
    note: z.string().max(10_000).optional(),
    norm: z.string().max(500).nullable().optional(),
  })
  .refine((s) => s.start < s.end, { message: 'start must be before end', path: ['end'] })
export type NewSpan = z.infer<typeof NewSpan>

export const NewRelation = z.strictObject({
  documentId: RowId,
  annotator: AnnotatorName,
  label: LabelName,
  headId: RowId,
  tailId: RowId,
})
export type NewRelation = z.infer<typeof NewRelation>

/** The editable fields of a span; omitted fields keep their value. `norm: null` (or '') clears the normalization id. */
export const SpanUpdate = z.strictObject({
  id: RowId,
  label: LabelName.optional(),
  note: z.string().max(10_000).optional(),
  attributes: Attributes.optional(),
  norm: z.string().trim().max(500).nullable().optional(),
})
export type SpanUpdate = z.infer<typeof SpanUpdate>

/** Many spans of one label in one layer, made as one action (one undo takes them all back): "label all matches". */
export const NewSpans = z.strictObject({
  documentId: RowId,
  annotator: AnnotatorName,
  label: LabelName,
  ranges: z
    .array(z.strictObject({ start: Offset, end: Offset }).refine((r) => r.start < r.end, { message: 'start must be before end', path: ['end'] }))
    .min(1)
    .max(5000),
})
export type NewSpans = z.infer<typeof NewSpans>

export interface AnnotationLayer {
  spans: Span[]
  relations: Relation[]
}

export const annotationMethods = {
  /**
   * One annotator's layer of a document, named by its row id or by its external id: a start on a document's link asks
   * by the external id, beside `documents.get`, instead of waiting for that read to learn the row id.
   */
  'annotations.get': def(
    z.union([z.strictObject({ documentId: RowId, annotator: AnnotatorName }), z.strictObject({ externalId: z.string().min(1).max(500), annotator: AnnotatorName })]),
    returns<AnnotationLayer>(),
  ),
  'spans.create': def(NewSpan, returns<Span>()),
  'spans.createMany': def(NewSpans, returns<Span[]>()),
  'spans.update': def(SpanUpdate, returns<Span>()),
  'spans.delete': def(z.strictObject({ id: RowId }), returns<{ deleted: number; relationsDeleted: number }>()),
  'relations.create': def(NewRelation, returns<Relation>()),
  'relations.delete': def(z.strictObject({ id: RowId }), returns<{ deleted: number }>()),
}
