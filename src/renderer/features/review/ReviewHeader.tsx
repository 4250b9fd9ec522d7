import type { ReviewData } from '../../../shared/api/methods/review'
import { AGREEMENT_HREF } from '../../app/reviewRoute'
import { ReviewBadge } from '../../components/ReviewBadge'
import { countOf as plural } from '../../../shared/text/plural'

export type Mode = 'merged' | 'side'

interface Props {
  data: ReviewData
  reviewer: string
  mode: Mode
  onMode: (m: Mode) => void
  /** Disagreements with a reading not yet accepted or rejected. */
  open: number
  onUndoGold: () => void
  onPremerge: () => void
  onMarkDone: (done: boolean) => void
}

/**
 * The review's title line: the document and its layers, then the view switch, undo, pre-merge, the status and
 * Mark done / Reopen as one group, which moves to a second row when the title would get less than about 540 px.
 */
export function ReviewHeader({ data, reviewer, mode, onMode, open, onUndoGold, onPremerge, onMarkDone }: Props) {
  const n = data.layers.length
  const done = data.status === 'adjudicated'
  const canFinish = !done && open === 0 && n > 0
  return (
    <div className="annotate-head review-head">
      <a href={AGREEMENT_HREF} className="back" aria-label="Back to the agreement dashboard">
        ←
      </a>
      <div className="annotate-title review-title">
        <h1 title={data.document.title}>{data.document.title}</h1>
        <span className="mono muted">
          {data.document.externalId} · review by {reviewer} · {plural(n, 'layer')}: {data.layers.map((l) => l.annotator).join(', ') || 'none'}
        </span>
      </div>
      <div className="review-actions">
        <div className="segmented" role="group" aria-label="View">
          <button className={mode === 'merged' ? 'on' : ''} onClick={() => onMode('merged')} title="Merged (v)">
            Merged
          </button>
          <button className={mode === 'side' ? 'on' : ''} onClick={() => onMode('side')} title="Side by side (v)">
            Side by side
          </button>
        </div>
        <button className="btn" onClick={onUndoGold} title="Undo the last gold change (Ctrl+Z)" disabled={done}>
          ↶ Undo gold
        </button>
        <button className="btn" onClick={onPremerge} title="Pre-merge agreed items (m)" disabled={n === 0 || done}>
          Pre-merge…
        </button>
        <span data-testid="review-status" data-review-status={data.status}>
          <ReviewBadge status={data.status} />
        </span>
        {done ? (
          <button className="btn" onClick={() => onMarkDone(false)} title="Reopen the review">
            Reopen
          </button>
        ) : (
          <button
            className="btn btn-primary"
            onClick={() => onMarkDone(true)}
            disabled={!canFinish}
            title={canFinish ? 'Mark the review done (Shift+D)' : `${plural(open, 'disagreement')} still open: accept or reject every reading first`}
          >
            ✓ Mark review done
          </button>
        )}
      </div>
    </div>
  )
}
