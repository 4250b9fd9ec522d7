import type { SyncReport } from '../../shared/team/changeLog'
import type { ServerGoldItem } from '../../shared/team/goldItems'
import { goldItemName } from '../../shared/team/goldItems'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import { nextCursor } from '../../shared/team/mergeRules'
import { GoldItemStore } from '../store/goldItemStore'
import type { PendingGoldItem } from '../store/goldItemStore'
import { settleUpgradedLayer, upgradedDirtyLayers } from '../store/goldUpgradeStore'
import type { Store } from '../store/store'
import { goldItemOf, goldItemsSince, pushGoldItems, upgradedGoldOf, versionWrittenBy } from './serverGold'
import { documentsSince } from './serverLayers'
import { settleParked } from './goldParked'
import type { TeamConnection } from './teamClient'
import { goldItemsOnServer, reportCursor } from './teamPrune'
import { enrolDesktop } from './desktopEnrolment'
import { syncedGoldItems } from '../store/goldSyncedItems'
import { owePruneCheck, pruneCheckOwed } from '../store/teamDesktopId'
import { noteSyncEnd } from '../store/teamRestored'
import type { PushStamp } from './desktopStamp'

const DEFAULT_PUSH_BATCH = 200
const DEFAULT_PULL_BATCH = 500

/**
 * The gold layer's part of a sync, after the layers' (documents are pulled by
 * then): push every gold item with unpushed writes, item by item under
 * compare-and-set, then pull the gold items written since this desktop's
 * cursor. A conflict keeps this desktop's copy of that one item aside and
 * shows the server's; the reviewer resolves it in the review view.
 */
export async function syncGold(
  team: TeamConnection,
  store: Store,
  report: SyncReport,
  opts: { onStep?: (s: string) => void; pull?: boolean; batch?: number; pushBatch?: number; parkedSyncs?: number; desktop?: string } = {},
): Promise<void> {
  const step = opts.onStep ?? (() => undefined)
  const [PUSH_BATCH, PULL_BATCH] = [opts.pushBatch ?? DEFAULT_PUSH_BATCH, opts.batch ?? DEFAULT_PULL_BATCH]
  const gold = new GoldItemStore(store.db, team.me.reviewer)
  const layer = (i: { documentId: string }) => ({ documentId: i.documentId, annotator: GOLD_ANNOTATOR })
  // One pass pushes every marked item; a second pushes what the first found based on this desktop's own unanswered write.
  const pushPass = async (): Promise<number> => {
    let rebased = 0
    for (let batch = gold.pending(PUSH_BATCH, null, 'on-server'); batch.length; ) {
      gold.noteSent(batch)
      const stamp: PushStamp | undefined = opts.desktop ? { desktop: opts.desktop } : undefined
      const outcomes = await pushGoldItems(team.client, team.me, batch, stamp)
      // Noted before anything is taken as landed: a restore from a dump made before this push is then noticed (teamRestoredSync.ts).
      if (stamp?.at !== undefined) noteSyncEnd(store.db, stamp.desktop, stamp.at)
      const pushed: { item: PendingGoldItem; version: number }[] = []
      // A retried write the server had applied, and another reviewer has written over since (on top of it).
      const overwritten: ServerGoldItem[] = []
      for (const [i, outcome] of outcomes.entries()) {
        const item = batch[i]
        if (outcome.kind === 'already-applied' && outcome.server && outcome.server.version > outcome.version) overwritten.push(outcome.server)
        if (outcome.kind === 'applied' || outcome.kind === 'already-applied') pushed.push({ item, version: outcome.version })
        else if (outcome.kind === 'conflict' && !outcome.why && outcome.server && (await isOwnLostWrite(team, gold, item, outcome.server))) {
          gold.rebase(item, outcome.server.version)
          rebased++
        } else if (outcome.kind === 'conflict') {
          const reason = outcome.why ?? `someone else wrote ${goldItemName(item)} since this desktop's copy (version ${item.baseVersion ?? 'none'})`
          gold.keepAside(item, 'conflict', reason, outcome.server)
          report.conflicts.push({ ...layer(item), item: item.uid, ...(outcome.why ? { reason } : {}) })
        } else {
          report.refused.push({ layer: layer(item), reason: outcome.reason })
          // An item waiting for its document stays pending; any other refusal is final: kept aside, the server's copy wins.
          if (!outcome.reason.startsWith('document ')) gold.keepAside(item, 'refused', outcome.reason, await goldItemOf(team.client, item))
        }
      }
      gold.markPushed(pushed)
      // Taken now, not left to the pull: this desktop's cursor may be past that later write already (a pull that met
      // the item while its write was unanswered kept it local), and the version just marked is older than the server's.
      if (overwritten.length) report.pulled += gold.applyItems(overwritten, null).applied
      report.pushed += pushed.length
      step('gold pushed')
      batch = gold.pending(PUSH_BATCH, batch[batch.length - 1], 'on-server')
    }
    return rebased
  }
  // Gold layers that had unpushed edits when this workspace was upgraded to gold items: settled once, before their first push.
  for (const l of upgradedDirtyLayers(store.db)) {
    const server = await upgradedGoldOf(team.client, l.externalId)
    settleUpgradedLayer(store.db, l, server.items, server.layerVersion === null || server.layerVersion === l.base)
  }
  if (await pushPass()) await pushPass()

  if (opts.pull === false) return
  // Registered since the sync began (enrolDesktop), so no prune runs past what it has not pulled yet. It was not
  // registered though it had pulled before (forgotten by `team prune --forget-desktop`, a new id for a changed file,
  // or last synced before team schema 6): deletions it had not pulled may have been pruned meanwhile, checked after the pull.
  const desktop = opts.desktop ?? (await enrolDesktop(team, store))
  const mayHaveMissedPrunes = pruneCheckOwed(store.db)
  for (let items = await goldItemsSince(team.client, gold.cursor(), PULL_BATCH); items.length; items = await goldItemsSince(team.client, gold.cursor(), PULL_BATCH)) {
    // A document added since the layers' pull can have gold already: fetch the new documents first.
    if (items.some((i) => !store.team.hasDocument(i.documentId)))
      for (let docs = await documentsSince(team.client, store.team.cursor('documents'), PULL_BATCH); docs.length; docs = await documentsSince(team.client, store.team.cursor('documents'), PULL_BATCH))
        report.pulled += store.team.applyDocuments(docs, nextCursor(store.team.cursor('documents'), docs))
    const r = gold.applyItems(items, nextCursor(gold.cursor(), items))
    report.pulled += r.applied
    report.skipped.push(...r.skipped.map((s) => ({ layer: s.layer, reason: s.reason })))
    step('gold pulled')
  }
  if (mayHaveMissedPrunes) {
    report.pulled += await dropPrunedGold(team, store, gold, PULL_BATCH)
    owePruneCheck(store.db, false)
    step('gold checked')
  }
  // Every gold item up to the cursor is pulled: tombstones all registered desktops are past may be pruned (team prune).
  await reportCursor(team.client, desktop, 'gold', gold.cursor())
  // Items that waited (a relation for its spans, a rejection for its item) and can land now that the layers are in.
  if (gold.hasParked()) {
    report.pulled += gold.applyItems([], null).applied
    // What still waits after a full pull waits one more sync, or is reported and no longer kept (goldParked.ts).
    await settleParked(team.client, store.db, report, opts.parkedSyncs)
  }
}

/**
 * Whether the server's copy of an item is this desktop's own push whose answer was lost: its change record says so,
 * or, once `team prune` dropped that record (the desktop was forgotten meanwhile), the server holds exactly what that
 * push sent. Either way this desktop's later edits were made on top of it, so they rebase on it: no conflict. Anything
 * else the server holds is someone else's write, and stays a conflict.
 */
async function isOwnLostWrite(team: TeamConnection, gold: GoldItemStore, item: PendingGoldItem, server: ServerGoldItem): Promise<boolean> {
  if ((await versionWrittenBy(team.client, item, gold.sentIds(item))) === server.version) return true
  return gold.sentContent(item, server.content)
}

/**
 * A desktop that may have missed pruned deletions: each gold item it holds as
 * synced and unchanged that the server no longer has at all was deleted, and
 * its tombstone pruned, so it is deleted here too, as a pulled deletion (never
 * pushed back, never a resurrection). Unpushed edits of such items were
 * pushed before the pull: each came back as a conflict, its copy kept aside.
 */
async function dropPrunedGold(team: TeamConnection, store: Store, gold: GoldItemStore, batch: number): Promise<number> {
  const gone: ServerGoldItem[] = []
  for (let page = syncedGoldItems(store.db, batch, null); page.length; page = syncedGoldItems(store.db, batch, page[page.length - 1])) {
    // Items it already deleted (a deletion it pulled) need nothing: only what it still holds is checked.
    const held = page.filter((i) => i.held)
    const onServer = held.length ? await goldItemsOnServer(team.client, held) : new Set<string>()
    for (const i of held)
      if (!onServer.has(`${i.documentId}\u0000${i.uid}`)) gone.push({ documentId: i.documentId, uid: i.uid, kind: i.kind, version: 0, seq: 0, content: null })
  }
  // One transaction; a relation removed with its span is then applied as its own deletion, which clears its mark.
  return gold.applyItems(gone, null, true).applied
}
