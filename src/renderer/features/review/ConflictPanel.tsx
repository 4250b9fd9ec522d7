import { useState } from 'react'
import type { ConflictResolution, TeamConflict } from '../../../shared/api/methods/conflicts'
import { call } from '../../api/client'
import './conflicts.css'
import { useDocumentConflicts } from './useDocumentConflicts'

function what(c: TeamConflict): string {
  if (!c.item) return `${c.annotator}'s layer`
  if (c.item.kind === 'rejection') return 'rejection'
  if (c.item.kind === 'review') return 'review status'
  return `gold ${c.item.kind}`
}

/**
 * The copies team sync kept aside for this document (a reviewer's gold edit
 * that lost a race, or a refused change), each with the server's version
 * (what the document now shows) beside this desktop's, and two buttons: keep
 * the server's, or take mine (pushed by the next sync as an ordinary
 * compare-and-set write). Shown only when there is something to resolve;
 * conflicts a background sync brings while the document is open appear too.
 * `onChanged`: the document may have changed under the view (a resolution,
 * or the sync that brought a new conflict).
 */
export function ConflictPanel(props: { documentId: number; onChanged: () => void }) {
  const { conflicts, error: loadError, load } = useDocumentConflicts(props.documentId, props.onChanged)
  const [resolveError, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<number | null>(null)
  const error = resolveError ?? loadError

  const resolve = (c: TeamConflict, keep: ConflictResolution) => {
    setBusy(c.id)
    call('conflicts.resolve', { id: c.id, keep })
      .then(() => (setError(null), load(), props.onChanged()))
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(null))
  }

  if (!conflicts.length && !error) return null
  return (
    <section className="conflict-panel" role="region" aria-label="Sync conflicts" data-testid="conflict-panel">
      <h2>
        Sync conflicts <span className="count">{conflicts.length}</span>
      </h2>
      {error && (
        <p className="conflict-error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {conflicts.map((c) => (
          <li key={c.id} data-testid="conflict" data-conflict-id={c.id}>
            <p className="conflict-what">
              {c.kind === 'refused' ? 'Refused' : 'Conflict'}: {what(c)} <span className="muted">#{c.id}</span>
            </p>
            <dl>
              <dt>Server (shown)</dt>
              <dd data-testid="conflict-theirs">{c.theirs ? c.theirs.summary : 'the server’s copy'}</dd>
              <dt>Mine (kept aside)</dt>
              <dd data-testid="conflict-mine">{c.mine.summary}</dd>
            </dl>
            <p className="conflict-reason muted">{c.reason}</p>
            <div className="conflict-actions">
              <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => resolve(c, 'server')}>
                Keep server’s
              </button>
              <button
                type="button"
                className="btn btn-small btn-accept"
                disabled={busy !== null || !c.canTakeMine}
                title={c.canTakeMine ? 'Put my version back; the next sync pushes it' : 'The server refused this change; it would refuse it again'}
                onClick={() => resolve(c, 'mine')}
              >
                Take mine
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
