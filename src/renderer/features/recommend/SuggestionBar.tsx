import { useState } from 'react'
import type { SuggestionRow } from '../../../shared/recommend/report'
import { RECOMMENDERS_HREF } from './recommendersRoute'
import type { Suggestions } from './useSuggestions'
import './suggestions.css'

/**
 * The strip above the article: how many suggestions are offered, the keys that
 * act on them, "Accept all…" (which asks first), and in plain words any
 * recommender that could not answer (its server down, slow or talking garbage).
 */
export function SuggestionBar(props: { suggestions: Suggestions }) {
  const { offered, report, failure, acceptAll } = props.suggestions
  const [asking, setAsking] = useState(false)
  const problems = report?.problems ?? []
  if (!offered.length && !problems.length && !failure) return null
  return (
    <div className="sg-bar" data-testid="suggestion-bar">
      {offered.length > 0 && (
        <>
          <span className="sg-bar-count" data-testid="suggestion-count">
            <span className="sg-bar-swatch" aria-hidden />
            {offered.length} {offered.length === 1 ? 'suggestion' : 'suggestions'}
          </span>
          <span className="sg-bar-keys muted">
            <kbd>]</kbd> next · <kbd>Enter</kbd> accept · <kbd>x</kbd> reject
          </span>
          <button type="button" className="btn sg-bar-all" onClick={() => setAsking(true)} data-testid="accept-all-suggestions">
            Accept all…
          </button>
        </>
      )}
      {(problems.length > 0 || failure) && (
        <span className="sg-bar-problem" role="status" data-testid="suggestion-problems">
          {failure ? `Suggestions are unavailable: ${failure}` : problems.map((p) => `${p.recommender}: ${p.message}`).join(' · ')}{' '}
          <a href={RECOMMENDERS_HREF}>Recommenders</a>
        </span>
      )}
      {asking && (
        <AcceptAllDialog
          items={offered}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false)
            void acceptAll()
          }}
        />
      )}
    </div>
  )
}

/** "Accept all in this document" asks first, with the count per label. */
function AcceptAllDialog(props: { items: SuggestionRow[]; onConfirm: () => void; onCancel: () => void }) {
  const n = Math.min(props.items.length, 5000)
  const perLabel = new Map<string, number>()
  for (const s of props.items.slice(0, n)) perLabel.set(s.label, (perLabel.get(s.label) ?? 0) + 1)
  return (
    <div className="sg-modal-backdrop" onClick={props.onCancel}>
      <div className="sg-modal" role="dialog" aria-label="Accept all suggestions" aria-modal="true" data-testid="accept-all-dialog" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
        <h1>
          Accept all {n} {n === 1 ? 'suggestion' : 'suggestions'} in this document?
        </h1>
        <p className="muted">Each becomes a span of your layer, remembering which recommender proposed it. One undo (Ctrl+Z) takes them all back.</p>
        <ul className="sg-modal-labels">
          {[...perLabel].map(([label, count]) => (
            <li key={label}>
              <span className="sg-modal-label">{label}</span> {count}
            </li>
          ))}
        </ul>
        <div className="sg-modal-actions">
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={props.onConfirm} autoFocus data-testid="confirm-accept-all">
            Accept {n}
          </button>
        </div>
      </div>
    </div>
  )
}
