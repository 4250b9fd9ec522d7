import { useEffect, useRef, useState } from 'react'
import type { TeamSyncState } from '../../../shared/api/methods/team'
import { call } from '../../api/client'

interface Props {
  state: TeamSyncState
  onLeft(s: TeamSyncState, message: string): void
}

/**
 * "Leave team…": asks first, saying what stays and what goes, then stops
 * syncing (team.disconnect: the password is forgotten too) and leaves
 * (team.leave). Cancel is focused, so Enter on the dialog does not leave.
 */
export function LeaveTeam({ state, onLeft }: Props) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (asking) cancel.current?.focus()
  }, [asking])
  const close = () => {
    setAsking(false)
    setError(null)
  }
  const leave = async () => {
    setBusy(true)
    try {
      if (state.connected) await call('team.disconnect', {})
      const r = await call('team.leave', {})
      setAsking(false)
      onLeft(
        r.state,
        `Left the team${r.team ? ` at ${r.team}` : ''}. Your documents and annotations are still here.` +
          (r.unpushed ? ` ${r.unpushed} change${r.unpushed === 1 ? ' was' : 's were'} never sent: kept, and sent if you join this team again.` : ''),
      )
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" className="btn team-leave-btn" onClick={() => setAsking(true)} data-testid="team-leave">
        Leave team…
      </button>
      {asking && (
        <div className="team-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && close()}>
          <div className="team-modal" role="dialog" aria-modal="true" aria-labelledby="team-leave-title" onKeyDown={(e) => e.key === 'Escape' && !busy && close()} data-testid="team-leave-dialog">
            <h3 id="team-leave-title">Leave the team{state.where ? ` at ${state.where}` : ''}?</h3>
            <p>This workspace keeps its documents, annotations and gold, and the copies sync kept aside.</p>
            <p className="muted">
              It stops recording changes for sync, and forgets the server&apos;s address, the stored password and what it knew of the sync. Connecting to the same
              team later sends only what changed since.
            </p>
            {error && (
              <p className="team-error" role="alert">
                {error}
              </p>
            )}
            <div className="team-modal-actions">
              <button ref={cancel} type="button" className="btn" onClick={close} disabled={busy}>
                Cancel
              </button>
              <button type="button" className="btn team-danger" onClick={() => void leave()} disabled={busy} data-testid="team-leave-confirm">
                {busy ? 'Leaving…' : 'Leave team'}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  )
}
