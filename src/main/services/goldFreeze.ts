import { AppError } from '../../shared/api/errors'
import type { Store } from '../store/store'

/**
 * A review marked done is frozen: its gold layer is what a gold export writes, so every writer of that layer
 * (review decisions, span and relation edits, undo and redo) refuses a change until the review is reopened.
 * An annotator's own layer never depends on the review.
 */
export function requireReviewOpen(store: Store, documentId: number): void {
  if (!store.gold.isReviewDone(documentId)) return
  const doc = store.documents.byId(documentId)
  throw new AppError('conflict', `the review of document ${doc?.externalId ?? documentId} is marked done: reopen it to change its gold layer or decisions`)
}

/** `requireReviewOpen` when the layer is the gold layer (by annotator name); any other layer passes. */
export function requireLayerWritable(store: Store, documentId: number, annotator: string): void {
  if (!store.gold.isReviewDone(documentId)) return
  if (store.annotators.byName(annotator)?.kind === 'gold') requireReviewOpen(store, documentId)
}
