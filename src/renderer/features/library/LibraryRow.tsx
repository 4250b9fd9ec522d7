import type { LibraryEntry } from '../../../shared/api/methods/documents'
import { documentHref } from '../../app/useHashRoute'
import { ReviewBadge } from '../../components/ReviewBadge'
import { reviewHref } from '../../app/reviewRoute'
import { Highlighted } from './Highlighted'
import { reviewable } from './reviewable'
import { StatusBadge } from '../../components/StatusBadge'
import { IdText } from '../../components/IdText'


// Made on first use: a page's first Intl object loads ICU's data (10-50 ms measured), and this module is in the first
// script of every start, a document's too.
let dateFormat: Intl.DateTimeFormat | undefined
const formatDate = (d: Date) => (dateFormat ??= new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })).format(d)

function Layers({ d }: { d: LibraryEntry }) {
  const title = `${d.layerCount} annotator ${d.layerCount === 1 ? 'layer' : 'layers'}${d.hasGold ? ' and a gold layer' : ''}`
  return (
    <span className="layers" title={title} data-testid="layer-count" data-layers={d.layerCount} data-gold={d.hasGold}>
      <span className="layer-dots" aria-hidden>
        {Array.from({ length: Math.min(d.layerCount, 4) }, (_, i) => (
          <i key={i} />
        ))}
      </span>
      <span className="layer-n">{d.layerCount || '—'}</span>
      {d.hasGold && <span className="gold-pill">gold</span>}
    </span>
  )
}

/** A done review whose annotators changed their layers since: still done (gold is frozen), but no longer what it compared. */
function ChangedSinceDone({ n }: { n: number }) {
  const title = `Review done, but annotators changed it since: ${n} ${n === 1 ? 'item differs' : 'items differ'} now. Gold and its export stay as they were at the finish; reopen the review to take the changes in.`
  return (
    <span className="status review-changed-since" title={title} data-testid="changed-since-done" data-changed={n}>
      Changed since done · {n}
    </span>
  )
}

/**
 * `changedSinceDone`: on a done review, the items that differ now (review.changedSinceDone, asked per page).
 * `showLength`: the Characters column is shown (a narrow table leaves it out).
 */
export function LibraryRow({ d, height, changedSinceDone, showLength = true }: { d: LibraryEntry; height: number; changedSinceDone?: number; showLength?: boolean }) {
  const m = d.match
  return (
    <tr
      data-document={d.externalId}
      data-status={d.status}
      style={{ height }}
      onClick={() => (window.location.hash = documentHref(d.externalId))}
    >
      <td className="title-cell">
        {d.assigned && (
          <span className="assigned-pill" data-testid="assigned-to-me" title="A team admin assigned this document to you">
            assigned
          </span>
        )}
        <a href={documentHref(d.externalId)} className="doc-title">
          {m?.title ? <Highlighted marked={m.title} /> : d.title}
        </a>
        {m?.text && (
          <div className="snippet" data-testid="snippet">
            <Highlighted marked={m.text} />
          </div>
        )}
      </td>
      <td className="mono muted id-cell" title={d.externalId} data-testid="document-id">
        <IdText id={d.externalId} marked={!!m?.id} />
      </td>
      {showLength && <td className="num">{d.length.toLocaleString()}</td>}
      <td className="num" data-testid="span-count">
        {d.spanCount}
      </td>
      <td className="num" data-testid="relation-count">
        {d.relationCount}
      </td>
      <td>
        <Layers d={d} />
      </td>
      <td>
        <StatusBadge status={d.status} />
        {d.updatedAt && <div className="updated muted">{formatDate(new Date(d.updatedAt))}</div>}
      </td>
      <td className="review-cell" data-testid="review-status" data-review-status={d.reviewStatus} data-changed-since-done={changedSinceDone || undefined}>
        {reviewable(d) ? (
          <span className="review-line">
            {d.reviewStatus === 'adjudicated' && changedSinceDone ? <ChangedSinceDone n={changedSinceDone} /> : <ReviewBadge status={d.reviewStatus} />}{' '}
            <a className="review-link" href={reviewHref(d.externalId)} onClick={(e) => e.stopPropagation()}>
              Review
            </a>
          </span>
        ) : (
          <span className="muted nothing-to-review" title="Review compares layers: this document needs a second annotator's layer first">
            {d.layerCount === 1 ? 'One layer' : 'Not annotated'}
          </span>
        )}
      </td>
    </tr>
  )
}

export function SkeletonRow({ height, columns = 8 }: { height: number; columns?: number }) {
  return (
    <tr className="skeleton" style={{ height }} aria-hidden>
      <td colSpan={columns}>
        <span className="bar" />
      </td>
    </tr>
  )
}
