import fs from 'node:fs'
import { leaveTeam } from '../../store/teamLeave'
import type { CliIo } from '../command'
import { openWorkspace, workspaceFileOf } from '../workspaceOption'

/**
 * `team leave [--db FILE]`: the workspace stops being a team member. Its
 * documents and annotations stay; its sync state goes (see leaveTeam). A
 * missing file is not created just to say it is in no team.
 */
export async function leaveFromCli(db: string | undefined, out: CliIo): Promise<number> {
  const file = workspaceFileOf(db)
  if (db !== undefined && !fs.existsSync(file)) throw new Error(`team leave: there is no workspace at ${file}`)
  const store = await openWorkspace(db, { samples: false })
  try {
    const r = leaveTeam(store.db)
    out.log(`left the team${r.team ? ` at ${r.team}` : ''}: this workspace keeps its documents, annotations and gold, and no longer records changes for sync`)
    if (r.unpushed)
      out.log(`${r.unpushed} change${r.unpushed === 1 ? ' was' : 's were'} never pushed: kept here, and pushed if this workspace syncs with that team again`)
    out.log('to rejoin: spanwright sync --server URL (only what changed since is pushed when it is the same team)')
    return 0
  } finally {
    store.close()
  }
}
