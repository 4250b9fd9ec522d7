import type { LibraryEntry } from '../../../shared/api/methods/documents'
import { call } from '../../api/client'

/** The review status a review marked done has (the store's 'adjudicated'). */
const DONE = 'adjudicated'

/**
 * Which of a page's done reviews annotators changed since (review.changedSinceDone, asked once per page and only for
 * its done rows, and again for the visible rows, read afresh, when the library is shown again): the count needs the layers kept at
 * each review's finish, which no list query gives, so the rows paint first and the badges follow. `into` maps a
 * document id to the items that differ now (0: unchanged).
 */
export async function askChangedSinceDone(rows: LibraryEntry[], into: Map<number, number>): Promise<boolean> {
  const done = rows.filter((d) => d.reviewStatus === DONE).map((d) => d.id)
  if (!done.length) return false
  const { reviews } = await call('review.changedSinceDone', { documentIds: done, limit: done.length })
  const changed = new Map(reviews.map((r) => [r.documentId, r.changed]))
  for (const id of done) into.set(id, changed.get(id) ?? 0)
  return reviews.length > 0
}
