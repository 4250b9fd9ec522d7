import { useEffect, useState } from 'react'
import type { ChangedReview } from '../../../shared/api/methods/review'
import { call } from '../../api/client'
import { reviewHref } from '../../app/reviewRoute'
import { whenShownAgain } from '../../components/whenShownAgain'
import { countOf as plural } from '../../../shared/text/plural'

/**
 * The dashboard's list of reviews marked done that annotators changed since (review.changedSinceDone): their gold
 * stays as the reviewer left it, so the list says where a reviewer may want to reopen. Nothing shows when none did.
 * Asked again each time the page is shown again (another window, the CLI or a sync may have changed a layer, or a
 * review been reopened, while the dashboard stayed open); a late answer never replaces a newer one.
 */
export function ChangedReviews() {
  const [reviews, setReviews] = useState<ChangedReview[]>([])
  useEffect(() => {
    let live = true
    let asked = 0
    const ask = () => {
      const mine = ++asked
      return call('review.changedSinceDone', {})
        .then((r) => live && mine === asked && setReviews(r.reviews))
        .catch(() => undefined) // the dashboard's figures do not depend on this list
    }
    void ask()
    const stop = whenShownAgain(async () => {
      await ask()
    })
    return () => {
      live = false
      stop()
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
