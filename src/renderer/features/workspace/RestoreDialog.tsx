import { useEffect, useRef } from 'react'
import type { WorkspaceBackup } from '../../../shared/api/methods/workspace'
import { formatAgo, formatWhen, reasonLabel } from './backupFormat'

interface Props {
  backup: WorkspaceBackup
  busy: boolean
  error: string | null
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before a restore, saying exactly what happens: the current state is backed up first, then replaced. */
export function RestoreDialog({ backup, busy, error, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="ws-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onCancel()}>
      <div className="ws-dialog" role="dialog" aria-modal="true" aria-labelledby="restore-title" onKeyDown={(e) => e.key === 'Escape' && !busy && onCancel()}>
        <h3 id="restore-title">Restore this backup?</h3>
        <div className="ws-dialog-backup">
          <span className={`ws-reason ws-reason-${backup.reason}`}>{reasonLabel(backup.reason)}</span>
          <strong>{formatWhen(backup.createdAt)}</strong>
          <span className="muted">{formatAgo(backup.createdAt)}</span>
        </div>
        <ol className="ws-steps" data-testid="restore-explanation">
          <li>
            Your workspace as it is now is <strong>backed up first</strong> (listed as “Before restore”), so nothing is lost and you can come back to it.
          </li>
          <li>The workspace is then replaced by this backup: annotations made after {formatWhen(backup.createdAt)} will not be in it.</li>
          <li>The app reloads its documents and labels from the restored workspace.</li>
        </ol>
        {error && (
          <p className="ws-error" role="alert">
            {error}
          </p>
        )}
        <div className="ws-dialog-actions">
          <button ref={cancel} type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy} data-testid="confirm-restore">
            {busy ? 'Restoring…' : 'Back up current state and restore'}
          </button>
        </div>
      </div>
    </div>
  )
}
