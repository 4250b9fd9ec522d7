import { AssignmentStore } from '../store/assignmentStore'
import { GoldItemStore } from '../store/goldItemStore'
import type { Store } from '../store/store'
import { desktopId, forgetPreviousDesktopId, noteReplacedDesktopIds, noteReportedWaiting, owePruneCheck, previousDesktopId, replacedDesktopIds, reportedWaiting } from '../store/teamDesktopId'
import { waitingDocumentSample } from '../store/teamWaitingDocuments'
import type { WaitingForDocuments } from '../store/teamWaitingDocuments'
import type { TeamConnection } from './teamClient'
import { desktopRegistered, registerDesktop, reportWaiting, retireDesktop } from './teamPrune'
import type { DesktopCursors } from './teamPrune'

/** How far this workspace has pulled each stream of its team. */
export function localCursors(store: Store): DesktopCursors {
  return { gold: new GoldItemStore(store.db, false).cursor(), layers: store.team.cursor('layers'), assignments: new AssignmentStore(store.db).cursor() }
}

/**
 * At the start of a sync, before anything is pushed: this desktop is registered with the team (team_desktops), so
 * `team prune` keeps what it has not pulled yet and the records its pushes' retries need. A desktop that had pulled
 * before and finds no row (forgotten by `team prune --forget-desktop`, or a workspace whose file changed and so took
 * a new id) owes a check for deletions pruned meanwhile, noted locally before it registers, so the check survives a
 * sync that stops before its gold pull. Then the ids this file synced under before are retired, so they do not hold
 * pruning back: those of a workspace a restore replaced with this one, which is provably gone (teamRestoredDesktop.ts),
 * and the id of a changed file when its row is provably this file's own past (teamPrune.ts `retireDesktop`).
 * Registered first: this desktop's own cursors (a restored backup's are behind its old id's) then hold back every
 * record its pushes' retries need before the old row stops doing so. Answers this desktop's id.
 */
export async function enrolDesktop(team: TeamConnection, store: Store): Promise<string> {
  const id = desktopId(store.db)
  const mine = localCursors(store)
  if (!(await desktopRegistered(team.client, id))) {
    if (mine.gold > 0) owePruneCheck(store.db, true)
    noteReportedWaiting(store.db, null) // a new row knows nothing of what this desktop waits for
    await registerDesktop(team.client, id, mine)
  }
  const replaced = replacedDesktopIds(store.db).filter((old) => old !== id)
  for (const old of replaced) await retireDesktop(team.client, old, null)
  const previous = previousDesktopId(store.db)
  if (previous !== null && previous !== id && !replaced.includes(previous)) await retireDesktop(team.client, previous, mine)
  if (previous !== null) forgetPreviousDesktopId(store.db)
  noteReplacedDesktopIds(store.db, [])
  return id
}

/** At the end of a sync: what this desktop's changes wait for (documents the team does not have), for `team status`. */
export async function reportWaitingDocuments(team: TeamConnection, store: Store, id: string, waiting: WaitingForDocuments): Promise<void> {
  const sample = waiting.documents ? waitingDocumentSample(store.db, 10) : []
  const report = JSON.stringify([waiting.documents, sample])
  // Sent only when it changed (a new row starts at nothing waiting), not at every sync.
  if (report === (reportedWaiting(store.db) ?? JSON.stringify([0, []]))) return
  await reportWaiting(team.client, id, waiting.documents, sample)
  noteReportedWaiting(store.db, report)
}
