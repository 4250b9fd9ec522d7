import type { ChangedReview } from '../../../shared/api/methods/review'
import type { Store } from '../../store/store'
import { changedAmongDone } from '../reviewReading'

/**
 * The reviews marked done whose annotators changed their layers since (see shared/review/changedSinceDone.ts), for the
 * agreement dashboard, `spanwright review status` and the library's page (`documentIds`). Reads each done review's layers once: done reviews are the
 * reviewed part of a workspace, not its whole library.
 */
export function changedReviews(store: Store, a: { limit?: number; documentIds?: number[] } = {}): { reviews: ChangedReview[]; changedReviews: number; doneReviews: number } {
  // The library asks for the done reviews of the page it shows (at most a page's ids), never the whole workspace's.
  const done = a.documentIds ? [...new Set(a.documentIds)].filter((id) => store.gold.isReviewDone(id)) : [...store.gold.reviewDoneIds()]
  const reviews: ChangedReview[] = changedAmongDone(store, done).map(({ documentId, changed }) => {
    const d = store.documents.byId(documentId)!
    return { documentId, externalId: d.externalId, title: d.title, changed }
  })
  reviews.sort((x, y) => y.changed - x.changed || x.externalId.localeCompare(y.externalId))
  return { reviews: reviews.slice(0, a.limit ?? 1000), changedReviews: reviews.length, doneReviews: done.length }
}
