import type { Candidate, Disagreement } from './mergedModel'

const DIFFERENCE_TEXT: Record<Disagreement['difference'], string> = {
  label: 'Same extent, different labels',
  boundary: 'Different boundaries',
  missing: 'Missing in some layers',
}

function quote(text: string, s: { start: number; end: number }): string {
  const t = text.slice(s.start, s.end)
  return `“${t.length > 48 ? `${t.slice(0, 47)}…` : t}”`
}

/** The current disagreement: who labelled what, and the reviewer's actions on each annotator's item. */
export function DisagreementCard(props: {
  here: Disagreement | undefined
  index: number
  total: number
  chosen: number
  text: string
  colors: Record<string, string>
  onChoose: (i: number) => void
  onAccept: (c: Candidate) => void
  onReject: (c: Candidate) => void
  onEdit: (c: Candidate) => void
  onStep: (delta: number) => void
}) {
  const { here, text } = props
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
            <span className={`diff-kind diff-${here.difference}`}>{here.difference}</span> {DIFFERENCE_TEXT[here.difference]}
            {here.resolved && <span className="done-mark"> ✓ in gold</span>}
          </div>
          <ul className="candidates">
            {here.candidates.map((c, i) => (
              <li
                key={`${c.kind}${c.id}`}
                className={`${i === props.chosen ? 'chosen' : ''} ${c.rejected ? 'rejected' : ''}`}
                onClick={() => props.onChoose(i)}
                data-testid="candidate"
              >
                <kbd>{i + 1}</kbd>
                <span className="cand-who">{c.annotator}</span>
                <span className="chip-label" style={{ ['--c' as string]: props.colors[c.label] ?? '#888' }}>
                  {c.label}
                </span>
                <span className="span-text">
                  {c.kind === 'relation' && c.head && c.tail ? `${quote(text, c.head)} → ${quote(text, c.tail)}` : quote(text, c)}
                </span>
                {c.inGold && <span className="done-mark" title="This item is in gold">✓</span>}
                {c.rejected && <span className="rejected-mark">rejected</span>}
                <span className="cand-actions">
                  <button className="btn btn-small btn-accept" onClick={() => props.onAccept(c)} title="Accept into gold (a)">
                    Accept
                  </button>
                  <button className="btn btn-small" onClick={() => props.onEdit(c)} title="Edit, then accept (e)">
                    Edit
                  </button>
                  <button className="btn btn-small btn-reject" onClick={() => props.onReject(c)} title="Reject (x)">
                    {c.rejected ? 'Unreject' : 'Reject'}
                  </button>
                </span>
              </li>
            ))}
            {here.missing.map((a) => (
              <li key={`missing-${a}`} className="missing">
                <span className="cand-who">{a}</span>
                <span className="muted">no annotation here</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
