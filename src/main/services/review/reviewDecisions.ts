import { AppError } from '../../../shared/api/errors'
import type { DecideResult, ReviewData, ReviewEdit, ReviewItem } from '../../../shared/api/methods/review'
import { REVIEW_DONE } from '../../store/goldStore'
import type { Store } from '../../store/store'
import { takeOutOfGold } from './goldTakeOut'
import { acceptItem, premerge, requireReviewOpen, reviewData } from './reviewService'

function documentOf(store: Store, item: ReviewItem): number {
  const found = item.kind === 'span' ? store.spans.byId(item.id) : store.relations.byId(item.id)
  if (!found) throw new AppError('not_found', `no ${item.kind} with id ${item.id}`)
  if (found.annotator === 'gold') throw new AppError('bad_request', `${item.kind} ${item.id} is in the gold layer: only annotators' items are decided`)
  return found.documentId
}

/**
 * One reviewer decision on a document, in one transaction: accept an item
 * (as is or edited), reject items (every annotator's item of a reading), or
 * take rejections back. "Accept this reading, reject the competing ones" is
 * one call. Every item must belong to the named document.
 */
export function decide(
  store: Store,
  a: { documentId: number; reviewer: string; accept?: { item: ReviewItem; edit?: ReviewEdit }; reject?: ReviewItem[]; unreject?: ReviewItem[]; unaccept?: ReviewItem[] },
): DecideResult {
  const created = store.transaction(() => {
    if (!store.documents.byId(a.documentId)) throw new AppError('not_found', `no document with id ${a.documentId}`)
    requireReviewOpen(store, a.documentId)
    const items = [...(a.accept ? [a.accept.item] : []), ...(a.reject ?? []), ...(a.unreject ?? []), ...(a.unaccept ?? [])]
    if (!items.length) throw new AppError('bad_request', 'a decision needs an item to accept, reject, unreject or unaccept')
    for (const item of items) {
      const doc = documentOf(store, item)
      if (doc !== a.documentId) throw new AppError('bad_request', `${item.kind} ${item.id} belongs to another document (id ${doc}), not ${a.documentId}`)
    }
    const review = store.gold
    for (const item of a.unreject ?? []) review.unreject(item.kind, item.id)
    // A reading gold holds leaves gold (reopened to take an annotator's deletion in, say), then is rejected as asked.
    takeOutOfGold(store, a.documentId, a.unaccept ?? [], a.reviewer)
    for (const item of a.reject ?? []) review.reject(a.documentId, item.kind, item.id, a.reviewer)
    if (a.reject?.length && review.status(a.documentId) === 'unreviewed') review.setStatus(a.documentId, 'in_review', a.reviewer)
    return a.accept ? acceptItem(store, { reviewer: a.reviewer, item: a.accept.item, edit: a.accept.edit }).created : { spans: [], relations: [] }
  })
  return { created, review: reviewData(store, { documentId: a.documentId }) }
}

/**
 * Marks the review done (or reopens it). Done needs every disagreement
 * decided, so a review with open readings is never exported as gold by
 * mistake; and it copies into gold what every annotator agrees on (a pre-merge
 * of all, one undoable entry), since agreed items are no disagreement to
 * decide and a gold layer without them would teach a model they are "outside".
 */
export function markReviewDone(store: Store, a: { documentId: number; reviewer: string; done: boolean }): ReviewData & { agreedCopied: number } {
  const agreedCopied = store.transaction(() => {
    const data = reviewData(store, { documentId: a.documentId })
    if (a.done && data.open > 0) {
      throw new AppError('conflict', `document ${data.document.externalId} still has ${data.open} open disagreement${data.open === 1 ? '' : 's'}: accept or reject every reading before marking the review done`)
    }
    if (a.done && data.status === REVIEW_DONE) return 0
    const copied = a.done && data.layers.length ? premerge(store, { documentId: a.documentId, reviewer: a.reviewer }) : null
    store.gold.setStatus(a.documentId, a.done ? REVIEW_DONE : 'in_review', a.reviewer)
    return copied ? copied.spans + copied.relations : 0
  })
  return { ...reviewData(store, { documentId: a.documentId }), agreedCopied }
}

/** Whether the document's review is marked done (what `export --gold` writes by default). */
export function isReviewDone(store: Store, documentId: number): boolean {
  return store.gold.isReviewDone(documentId)
}
