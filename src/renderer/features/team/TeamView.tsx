import { useEffect, useState } from 'react'
import type { TeamProgress, TeamSyncState } from '../../../shared/api/methods/team'
import { call } from '../../api/client'
import { AssignPanel } from './AssignPanel'
import { ConnectForm } from './ConnectForm'
import { LeaveTeam } from './LeaveTeam'
import { ProgressTable } from './ProgressTable'
import { SyncPanel } from './SyncPanel'
import { statusLine } from './teamFormat'
import { useTeamState } from './useTeamState'
import './team.css'

interface Props {
  /** Browser mode (`spanwright serve`): no OS keychain, so the password is kept in memory only. */
  browserMode: boolean
  /** Connecting switches the annotator to the team name: the app reloads its session. */
  onSessionChanged(): void
}

/** The Team screen (#/team): connect to the team's PostgreSQL server, watch and run sync, see progress, assign documents. */
export function TeamView({ browserMode, onSessionChanged }: Props) {
  const { state, error, set, now } = useTeamState()
  const [progress, setProgress] = useState<TeamProgress | null>(null)
  const [progressError, setProgressError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const connected = !!state?.connected
  const syncedAt = state?.lastSyncAt ?? null

  // The server's counts, read again after every sync (and when the screen opens).
  useEffect(() => {
    if (!connected) return
    let live = true
    call('team.progress', {}).then(
      (p) => live && (setProgress(p), setProgressError(null)),
      (e: Error) => live && setProgressError(e.message),
    )
    return () => {
      live = false
    }
  }, [connected, syncedAt])

  if (!state) return <div className="app-loading">{error ?? 'Loading the team…'}</div>
  const line = statusLine(state, now)
  const connectedNow = (s: TeamSyncState) => {
    setNotice(null)
    set(s)
    onSessionChanged()
  }
  const left = (s: TeamSyncState, message: string) => {
    set(s)
    setNotice(message)
  }

  return (
    <div className="team-page" data-testid="team-view">
      <div className="team-head">
        <div>
          <h1>Team</h1>
          <p className={`team-status team-status-${line.tone}`} data-testid="team-status" role="status">
            <span className="team-dot" aria-hidden />
            {line.text}
          </p>
        </div>
        {state.connected && state.me && (
          <div className="team-who">
            <div>
              <span className="mono" data-testid="team-where">
                {state.where}
              </span>
              <div className="muted team-small">
                Annotating as <strong>{state.me.name}</strong>
                {state.me.admin ? ' · admin' : ''}
                {state.me.reviewer ? ' · reviewer' : ''} · password {state.passwordKept === 'keychain' ? 'in the OS keychain' : 'in memory only'}
              </div>
            </div>
            <button type="button" className="btn" onClick={() => void call('team.disconnect', {}).then(set, () => undefined)} data-testid="team-disconnect">
              Disconnect
            </button>
            <LeaveTeam state={state} onLeft={left} />
          </div>
        )}
        {!state.connected && state.server && <LeaveTeam state={state} onLeft={left} />}
      </div>
      {notice && (
        <p className="team-notice" role="status" data-testid="team-notice">
          {notice}
        </p>
      )}

      {!state.connected ? (
        <ConnectForm state={state} browserMode={browserMode} onConnected={connectedNow} />
      ) : (
        <>
          <SyncPanel state={state} now={now} onState={set} />
          <section className="team-card">
            <div className="team-card-head">
              <h2>Progress</h2>
              {progress && <span className="muted team-small">from {progress.where}</span>}
            </div>
            {progressError && <p className="team-error">{progressError}</p>}
            {progress ? <ProgressTable progress={progress} me={state.me?.name ?? null} /> : !progressError && <p className="muted">Asking the server…</p>}
          </section>
          {state.me?.admin && progress && <AssignPanel annotators={progress.annotators.map((a) => a.name)} onAssigned={set} />}
        </>
      )}
    </div>
  )
}
