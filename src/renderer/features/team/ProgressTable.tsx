import type { TeamProgress } from '../../../shared/api/methods/team'

/** Each annotator's progress as the server counts it (like `spanwright team status`). */
export function ProgressTable({ progress, me }: { progress: TeamProgress; me: string | null }) {
  const total = Math.max(progress.documents, 1)
  return (
    <table className="team-table" data-testid="team-progress-table">
      <thead>
        <tr>
          <th>Annotator</th>
          <th className="team-col-bar">Done of {progress.documents.toLocaleString()} documents</th>
          <th className="num">Done</th>
          <th className="num">In progress</th>
          <th className="num">Assigned</th>
          <th className="num">Layers</th>
          <th className="num">Spans</th>
        </tr>
      </thead>
      <tbody>
        {progress.annotators.map((a) => (
          <tr key={a.name} data-annotator={a.name}>
            <td>
              <span className="team-avatar" aria-hidden>
                {a.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="team-name">{a.name}</span>
              {a.name === me && <span className="team-you">you</span>}
              {a.admin && <span className="team-role">admin</span>}
              {a.reviewer && <span className="team-role">reviewer</span>}
              {!!a.assignedNotPulled && (
                <span className="team-note" data-testid="progress-not-pulled" title={`Assigned since ${a.name}'s desktops last synced: on none of them yet`}>
                  {a.assignedNotPulled.toLocaleString()} assigned, not pulled yet
                </span>
              )}
              {!!a.waitingFor?.documents && (
                <span className="team-note" data-testid="progress-waiting" title={`Documents the team does not have (an admin adds them): ${a.waitingFor.sample.join(', ')}`}>
                  waits for {a.waitingFor.documents.toLocaleString()} document{a.waitingFor.documents === 1 ? '' : 's'}
                </span>
              )}
            </td>
            <td className="team-col-bar">
              <span className="team-bar" title={`${a.done} done, ${a.inProgress} in progress`}>
                <i className="team-bar-done" style={{ width: `${(100 * a.done) / total}%` }} />
                <i className="team-bar-progress" style={{ width: `${(100 * a.inProgress) / total}%` }} />
              </span>
            </td>
            <td className="num" data-testid="progress-done">
              {a.done.toLocaleString()}
            </td>
            <td className="num">{a.inProgress.toLocaleString()}</td>
            <td className="num" data-testid="progress-assigned" title={`${a.assignedDone} of the assigned documents are done`}>
              {a.assigned ? `${a.assignedDone.toLocaleString()} / ${a.assigned.toLocaleString()}` : '—'}
            </td>
            <td className="num">{a.layers.toLocaleString()}</td>
            <td className="num" data-testid="progress-spans">
              {a.spans.toLocaleString()}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
