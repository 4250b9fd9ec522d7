import type { ChangedReview } from '../../../shared/api/methods/review'
import type { Store } from '../../store/store'
import { changedSinceDone } from '../../../shared/review/changedSinceDone'
import { reviewData, sinceDone } from './reviewService'

/**
 * The reviews marked done whose annotators changed their layers since (see shared/review/changedSinceDone.ts), for the
 * agreement dashboard, `spanwright review status` and the library's page (`documentIds`). Reads each done review's layers once: done reviews are the
 * reviewed part of a workspace, not its whole library.
 */
export function changedReviews(store: Store, a: { limit?: number; documentIds?: number[] } = {}): { reviews: ChangedReview[]; doneReviews: number } {
  // The library asks for the done reviews of the page it shows (at most a page's ids), never the whole workspace's.
  const done = a.documentIds ? [...new Set(a.documentIds)].filter((id) => store.gold.isReviewDone(id)) : [...store.gold.reviewDoneIds()]
  const reviews: ChangedReview[] = changedAmongDone(store, done).map(({ documentId, changed }) => {
    const d = store.documents.byId(documentId)!
    return { documentId, externalId: d.externalId, title: d.title, changed }
  })
  reviews.sort((x, y) => y.changed - x.changed || x.externalId.localeCompare(y.externalId))
  return { reviews: reviews.slice(0, a.limit ?? 1000), doneReviews: done.length }
}

/**
 * The documents among these (each with a review marked done) whose annotators changed their layers since, with how
 * many items: what `spanwright review status`, the dashboard and the library list, and what a gold export warns of.
 */
export function changedAmongDone(store: Store, documentIds: Iterable<number>): { documentId: number; changed: number }[] {
  const out: { documentId: number; changed: number }[] = []
  for (const documentId of documentIds) {
    const changed = changedSinceDoneOf(store, documentId)
    if (changed > 0) out.push({ documentId, changed })
  }
  return out
}

/**
 * changedSinceDone of one document whose review is done, as reviewData says it, read without aligning its layers when
 * the workspace kept them at the finish (the common case; an export asks this of every done document it writes).
 */
export function changedSinceDoneOf(store: Store, documentId: number): number {
  const since = sinceDone(store, documentId)
  if (since?.taken === 'done') return changedSinceDone({ done: true, since, open: 0, agreedMissing: 0 })
  return reviewData(store, { documentId }).changedSinceDone
}
