import { useEffect, useState } from 'react'
import type { ChangedReview } from '../../../shared/api/methods/review'
import { call } from '../../api/client'
import { reviewHref } from '../../app/reviewRoute'

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/**
 * The dashboard's list of reviews marked done that annotators changed since (review.changedSinceDone): their gold
 * stays as the reviewer left it, so the list says where a reviewer may want to reopen. Nothing shows when none did.
 */
export function ChangedReviews() {
  const [reviews, setReviews] = useState<ChangedReview[]>([])
  useEffect(() => {
    let live = true
    call('review.changedSinceDone', {})
      .then((r) => live && setReviews(r.reviews))
      .catch(() => undefined) // the dashboard's figures do not depend on this list
    return () => {
      live = false
    }
  }, [])
  if (!reviews.length) return null
  return (
    <div className="review-changed review-changed--list" role="status" data-testid="changed-reviews">
      <div>
        <strong>{plural(reviews.length, 'review')} marked done, changed by annotators since</strong> (gold and its export stay as they were until reopened):
        <ul>
          {reviews.map((r) => (
            <li key={r.documentId}>
              <a href={reviewHref(r.externalId)}>{r.title || r.externalId}</a> <span className="mono muted">{r.externalId}</span> · {plural(r.changed, 'item')}{' '}
              {r.changed === 1 ? 'differs' : 'differ'} now
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
