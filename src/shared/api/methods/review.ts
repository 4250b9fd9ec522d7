import { z } from 'zod'
import type { AgreementReport } from '../../agreement/report'
import { AnnotatorName, LabelName } from '../../domain/model'
import type { DocumentRecord, Relation, Span } from '../../domain/model'
import type { Alignment } from '../../review/alignment'
import { def, Offset, returns, RowId } from '../define'

/** The caller's handle for one agreement run, so it can be stopped with `review.cancelAgreement`. */
export const RunId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'run id: expected 8 to 64 characters of A-Z, a-z, 0-9 or -')

/** Which layers, labels and documents an agreement figure covers; every field optional (default: all). */
export const AgreementArgs = z.strictObject({
  runId: RunId.optional(),
  annotators: z.array(AnnotatorName).min(1, 'name at least one annotator, or leave annotators out').max(100).optional(),
  labels: z.array(LabelName).min(1, 'name at least one label, or leave labels out').max(500).optional(),
  documentIds: z.array(RowId).min(1, 'name at least one document, or leave documentIds out').max(1_000_000).optional(),
})
export type AgreementArgs = z.infer<typeof AgreementArgs>

export const ReviewStatus = z.enum(['unreviewed', 'in_review', 'adjudicated'])
export type ReviewStatus = z.infer<typeof ReviewStatus>

/** One annotator's layer of the reviewed document. */
export interface ReviewLayer {
  annotator: string
  spans: Span[]
  relations: Relation[]
}

/** Everything the review view shows for one document: the layers, their alignment, the gold layer, the reviewer's rejections. */
export interface ReviewData {
  document: DocumentRecord
  status: ReviewStatus
  /** The human layers compared, by annotator name. */
  layers: ReviewLayer[]
  gold: ReviewLayer
  alignment: Alignment
  /** Ids of rejected items (of any human layer). */
  rejected: { spans: number[]; relations: number[] }
  /** Disagreements with a reading neither accepted nor rejected; the review can be marked done at 0. */
  open: number
  /**
   * On a review marked done: how many annotator items were added, deleted or changed since it was marked done (see
   * shared/review/changedSinceDone.ts). Gold stays as it was until the review is reopened. 0 otherwise.
   */
  changedSinceDone: number
  /** The first of those changes, for the review view to name (a deletion leaves nothing on screen to see). */
  changesSinceDone?: ChangeSinceDone[]
  /**
   * On a review reopened after a finish: what annotators changed between that last finish and now (the same count and
   * list, kept until the review is marked done again), for the reviewer who reopened it to take them in.
   */
  sinceLastFinish?: { changed: number; changes: ChangeSinceDone[] }
}

/**
 * One annotator item added, deleted or changed since a review was marked done (a relation by its ends' extents), or a
 * layer that joined or left the review holding nothing (an annotator's "no annotation here").
 */
export type ChangeSinceDone =
  | {
      annotator: string
      change: 'added' | 'deleted' | 'changed'
      kind: 'span' | 'relation'
      label: string
      start: number
      end: number
      /** A relation's tail (start/end are its head). */
      tail?: { start: number; end: number }
    }
  | { annotator: string; change: 'added' | 'deleted'; kind: 'layer' }

/** A review marked done whose annotators' layers changed since (`review.changedSinceDone`). */
export interface ChangedReview {
  documentId: number
  externalId: string
  title: string
  /** Items that differ now (ReviewData.changedSinceDone). */
  changed: number
}

/** An item of a human layer (or the gold layer, for an edit). */
export const ReviewItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('span'), id: RowId }),
  z.strictObject({ kind: z.literal('relation'), id: RowId }),
])
export type ReviewItem = z.infer<typeof ReviewItem>

/** Accept with changes: another label, or (spans) another boundary. */
export const ReviewEdit = z
  .strictObject({ label: LabelName.optional(), start: Offset.optional(), end: Offset.optional() })
  .refine((e) => e.start === undefined || e.end === undefined || e.start < e.end, { message: 'start must be before end', path: ['end'] })
export type ReviewEdit = z.infer<typeof ReviewEdit>

const DocumentRef = z.union([z.strictObject({ documentId: RowId }), z.strictObject({ externalId: z.string().min(1).max(500) })])

export interface AcceptResult {
  /** The gold items written (a relation brings its head and tail when gold lacks them); empty when gold already had it. */
  created: { spans: Span[]; relations: Relation[] }
  review: ReviewData
}

export interface PremergeResult {
  quorum: number
  spans: number
  relations: number
  /** The one history entry the pre-merge is (one undo reverts it); null when nothing was copied. */
  historyId: number | null
  review: ReviewData
}

/** The gold items an accept wrote, and the document's review as it now is. */
export type DecideResult = AcceptResult

/** What a cancel found: whether a run with that id was running (and how far it had got: documents done of total). */
export interface AgreementCancel {
  cancelled: boolean
  done: number
  total: number | null
}

export const reviewMethods = {
  /** Agreement over the workspace or a subset; a run given a `runId` can be stopped mid-way, and then answers `cancelled`. */
  'review.agreement': def(AgreementArgs, returns<AgreementReport>()),
  'review.cancelAgreement': def(z.strictObject({ runId: RunId }), returns<AgreementCancel>()),
  'review.layers': def(DocumentRef, returns<ReviewData>()),
  /** Copies an item into gold with its provenance (as is, or edited). */
  'review.accept': def(z.strictObject({ reviewer: AnnotatorName, item: ReviewItem, edit: ReviewEdit.optional() }), returns<AcceptResult>()),
  /** Marks an item rejected for this review (or takes the mark back with `rejected: false`). */
  'review.reject': def(z.strictObject({ reviewer: AnnotatorName, item: ReviewItem, rejected: z.boolean().optional() }), returns<ReviewData>()),
  /** Copies every item at least `quorum` annotators agree on (default: all of them) into gold, as one undoable change. */
  'review.premerge': def(
    z.strictObject({ documentId: RowId, reviewer: AnnotatorName, quorum: z.number().int().min(1).max(100).optional() }),
    returns<PremergeResult>(),
  ),
  /**
   * One decision in one transaction: accept an item (as is or edited), reject items (all of a reading's), or take
   * rejections back, or take accepted readings out of gold (`unaccept`, with `reject` to reject them too); "accept this
   * reading, reject the competing ones" is one call. Every item belongs to documentId.
   */
  'review.decide': def(
    z.strictObject({
      documentId: RowId,
      reviewer: AnnotatorName,
      accept: z.strictObject({ item: ReviewItem, edit: ReviewEdit.optional() }).optional(),
      reject: z.array(ReviewItem).max(10_000).optional(),
      unreject: z.array(ReviewItem).max(10_000).optional(),
      /** Takes these items' readings out of gold (gold items of the same extent and label; a relation's ends by extent). */
      unaccept: z.array(ReviewItem).max(10_000).optional(),
    }),
    returns<DecideResult>(),
  ),
  /**
   * Marks the document's review done (refused while a disagreement is open), copying what every annotator agrees on
   * into gold first (`agreedCopied` items); or reopens it.
   */
  'review.done': def(z.strictObject({ documentId: RowId, reviewer: AnnotatorName, done: z.boolean() }), returns<ReviewData & { agreedCopied: number }>()),
  /**
   * Every review marked done whose annotators changed their layers since, most changed first (at most `limit`, default
   * 1000; `changedReviews` counts them all); with `documentIds`, only among those documents (the library asks for the
   * page it shows; `doneReviews` then counts the done reviews among them).
   */
  'review.changedSinceDone': def(
    z.strictObject({ limit: z.number().int().min(1).max(100_000).optional(), documentIds: z.array(RowId).max(1000).optional() }),
    returns<{ reviews: ChangedReview[]; changedReviews: number; doneReviews: number }>(),
  ),
  'review.setStatus': def(z.strictObject({ documentId: RowId, reviewer: AnnotatorName, status: ReviewStatus }), returns<{ status: ReviewStatus }>()),
}
