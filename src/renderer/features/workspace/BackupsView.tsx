import { useCallback, useEffect, useState } from 'react'
import type { BackupSettingsPatch, RestoreOutcome, WorkspaceBackup, WorkspaceSettings } from '../../../shared/api/methods/workspace'
import { call } from '../../api/client'
import { desktopCall, isDesktop } from '../../api/desktop'
import { BackupSettingsForm } from './BackupSettingsForm'
import { baseName, formatAgo, formatBytes, formatWhen, reasonLabel, unpushedWords } from './backupFormat'
import { RestoreDialog } from './RestoreDialog'
import { UnpushedNotice } from './UnpushedNotice'
import './workspace.css'

interface Props {
  /** Tells the app the workspace was replaced, so it reloads its session, labels and documents. */
  onRestored: () => void
}

type Notice = { kind: 'ok' | 'error'; text: string }
/** What the last restore replaced and had not pushed to its team, and the listed copy that holds it. */
type Kept = { backup: WorkspaceBackup | null; unpushed: { layers: number; goldItems: number } }

/** The backups screen (#/workspace): where the workspace is, how it is backed up, and every backup to restore. */
export function BackupsView({ onRestored }: Props) {
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null)
  const [backups, setBackups] = useState<WorkspaceBackup[] | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [backingUp, setBackingUp] = useState(false)
  const [restoring, setRestoring] = useState<WorkspaceBackup | null>(null)
  const [restoreBusy, setRestoreBusy] = useState(false)
  const [restoreError, setRestoreError] = useState<string | null>(null)
  const [kept, setKept] = useState<Kept | null>(null)

  const reload = useCallback(async () => {
    const [s, b] = await Promise.all([call('workspace.settings', {}), call('workspace.backups.list', {})])
    setSettings(s)
    setBackups(b)
  }, [])

  useEffect(() => {
    reload().catch((e: Error) => setNotice({ kind: 'error', text: e.message }))
  }, [reload])

  const backUpNow = async () => {
    setBackingUp(true)
    try {
      const made = await call('workspace.backup', {})
      setNotice({ kind: 'ok', text: `Backed up to ${made.name}` })
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message })
    } finally {
      setBackingUp(false)
      await reload().catch(() => undefined)
    }
  }

  const saveSettings = async (patch: BackupSettingsPatch) => {
    try {
      setSettings(await call('workspace.updateSettings', patch))
      setNotice({ kind: 'ok', text: 'Backup settings saved' })
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message })
    }
  }

  const restore = async () => {
    if (!restoring) return
    setRestoreBusy(true)
    setRestoreError(null)
    try {
      const outcome: RestoreOutcome = await call('workspace.restore', { name: restoring.name })
      setRestoring(null)
      setKept(outcome.unpushed ? { backup: outcome.previousBackup, unpushed: outcome.unpushed } : null)
      setNotice({
        kind: 'ok',
        text:
          `Restored the backup from ${formatWhen(outcome.restoredFrom.createdAt)}.` +
          (outcome.previous ? ` The state it replaced is kept as ${baseName(outcome.previous)}.` : ''),
      })
      onRestored()
    } catch (e) {
      // The dialog stays open with the server's reason; the workspace was left as it was.
      setRestoreError((e as Error).message)
    } finally {
      setRestoreBusy(false)
      await reload().catch(() => undefined)
    }
  }

  return (
    <div className="ws-page" data-testid="backups-view">
      <div className="ws-head">
        <div>
          <h1>Workspace &amp; backups</h1>
          <p className="muted">Backups are whole copies of the workspace, taken while you work. Restoring one never loses the current state.</p>
        </div>
        <button type="button" className="btn btn-primary ws-backup-now" onClick={backUpNow} disabled={backingUp || !settings} data-testid="backup-now">
          {backingUp ? 'Backing up…' : 'Back up now'}
        </button>
      </div>

      {notice && (
        <div className={`ws-notice ws-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="workspace-notice">
          <span>{notice.text}</span>
          <button type="button" className="ws-notice-close" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {kept && (
        <UnpushedNotice
          unpushed={kept.unpushed}
          kept={kept.backup}
          onDismiss={() => setKept(null)}
          onRestoreKept={(b) => {
            setRestoreError(null)
            setRestoring(b)
          }}
        />
      )}

      <div className="ws-grid">
        <section className="ws-card">
          <h2>Workspace file</h2>
          {settings ? (
            <dl className="ws-paths">
              <dt>File</dt>
              <dd>
                <code data-testid="workspace-path">{settings.file}</code>
              </dd>
              <dt>Backups</dt>
              <dd>
                <code>{settings.backupsDir}</code>
              </dd>
              <dt>Latest</dt>
              <dd className="ws-latest" data-testid="latest-backup">
                {backups?.[0] ? (
                  <>
                    <strong>{formatAgo(backups[0].createdAt)}</strong>
                    <span className="muted">
                      {reasonLabel(backups[0].reason).toLowerCase()} · {formatBytes(backups[0].bytes)}
                    </span>
                  </>
                ) : (
                  <span className="muted">none yet</span>
                )}
              </dd>
            </dl>
          ) : (
            <p className="muted">Loading…</p>
          )}
        </section>
        <section className="ws-card">
          <h2>Rolling backups</h2>
          {settings ? <BackupSettingsForm settings={settings} onSave={saveSettings} /> : <p className="muted">Loading…</p>}
        </section>
      </div>

      <section className="ws-card ws-list-card">
        <div className="ws-list-head">
          <h2>Backups</h2>
          {backups && <span className="muted">{backups.length === 1 ? '1 backup' : `${backups.length} backups`}, newest first</span>}
        </div>
        {backups && backups.length === 0 ? (
          <div className="ws-empty">
            <p>No backups yet.</p>
            <p className="muted">One is taken every few minutes while you annotate, before every import and upgrade, and whenever you press “Back up now”.</p>
          </div>
        ) : (
          <table className="ws-table" data-testid="backup-list">
            <thead>
              <tr>
                <th>Taken</th>
                <th>Reason</th>
                <th className="num">Size</th>
                <th className="ws-col-action" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {(backups ?? []).map((b) => (
                <tr
                  key={b.name}
                  data-testid="backup-row"
                  data-reason={b.reason}
                  title={b.name}
                  className={kept?.backup?.name === b.name ? 'ws-row-kept' : undefined}
                >
                  <td>
                    <div className="ws-when">{formatWhen(b.createdAt)}</div>
                    <div className="ws-ago">{formatAgo(b.createdAt)}</div>
                  </td>
                  <td>
                    <span className={`ws-reason ws-reason-${b.reason}`}>{reasonLabel(b.reason)}</span>
                    {kept?.backup?.name === b.name && (
                      <span className="ws-kept-pill" data-testid="kept-unpushed">
                        holds {unpushedWords(kept.unpushed)} not pushed
                      </span>
                    )}
                  </td>
                  <td className="num">{formatBytes(b.bytes)}</td>
                  <td className="ws-col-action">
                    <button
                      type="button"
                      className="btn ws-restore"
                      onClick={() => {
                        setRestoreError(null)
                        setRestoring(b)
                      }}
                      data-testid="restore-backup"
                    >
                      Restore…
                    </button>
                    {isDesktop() && (
                      <button type="button" className="btn" onClick={() => void desktopCall('desktop.showInFolder', { path: b.path }).catch(() => undefined)}>
                        Show in folder
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {restoring && <RestoreDialog backup={restoring} busy={restoreBusy} error={restoreError} onConfirm={restore} onCancel={() => setRestoring(null)} />}
    </div>
  )
}
