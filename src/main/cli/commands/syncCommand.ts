import { layerName, NEW_TEAM_DATABASE_NOTE, OLDER_TEAM_DATABASE_NOTE, olderTeamAssignmentsNote, syncSummary, waitingSummary } from '../../../shared/team/changeLog'
import { syncOnce } from '../../team/syncLoop'
import type { CliCommand } from '../command'
import { openWorkspace } from '../workspaceOption'

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync --server URL [--db FILE]',
  summary:
    "push this workspace's changes to the team server, then pull the team's; exits 0 when it finished (refused changes and conflicts are listed), non-zero when it could not",
  options: {
    server: { type: 'string' },
    db: { type: 'string' },
  },
  async run({ values, out }) {
    if (!values.server) throw new Error('sync needs --server postgres://NAME:PASSWORD@HOST:PORT/DATABASE')
    const store = await openWorkspace(values.db as string | undefined, { samples: false })
    try {
      const r = await syncOnce(store, values.server as string)
      out.log(syncSummary(r))
      if (r.newTeamDatabase) out.log(`note: ${NEW_TEAM_DATABASE_NOTE}`)
      if (r.olderTeamDatabase) out.log(`note: ${OLDER_TEAM_DATABASE_NOTE}`)
      const assignments = olderTeamAssignmentsNote(r.olderTeamAssignments)
      if (assignments) out.log(`note: ${assignments}`)
      for (const x of r.refused) out.log(`refused: ${layerName(x.layer)}: ${x.reason}`)
      for (const x of r.skipped) out.log(`skipped: ${layerName(x.layer)}: ${x.reason}`)
      const waiting = waitingSummary(r.waiting)
      if (waiting) out.log(`waiting: ${waiting}`)
      for (const c of r.conflicts)
        out.log(
          `conflict: ${c.item ? `gold item ${c.item.slice(0, 8)} of ${c.documentId}` : layerName(c)}: ${c.reason ?? 'someone else changed it first'}; your copy is kept for review (spanwright team conflicts)`,
        )
      return 0
    } finally {
      store.close()
    }
  },
}
