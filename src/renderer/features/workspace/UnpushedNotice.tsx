import type { WorkspaceBackup } from '../../../shared/api/methods/workspace'
import { formatWhen, unpushedWords } from './backupFormat'

interface Props {
  unpushed: { layers: number; goldItems: number }
  /** The copy the restore kept of the replaced state, as listed below; null if it is not a listed backup. */
  kept: WorkspaceBackup | null
  onRestoreKept: (kept: WorkspaceBackup) => void
  onDismiss: () => void
}

/**
 * After a restore in a team: the replaced workspace had changes its team has not received. They are not lost (the
 * copy the restore kept holds them, and pushes them once it is restored in turn), but the restored workspace lacks
 * them, and a person who does not know would think them gone.
 */
export function UnpushedNotice({ unpushed, kept, onRestoreKept, onDismiss }: Props) {
  return (
    <div className="ws-notice ws-notice-warn ws-unpushed" role="status" data-testid="unpushed-notice">
      <div className="ws-unpushed-body">
        <strong>
          The workspace you replaced had changes to {unpushedWords(unpushed)} that were not yet pushed to your team.
        </strong>
        <p>
          They are not lost: they are in the copy kept before the restore
          {kept ? (
            <>
              {' '}
              (“Before restore”, {formatWhen(kept.createdAt)}, marked in the list below)
            </>
          ) : null}
          . The restored workspace does not have them. To bring them back, restore that copy from this screen, then sync with your team to push them.
        </p>
      </div>
      {kept && (
        <button type="button" className="btn ws-unpushed-restore" onClick={() => onRestoreKept(kept)} data-testid="restore-kept-copy">
          Restore the kept copy…
        </button>
      )}
      <button type="button" className="ws-notice-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}
