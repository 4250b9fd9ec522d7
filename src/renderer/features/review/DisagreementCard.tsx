import { piecesOf } from '../../../shared/review/alignment'
import type { Disagreement, Reading } from './mergedModel'

const DIFFERENCE_TEXT: Record<Disagreement['difference'], string> = {
  label: 'Different labels',
  boundary: 'Different boundaries',
  missing: 'Not in every layer',
}

const STATE_TEXT: Record<Reading['state'], string> = { open: 'open', accepted: 'accepted', rejected: 'rejected' }

/** The words a reading labels: a discontinuous span's fragments joined by ' … ' (not the gap between them). */
function quote(text: string, s: { start: number; end: number; fragments?: readonly (readonly [number, number])[] | null }): string {
  const t = piecesOf(s)
    .map(([a, b]) => text.slice(a, b))
    .join(' … ')
  return `“${t.length > 48 ? `${t.slice(0, 47)}…` : t}”`
}

/**
 * The current disagreement: its distinct readings, each with the annotators
 * who gave it and whether it is decided, and the reviewer's actions on the
 * chosen one. Annotators with nothing here are listed last; rejecting every
 * reading of such a place settles it as "no annotation".
 */
export function DisagreementCard(props: {
  here: Disagreement | undefined
  index: number
  total: number
  chosen: number
  text: string
  colors: Record<string, string>
  marks: Map<string, string>
  /** The review is marked done: decisions are shown, not changed. */
  frozen: boolean
  onChoose: (i: number) => void
  onAccept: (r: Reading) => void
  onAcceptOnly: (r: Reading) => void
  onReject: (r: Reading) => void
  onEdit: (r: Reading) => void
  onStep: (delta: number) => void
}) {
  const { here, text } = props
  const decided = here ? here.readings.filter((r) => r.state !== 'open').length : 0
  const noAnnotation = !!here && here.missing.length > 0 && here.readings.every((r) => r.state === 'rejected')
  return (
    <div className="disagreement-card" data-testid="disagreement-card">
      <div className="card-head">
        <strong>{here ? `Disagreement ${props.index + 1} of ${props.total}` : props.total ? `${props.total} disagreements` : 'No disagreements'}</strong>
        <span className="card-nav">
          <button className="btn btn-small" onClick={() => props.onStep(-1)} disabled={!props.total} title="Previous (p)">
            ‹ p
          </button>
          <button className="btn btn-small" onClick={() => props.onStep(1)} disabled={!props.total} title="Next (n)">
            n ›
          </button>
        </span>
      </div>
      {!here ? (
        <p className="muted card-hint">
          Press <kbd>n</kbd> to go to the first disagreement, or click a dashed span.
        </p>
      ) : (
        <>
          <div className="card-where">
            <span className={`diff-kind diff-${here.difference}`}>{here.difference}</span>
            <span className="diff-text">{DIFFERENCE_TEXT[here.difference]}</span>
            <span className={`card-progress${here.resolved ? ' done' : ''}`} data-testid="card-progress">
              {here.resolved ? (noAnnotation ? '✓ no annotation' : '✓ decided') : `${decided} of ${here.readings.length} decided`}
            </span>
          </div>
          <ul className="candidates">
            {here.readings.map((r, i) => (
              <li
                key={r.key}
                className={`reading-${r.state}${i === props.chosen ? ' chosen' : ''}`}
                onClick={() => props.onChoose(i)}
                data-testid="candidate"
                data-state={r.state}
              >
                <kbd>{i + 1}</kbd>
                <span className="chip-label" style={{ ['--c' as string]: props.colors[r.label] ?? '#888' }}>
                  {r.label}
                </span>
                <span className="span-text">{r.kind === 'relation' && r.head && r.tail ? `${quote(text, r.head)} → ${quote(text, r.tail)}` : quote(text, r)}</span>
                <span className={`reading-state state-${r.state}`}>{STATE_TEXT[r.state]}</span>
                <span className="reading-who" title={r.annotators.join(', ')}>
                  {r.annotators.map((a) => (
                    <span key={a} className="who-chip">
                      <span className="who-mark">{props.marks.get(a)}</span>
                      {a}
                    </span>
                  ))}
                </span>
                {!props.frozen && (
                  <span className="cand-actions">
                    <button
                      className="btn btn-small btn-accept"
                      onClick={() => props.onAcceptOnly(r)}
                      title="Accept this reading and reject the others (Shift+A or Enter)"
                      disabled={r.state === 'accepted' && !here.readings.some((x) => x !== r && x.state === 'open')}
                    >
                      Accept only this
                    </button>
                    <button className="btn btn-small" onClick={() => props.onAccept(r)} title="Accept into gold (a)" disabled={r.state === 'accepted'}>
                      Accept
                    </button>
                    <button className="btn btn-small" onClick={() => props.onEdit(r)} title="Edit, then accept (e)">
                      Edit
                    </button>
                    <button className="btn btn-small btn-reject" onClick={() => props.onReject(r)} title={r.state === 'accepted' ? 'Take it out of gold and reject it (x)' : 'Reject (x)'}>
                      {r.state === 'rejected' ? 'Unreject' : 'Reject'}
                    </button>
                  </span>
                )}
              </li>
            ))}
            {here.missing.length > 0 && (
              <li className="missing">
                <span className="muted">
                  Nothing here: {here.missing.join(', ')}
                  {here.readings.length === 1 ? ' (reject the reading above to keep no annotation)' : ''}
                </span>
              </li>
            )}
          </ul>
        </>
      )}
    </div>
  )
}
