import type { ReviewStatus } from '../../shared/api/methods/review'
import './ReviewBadge.css'

export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = { unreviewed: 'Unreviewed', in_review: 'In review', adjudicated: 'Review done' }

/** A document's review status, as the library and the review view show it. */
export function ReviewBadge({ status }: { status: ReviewStatus }) {
  return <span className={`status review-${status}`}>{REVIEW_STATUS_LABEL[status]}</span>
}
