import { useEffect, useState } from 'react'
import type { SuggestionRow } from '../../../shared/recommend/report'
import { call, newRequestId } from '../../api/client'
import { RECOMMENDERS_HREF } from './recommendersRoute'
import type { Suggestions } from './useSuggestions'
import './suggestions.css'

/**
 * The strip under the article (docked: it never covers text): how many suggestions are offered, the keys that
 * act on them, "Accept all…" (which asks first), and in plain words any
 * recommender that could not answer (its server down, slow or talking garbage).
 */
export function SuggestionBar(props: { suggestions: Suggestions }) {
  const { offered, report, failure, acceptAll, wholeDocument, nearby, asking, stopped, cancelAsking } = props.suggestions
  const [confirming, setConfirming] = useState(false)
  const problems = report?.problems ?? []
  if (!offered.length && !problems.length && !failure && !asking && !stopped) return null
  return (
    <div className="sg-bar" data-testid="suggestion-bar">
      {offered.length > 0 && (
        <>
          <span className="sg-bar-count" data-testid="suggestion-count">
            <span className="sg-bar-swatch" aria-hidden />
            {offered.length} {offered.length === 1 ? 'suggestion' : 'suggestions'}
            {nearby ? ' near here' : ''}
          </span>
          <span className="sg-bar-keys muted">
            <kbd>]</kbd> next · <kbd>Enter</kbd> accept · <kbd>x</kbd> reject
          </span>
          <button type="button" className="btn sg-bar-all" onClick={() => setConfirming(true)} data-testid="accept-all-suggestions">
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
        <span className="sg-bar-asking muted" role="status" data-testid="suggestions-asking">
          Asking the recommenders…{' '}
          <button type="button" className="btn" onClick={cancelAsking} data-testid="cancel-suggestions">
            Cancel
          </button>
        </span>
      )}
      {stopped && !asking && (
        <span className="sg-bar-asking muted" role="status" data-testid="suggestions-stopped">
          Stopped asking the recommenders; the next change to your spans asks again.
        </span>
      )}
      {confirming && (
        <AcceptAllDialog
          load={wholeDocument}
          onCancel={() => setConfirming(false)}
          onConfirm={(items) => {
            setConfirming(false)
            void acceptAll(items)
          }}
        />
      )}
    </div>
  )
}

/** "Accept all in this document" asks first, with the count per label (a big document's are counted first). */
function AcceptAllDialog(props: { load: (runId: string) => Promise<SuggestionRow[]>; onConfirm: (items: SuggestionRow[]) => void; onCancel: () => void }) {
  const [items, setItems] = useState<SuggestionRow[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { load } = props
  useEffect(() => {
    let live = true
    let counting = true
    const runId = newRequestId()
    load(runId)
      .then(
        (x) => live && setItems(x),
        (e: Error) => live && setError(e.message),
      )
      .finally(() => (counting = false))
    return () => {
      live = false
      // Cancel while counting: the whole document's request is stopped, not left to a slow model server.
      if (counting) void call('recommend.cancel', { runId }).catch(() => undefined)
    }
  }, [load])
  const n = Math.min(items?.length ?? 0, 5000)
  const perLabel = new Map<string, number>()
  for (const s of (items ?? []).slice(0, n)) perLabel.set(s.label, (perLabel.get(s.label) ?? 0) + 1)
  if (!items)
    return (
      <div className="sg-modal-backdrop" onClick={props.onCancel}>
        <div className="sg-modal" role="dialog" aria-label="Accept all suggestions" aria-modal="true" onClick={(e) => e.stopPropagation()}>
          <p className={error ? 'sg-modal-error' : 'muted'}>{error ? `The suggestions could not be counted: ${error}` : 'Counting the suggestions in the whole document…'}</p>
          <div className="sg-modal-actions">
            <button type="button" className="btn" onClick={props.onCancel} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      </div>
    )
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
          <button type="button" className="btn btn-primary" onClick={() => props.onConfirm(items)} disabled={n === 0} autoFocus data-testid="confirm-accept-all">
            Accept {n}
          </button>
        </div>
      </div>
    </div>
  )
}
