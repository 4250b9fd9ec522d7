import { useState } from 'react'
import type { FormEvent } from 'react'
import { AUTO_SYNC_SECONDS } from '../../../shared/api/methods/team'
import type { TeamSyncState } from '../../../shared/api/methods/team'
import { call } from '../../api/client'
import { AUTO_SYNC_CHOICES, autoSyncLabel } from './teamFormat'

interface Props {
  state: TeamSyncState
  /** Browser mode: no OS keychain, so the password lives in the server process's memory only. */
  browserMode: boolean
  onConnected(s: TeamSyncState): void
}

/** Connect by address and password; the address is remembered by the workspace, the password never is. */
export function ConnectForm({ state, browserMode, onConnected }: Props) {
  const [server, setServer] = useState(state.where ?? '')
  const [password, setPassword] = useState('')
  const [seconds, setSeconds] = useState<number | null>(state.autoSyncSeconds ?? AUTO_SYNC_SECONDS.default)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      // The server's address may be a whole URL with the password in it (what `team add-annotator` prints).
      onConnected(await call('team.connect', { server: state.where && server === state.where && state.server ? state.server : server, password, autoSyncSeconds: seconds }))
      setPassword('')
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="team-card team-connect" onSubmit={submit} data-testid="team-connect">
      <h2>Connect to the team server</h2>
      <p className="muted team-lead">
        {state.server
          ? `This workspace syncs with ${state.where}. Enter the password to sync again.`
          : 'Your admin gave you a connection address (spanwright team add-annotator prints it). You annotate under that name.'}
      </p>
      <label className="team-field">
        <span>Server</span>
        <input
          type="text"
          value={server}
          onChange={(e) => setServer(e.target.value)}
          placeholder="user@host:5432/database"
          spellCheck={false}
          autoComplete="off"
          aria-label="Team server address"
          required
        />
      </label>
      <label className="team-field">
        <span>Password</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" aria-label="Password" />
      </label>
      <label className="team-field">
        <span>Sync</span>
        <select value={seconds ?? 'off'} onChange={(e) => setSeconds(e.target.value === 'off' ? null : Number(e.target.value))} aria-label="Automatic sync">
          {AUTO_SYNC_CHOICES.map((s) => (
            <option key={s ?? 'off'} value={s ?? 'off'}>
              {autoSyncLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="team-error" role="alert" data-testid="team-connect-error">
          {error}
        </p>
      )}
      <div className="team-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !server.trim()} data-testid="team-connect-button">
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      <p className="team-keychain muted" data-testid="team-password-note">
        <KeyIcon />
        {browserMode
          ? 'Browser mode has no OS keychain: the password is kept in the memory of this Spanwright server process only, never on disk, and asked again after a restart.'
          : 'The password is encrypted with your OS keychain and kept in your config folder, never in the workspace.'}
      </p>
    </form>
  )
}

function KeyIcon() {
  return (
    <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden>
      <circle cx="5" cy="8" r="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 8h7M12.5 8v2.5M14.5 8v2" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  )
}
