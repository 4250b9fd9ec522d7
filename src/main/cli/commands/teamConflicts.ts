import { layerName } from '../../../shared/team/changeLog'
import { goldItemName } from '../../../shared/team/goldItems'
import { listConflicts, resolveConflict } from '../../services/team/conflictService'
import { TeamConflictStore } from '../../store/teamConflictStore'
import type { CliIo } from '../command'
import { openWorkspace, openWorkspaceForReading } from '../workspaceOption'

/**
 * `team conflicts`: the copies kept aside by sync (refused changes, lost
 * races), each with its id, this desktop's version and the server's. Nothing
 * is lost, and this is where to find it. `--json`: each copy whole.
 */
export async function printConflicts(db: string | undefined, json: boolean, out: CliIo): Promise<number> {
  const store = await openWorkspaceForReading(db)
  try {
    const synced = store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_conflicts'").get()
    if (json) {
      for (const c of synced ? new TeamConflictStore(store.db).open() : []) out.log(JSON.stringify(c))
      return 0
    }
    const kept = listConflicts(store)
    out.log(`${kept.length} cop${kept.length === 1 ? 'y' : 'ies'} kept aside by sync${kept.length ? ' (resolve one: spanwright team resolve ID --keep server|mine)' : ''}`)
    for (const c of kept) {
      const name = c.item ? goldItemName({ documentId: c.externalId, ...c.item }) : layerName({ documentId: c.externalId, annotator: c.annotator })
      out.log(`${c.kind} #${c.id}: ${name}: ${c.reason} (kept: ${c.mine.summary}${c.theirs ? `; server: ${c.theirs.summary}` : ''})`)
    }
    return 0
  } finally {
    store.close()
  }
}

/** `team resolve ID --keep server|mine`: the same resolution as the review view's two buttons. */
export async function resolveFromCli(db: string | undefined, id: string, keep: unknown, out: CliIo): Promise<number> {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new Error(`team resolve takes a conflict id (spanwright team conflicts lists them), not ${JSON.stringify(id)}`)
  if (keep !== 'server' && keep !== 'mine') throw new Error('team resolve needs --keep server (the server\'s version stays) or --keep mine (yours is pushed at the next sync)')
  const store = await openWorkspace(db, { samples: false })
  try {
    const r = resolveConflict(store, { id: Number(id), keep })
    out.log(
      keep === 'mine'
        ? `resolved #${id}: kept this desktop's version (${r.resolved.mine.summary}); the next sync pushes it`
        : `resolved #${id}: kept the server's version${r.resolved.theirs ? ` (${r.resolved.theirs.summary})` : ''}`,
    )
    out.log(`${r.remaining} conflict${r.remaining === 1 ? '' : 's'} left`)
    return 0
  } finally {
    store.close()
  }
}
