import type { ServerLayer, SyncReport } from '../../shared/team/changeLog'
import { layerName } from '../../shared/team/changeLog'
import { nextCursor, refusedPushAction } from '../../shared/team/mergeRules'
import { AssignmentStore } from '../store/assignmentStore'
import type { Store } from '../store/store'
import { forgetLayersSent, layerSentIds, noteLayersSent, rebaseLayer } from '../store/teamLayerSent'
import { joinTeamAt } from '../store/teamLeave'
import { waitingForDocuments } from '../store/teamWaitingDocuments'
import type { PendingChange, TeamStore } from '../store/teamStore'
import { documentsSince, labelsSince, layerOf, layersSince, layerVersionWrittenBy, pushChanges, pushDocuments, pushLabels } from './serverLayers'
import { pullAssignments } from './teamAssignments'
import { syncGold } from './goldSync'
import { enrolDesktop, reportWaitingDocuments } from './desktopEnrolment'
import { reportCursor } from './teamPrune'
import { resendIfServerIsOlder, sendAssignmentsAgain, stampSyncEnd } from './teamRestoredSync'
import type { PushStamp } from './desktopStamp'
import { noteSyncEnd } from '../store/teamRestored'
import type { AssignmentsAgain } from '../store/teamRestoredAssignments'
import { lostConnection, openTeam } from './teamClient'
import type { TeamConnection } from './teamClient'
import type { TeamConnectionSource } from './teamSource'

const DEFAULT_BATCH = 500
const PUSH_BATCH = 1000

const lastKey = (batch: PendingChange[]) => ({ documentId: batch[batch.length - 1].localDocumentId, annotatorId: batch[batch.length - 1].localAnnotatorId })

export interface SyncOptions {
  /** Called after each step, for progress (and for tests that stop a sync at a chosen moment). */
  onStep?: (step: string) => void
  /** Rows per pulled batch (each batch is one local transaction with its cursor). */
  batch?: number
  /** Changes per pushed batch (one server transaction each). */
  pushBatch?: number
  /** false: push only (the pull waits for the next sync). */
  pull?: boolean
  /** Where the connection comes from (the app's kept one, keptTeam.ts); by default one of its own, closed at the end. */
  connection?: TeamConnectionSource
}

/**
 * One sync: push, then pull. Push sends every layer with unpushed writes (a
 * non-admin's documents are not sent: admins add documents); pull brings the
 * labels, documents and layers written since this desktop's cursors. Each step
 * is its own transaction on both sides, so a sync stopped anywhere resumes
 * where it was, without duplicates or gaps.
 */
export async function syncOnce(store: Store, url: string, opts: SyncOptions = {}): Promise<SyncReport> {
  const source = opts.connection
  const team = source ? await source.open() : await openTeam(url)
  let failed = false
  try {
    // The first sync makes the workspace a member: its layers are marked now, and its writes from now on (migration 14).
    // A workspace that left this same team (its database's id) and rejoins marks only what changed since (teamLeave.ts).
    const joined = joinTeamAt(store.db, { where: team.where.slice(team.where.indexOf('@') + 1), id: team.teamId })
    // The same team restored from an older dump: what it lacks of this desktop's is sent again, and its layers pulled again.
    const resent = await resendIfServerIsOlder(team, store)
    const desktop = await enrolDesktop(team, store)
    const report = await syncWith(team, store.team, opts, new AssignmentStore(store.db), desktop)
    if (joined === 'replaced') report.newTeamDatabase = true
    if (resent !== null) report.olderTeamDatabase = true
    if (resent?.assignments.count) report.olderTeamAssignments = { [team.me.admin ? 'sentAgain' : 'lost']: resent.assignments.count, sample: sampleOf(resent.assignments.again) }
    await syncGold(team, store, report, { ...opts, desktop })
    // What still waits for documents an admin has not added: one summary, not a refusal per layer at every sync.
    const waiting = waitingForDocuments(store.db)
    if (waiting.layers + waiting.goldItems) report.waiting = waiting
    // The server learns it too, so team status can say which members wait for which documents.
    await reportWaitingDocuments(team, store, desktop, waiting)
    await stampSyncEnd(team, store, desktop)
    return report
  } catch (e) {
    failed = true
    // A server that drops the connection mid-sync: said in words, with the server's name; the next sync resumes.
    throw lostConnection(e, team.where)
  } finally {
    if (source) await source.release(team, failed)
    else await team.client.end().catch(() => undefined)
  }
}

async function syncWith(team: TeamConnection, local: TeamStore, opts: SyncOptions, assignments: AssignmentStore, desktop: string): Promise<SyncReport> {
  const step = opts.onStep ?? (() => undefined)
  const BATCH = opts.batch ?? DEFAULT_BATCH
  const report: SyncReport = { pushed: 0, pulled: 0, refused: [], conflicts: [], skipped: [] }
  const { client, me } = team
  if (me.admin) {
    await pushLabels(client, local.labels())
    step('labels pushed')
    for (let docs = local.unpushedDocuments(BATCH); docs.length; docs = local.unpushedDocuments(BATCH)) {
      const stamp: PushStamp = { desktop }
      await pushDocuments(client, docs, stamp)
      noteStamp(local, stamp)
      local.markDocumentsOnServer(docs.map((d) => d.id))
      step('documents pushed')
    }
    // After a restore from an older dump: the assignments the copy lost, once their documents are back.
    if (await sendAssignmentsAgain(team, local.db)) step('assignments sent again')
  }
  const refusedForDocument = new Set<string>()
  await pushLayersTwice(team, local, opts, report, refusedForDocument, desktop)

  if (opts.pull === false) return report
  const labels = await labelsSince(client, local.cursor('labels'))
  if (labels.length) local.applyLabels(labels, nextCursor(local.cursor('labels'), labels))
  const pullDocuments = async () => {
    for (let docs = await documentsSince(client, local.cursor('documents'), BATCH); docs.length; docs = await documentsSince(client, local.cursor('documents'), BATCH)) {
      report.pulled += local.applyDocuments(docs, nextCursor(local.cursor('documents'), docs))
      step('documents pulled')
    }
  }
  await pullDocuments()
  for (let layers = await layersSince(client, local.cursor('layers'), BATCH); layers.length; layers = await layersSince(client, local.cursor('layers'), BATCH)) {
    // A document added after the documents were pulled can have layers already: fetch it first.
    if (layers.some((l) => !local.hasDocument(l.documentId))) await pullDocuments()
    const r = local.applyLayers(layers, nextCursor(local.cursor('layers'), layers))
    report.pulled += r.applied
    report.skipped.push(...r.skipped)
    step('layers pulled')
  }
  // Every layer up to the cursor is pulled: records of layer writes overwritten since may be pruned (team prune).
  await reportCursor(client, desktop, 'layers', local.cursor('layers'))
  report.pulled += await pullAssignments(client, assignments, pullDocuments, BATCH, step)
  await reportCursor(client, desktop, 'assignments', assignments.cursor())
  // Layers that waited for their documents (a member's import) go now if this pull brought those documents (an admin added them).
  await pushLayersTwice(team, local, opts, report, refusedForDocument, desktop)
  local.setSetting('last_sync', new Date().toISOString())
  return report
}

/**
 * One pass pushes every pending layer; a second pushes those the first rebased on this desktop's own lost write. Then
 * every push sent was answered, so what was noted as sent is dropped (a push that fails keeps it for the next sync).
 */
async function pushLayersTwice(team: TeamConnection, local: TeamStore, opts: SyncOptions, report: SyncReport, waiting: Set<string>, desktop: string): Promise<void> {
  if (await pushLayers(team, local, opts, report, waiting, desktop)) await pushLayers(team, local, opts, report, waiting, desktop)
  forgetLayersSent(local.db)
}

/**
 * Pushes pending layers in batches (one server transaction and one local one
 * each), by key so refused ones are passed over. Only layers on documents the
 * server has are pending (teamStore.pending): a member's layers on documents
 * no admin has added wait locally, are not sent, and go once a pull brings
 * their documents. A change the server still answers "no such document" for
 * (this desktop believed it had it) stays pending and is not sent twice in one sync.
 */
async function pushLayers(team: TeamConnection, local: TeamStore, opts: SyncOptions, report: SyncReport, waiting: Set<string>, desktop: string): Promise<number> {
  const step = opts.onStep ?? (() => undefined)
  const { client, me } = team
  const pushBatch = opts.pushBatch ?? PUSH_BATCH
  let rebased = 0
  for (let page = local.pending(pushBatch, undefined, 'on-server'); page.length; page = local.pending(pushBatch, lastKey(page), 'on-server')) {
    const batch = page.filter((c) => !waiting.has(c.changeId))
    if (!batch.length) continue
    // Noted before it is sent: if the answer is lost and the layer edited again, the retry knows this write as its own.
    noteLayersSent(local.db, batch)
    const stamp: PushStamp = { desktop }
    const outcomes = await pushChanges(client, me, batch, stamp)
    // Noted before anything is taken as landed: a restore from a dump made before this push is then noticed (teamRestoredSync.ts).
    noteStamp(local, stamp)
    const pushed: { change: PendingChange; version: number }[] = []
    for (const [i, outcome] of outcomes.entries()) {
      const change = batch[i]
      if (outcome.kind === 'applied' || outcome.kind === 'already-applied') pushed.push({ change, version: outcome.version })
      else if (outcome.kind === 'conflict' && (await isOwnLostWrite(client, local, change, outcome.serverVersion))) {
        rebaseLayer(local.db, change, outcome.serverVersion!)
        rebased++
      } else if (outcome.kind === 'conflict') {
        const reason = `someone else wrote ${layerName(change)} since this desktop's copy (version ${change.baseVersion ?? 'none'})`
        await keepAsideAndTakeServerCopy(team, local, change, 'conflict', reason, outcome.serverVersion)
        report.conflicts.push({ documentId: change.documentId, annotator: change.annotator })
      } else {
        report.refused.push({ layer: { documentId: change.documentId, annotator: change.annotator }, reason: outcome.reason })
        // A layer waiting for its document stays pending; any other refusal is final: kept aside, and the server's copy wins.
        if (outcome.reason.startsWith('document ')) waiting.add(change.changeId)
        else await keepAsideAndTakeServerCopy(team, local, change, 'refused', outcome.reason, null)
      }
    }
    local.markAllPushed(pushed)
    report.pushed += pushed.length
    step('changes pushed')
  }
  return rebased
}

/** Whether the server's version of a layer that refused this change is this desktop's own push whose answer was lost. */
async function isOwnLostWrite(client: TeamConnection['client'], local: TeamStore, change: PendingChange, serverVersion: number | null): Promise<boolean> {
  const sent = layerSentIds(local.db, change)
  return refusedPushAction(serverVersion, await layerVersionWrittenBy(client, change, sent)) === 'rebase'
}

/**
 * A refused change or a lost race: the local copy is kept aside (team_conflicts)
 * and the server's copy (none: the layer is emptied) replaces it, in one local
 * transaction, so a crash leaves neither half.
 */
async function keepAsideAndTakeServerCopy(
  team: TeamConnection,
  local: TeamStore,
  change: PendingChange,
  kind: 'conflict' | 'refused',
  reason: string,
  serverVersion: number | null,
): Promise<void> {
  const server: ServerLayer = (await layerOf(team.client, change)) ?? { documentId: change.documentId, annotator: change.annotator, version: 0, seq: 0, content: { spans: [], relations: [], status: null } }
  local.atomically(() => {
    local.recordConflict(change, kind, reason, serverVersion)
    const r = local.applyLayers([server], null, true)
    if (r.skipped.length) throw new Error(`${layerName(change)}: ${r.skipped[0].reason}`)
  })
}

/** A push's stamp of this desktop's row, noted here (the row was gone: nothing to note). */
function noteStamp(local: TeamStore, stamp: PushStamp): void {
  if (stamp.at !== undefined) noteSyncEnd(local.db, stamp.desktop, stamp.at)
}

/** The first few assignments a restored copy lacked, as `document to annotator` (withdrawals marked). */
function sampleOf(again: AssignmentsAgain): string[] {
  return [...again.assign.map(([d, a]) => `${d} to ${a}`), ...again.withdraw.map(([d, a]) => `${d} withdrawn from ${a}`)].slice(0, 5)
}

/**
 * Background sync for the app: every `everyMs`, one sync at a time; a failed
 * sync (server away) is reported and retried on the next tick.
 */
export function startAutoSync(
  store: Store | (() => Store),
  url: string,
  everyMs: number,
  onResult: (r: SyncReport | Error) => void,
  opts: SyncOptions = {},
): { stop(): void; syncNow(): Promise<void> } {
  let running: Promise<void> | null = null
  // A getter: the app's store can be closed and reopened (a restore) between two ticks.
  const current = typeof store === 'function' ? store : () => store
  const run = () =>
    (running ??= Promise.resolve()
      .then(() => syncOnce(current(), url, opts))
      .then(onResult, (e: unknown) => onResult(e instanceof Error ? e : new Error(String(e))))
      .finally(() => (running = null)))
  const timer = setInterval(() => void run(), everyMs)
  timer.unref?.()
  return { stop: () => clearInterval(timer), syncNow: run }
}
