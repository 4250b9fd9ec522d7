import type { ChangedReview } from '../../../shared/api/methods/review'
import type { Store } from '../../store/store'
import { reviewData } from './reviewService'

/**
 * The reviews marked done whose annotators changed their layers since (see shared/review/changedSinceDone.ts), for the
 * agreement dashboard and `spanwright review status`. Reads each done review's layers once: done reviews are the
 * reviewed part of a workspace, not its whole library.
 */
export function changedReviews(store: Store, a: { limit?: number } = {}): { reviews: ChangedReview[]; doneReviews: number } {
  const done = [...store.gold.reviewDoneIds()]
  const reviews: ChangedReview[] = []
  for (const documentId of done) {
    const data = reviewData(store, { documentId })
    if (data.changedSinceDone > 0) reviews.push({ documentId, externalId: data.document.externalId, title: data.document.title, changed: data.changedSinceDone })
  }
  reviews.sort((x, y) => y.changed - x.changed || x.externalId.localeCompare(y.externalId))
  return { reviews: reviews.slice(0, a.limit ?? 1000), doneReviews: done.length }
}
