import { useState } from 'react'
import type { TeamSyncState } from '../../../shared/api/methods/team'
import { NEW_TEAM_DATABASE_NOTE, OLDER_TEAM_DATABASE_NOTE, waitingSummary } from '../../../shared/team/changeLog'
import { call } from '../../api/client'
import { AUTO_SYNC_CHOICES, autoSyncLabel, failureHeadline, formatAgo } from './teamFormat'

interface Props {
  state: TeamSyncState
  now: number
  onState(s: TeamSyncState): void
}

/** Sync status: the counts that matter, Sync now, the interval, progress, and what the server refused and why. */
export function SyncPanel({ state, now, onState }: Props) {
  const [error, setError] = useState<string | null>(null)
  const run = (p: Promise<TeamSyncState>) =>
    p.then(
      (s) => {
        setError(null)
        onState(s)
      },
      (e: Error) => setError(e.message),
    )
  const r = state.lastResult
  return (
    <section className="team-card team-sync" data-testid="team-sync">
      <div className="team-card-head">
        <h2>Sync</h2>
        <div className="team-sync-actions">
          <label className="team-inline">
            <span className="muted">Automatic</span>
            <select
              value={state.autoSyncSeconds ?? 'off'}
              onChange={(e) => run(call('team.autoSync', { seconds: e.target.value === 'off' ? null : Number(e.target.value) }))}
              aria-label="Automatic sync"
              data-testid="team-auto-sync"
            >
              {[...new Set([...AUTO_SYNC_CHOICES, state.autoSyncSeconds])].map((s) => (
                <option key={s ?? 'off'} value={s ?? 'off'}>
                  {autoSyncLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" disabled={state.syncing} onClick={() => run(call('team.syncNow', {}))} data-testid="team-sync-now">
            {state.syncing ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
      </div>

      <div className="team-stats">
        <Stat label="Last sync" value={state.lastSyncAt ? formatAgo(state.lastSyncAt, now) : 'never'} title={state.lastSyncAt ?? undefined} testId="team-last-sync" />
        <Stat label="Pending changes" value={state.pending.toLocaleString()} testId="team-pending" warn={state.pending > 0} />
        <Stat label="Refused" value={String(state.problems.refused)} testId="team-refused" warn={state.problems.refused > 0} />
        <Stat label="Conflicts" value={String(state.problems.conflicts)} testId="team-conflicts" warn={state.problems.conflicts > 0} />
      </div>

      {state.waiting && (
        <p className="team-waiting muted" role="note" data-testid="team-waiting">
          {capitalized(waitingSummary(state.waiting) ?? '')}.
        </p>
      )}

      {state.syncing && state.progress && (
        <div className="team-progress" role="status" data-testid="team-progress">
          <span className="team-progress-bar" aria-hidden>
            <i />
          </span>
          <span>
            {state.progress.step}
            {state.progress.pendingAtStart > 0 ? ` · ${state.progress.pendingAtStart.toLocaleString()} changes to send` : ''} · step {state.progress.steps}
          </span>
        </div>
      )}
      {r && !state.syncing && (
        <p className="team-last muted" data-testid="team-last-result">
          Last sync: sent {r.pushed.toLocaleString()}, received {r.pulled.toLocaleString()}
          {r.refused ? `, ${r.refused} refused` : ''}
          {r.conflicts ? `, ${r.conflicts} in conflict` : ''}
          {r.skipped ? `, ${r.skipped} skipped` : ''}.
        </p>
      )}
      {r?.newTeamDatabase && !state.syncing && (
        <p className="team-waiting muted" role="note" data-testid="team-new-database">
          {capitalized(NEW_TEAM_DATABASE_NOTE)}.
        </p>
      )}
      {r?.olderTeamDatabase && !state.syncing && (
        <p className="team-waiting muted" role="note" data-testid="team-older-database">
          {capitalized(OLDER_TEAM_DATABASE_NOTE)}.{r.olderTeamAssignments && ` ${capitalized(r.olderTeamAssignments)}.`}
        </p>
      )}
      {state.lastError && (
        <div className="team-failure" role="alert" data-testid="team-sync-error">
          <strong>{failureHeadline(state.lastError)}.</strong> {state.lastError}
        </div>
      )}
      {error && <p className="team-error">{error}</p>}

      {state.problems.list.length > 0 && (
        <div className="team-problems">
          <h3>Kept aside by sync</h3>
          <p className="muted team-small">
            Nothing is lost: your copy of each is kept in the workspace (<code>spanwright team conflicts</code> lists them whole), and the server&apos;s copy is shown.
          </p>
          <ul data-testid="team-problem-list">
            {state.problems.list.map((p, i) => (
              <li key={`${p.kind}-${p.documentId}-${p.annotator}-${i}`}>
                <span className={`team-pill team-pill-${p.kind}`}>{p.kind}</span>
                <span className="mono">{p.documentId}</span> <span className="muted">·</span> {p.annotator}
                <div className="team-reason">{p.reason}</div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

function Stat({ label, value, title, testId, warn }: { label: string; value: string; title?: string; testId: string; warn?: boolean }) {
  return (
    <div className={`team-stat${warn ? ' team-stat-warn' : ''}`} title={title}>
      <div className="team-stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="team-stat-label">{label}</div>
    </div>
  )
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
