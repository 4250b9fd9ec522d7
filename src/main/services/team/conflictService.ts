import { AppError } from '../../../shared/api/errors'
import type { ConflictResolution, ConflictSide, TeamConflict } from '../../../shared/api/methods/conflicts'
import type { LayerContent } from '../../../shared/team/changeLog'
import { describeRejectionKey } from '../../../shared/team/goldItems'
import type { GoldItemContent, GoldSpanContent, KeptGoldRelation, GoldStatusContent, ReviewStatusContent } from '../../../shared/team/goldItems'
import { GoldItemStore } from '../../store/goldItemStore'
import { requireReviewOpen } from '../goldFreeze'
import { takeBack } from '../../store/goldTakeBack'
import type { Store } from '../../store/store'
import { TeamConflictStore } from '../../store/teamConflictStore'
import type { StoredConflict } from '../../store/teamConflictStore'
import { countOf as plural } from '../../../shared/text/plural'

function hasTeamTables(store: Store): boolean {
  return !!store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_conflicts'").get()
}

function quoted(text: string, start: unknown, end: unknown): string {
  if (typeof start !== 'number' || typeof end !== 'number') return '""'
  const t = text.slice(start, end)
  return JSON.stringify(t.length > 40 ? `${t.slice(0, 39)}…` : t)
}

/** A side in words: a span by label, text and offsets; a relation by label and its spans' text; a layer by its counts. */
function describe(store: Store, c: StoredConflict, content: StoredConflict['mine']): ConflictSide {
  if (content === null) return { summary: c.item?.kind === 'rejection' ? 'not rejected' : 'deleted', deleted: true }
  const text = store.documents.byId(c.documentId)?.text ?? ''
  if (!c.item) {
    const layer = content as LayerContent
    return { summary: `${plural(layer.spans.length, 'span')}, ${plural(layer.relations.length, 'relation')}`, deleted: false }
  }
  if (c.item.kind === 'rejection') return { summary: `rejected (${describeRejectionKey(c.item.uid)})`, deleted: false }
  if (c.item.kind === 'review') return { summary: `review ${(content as ReviewStatusContent).review.replace('_', ' ')}`, deleted: false }
  if (c.item.kind === 'status') return { summary: `status ${(content as GoldStatusContent).status}`, deleted: false }
  if (c.item.kind === 'span') {
    const s = content as GoldSpanContent
    return { summary: `${s.label} ${quoted(text, s.cells.start, s.cells.end)} (${String(s.cells.start)}–${String(s.cells.end)})`, deleted: false }
  }
  const r = content as KeptGoldRelation
  const gold = new GoldItemStore(store.db)
  const goldId = gold.goldId()
  const spanText = (uid: string) => {
    const s = (gold.content(c.documentId, goldId, 'span', uid) as GoldSpanContent | null) ?? r.spans?.[uid]
    if (!s) return '(a deleted span)'
    return `${quoted(text, s.cells.start, s.cells.end)}${gold.content(c.documentId, goldId, 'span', uid) ? '' : ' (deleted since; taking yours puts it back)'}`
  }
  return { summary: `${r.label}: ${spanText(r.head)} → ${spanText(r.tail)}`, deleted: false }
}

function toApi(store: Store, c: StoredConflict): TeamConflict {
  return {
    id: c.id,
    documentId: c.documentId,
    externalId: c.externalId,
    annotator: c.annotator,
    kind: c.kind,
    reason: c.reason,
    item: c.item,
    mine: describe(store, c, c.mine),
    theirs: c.item ? describe(store, c, c.theirs) : null,
    canTakeMine: c.kind === 'conflict',
    createdAt: c.createdAt,
  }
}

/** The copies sync kept aside and not yet resolved (of one document when given), oldest first. */
export function listConflicts(store: Store, a: { documentId?: number } = {}): TeamConflict[] {
  if (!hasTeamTables(store)) return []
  return new TeamConflictStore(store.db).open(a.documentId).map((c) => toApi(store, c))
}

/**
 * Resolves one kept-aside copy, in one transaction. `server`: the server's
 * version, which sync already put in place, stays. `mine`: this desktop's
 * version goes back over the current one (a gold item by its uid, a layer
 * whole); the store's triggers mark it, on the version this desktop last
 * pulled, so the next sync pushes it as an ordinary compare-and-set write (and
 * it meets a conflict again only if someone wrote the item meanwhile).
 */
export function resolveConflict(store: Store, a: { id: number; keep: ConflictResolution }): { resolved: TeamConflict; remaining: number } {
  if (!hasTeamTables(store)) throw new AppError('not_found', `no conflict with id ${a.id} (this workspace never synced with a team)`)
  const conflicts = new TeamConflictStore(store.db)
  const resolved = store.transaction(() => {
    const c = conflicts.byId(a.id)
    if (!c) throw new AppError('not_found', `no conflict with id ${a.id}`)
    if (c.resolved) throw new AppError('conflict', `conflict ${a.id} is already resolved`)
    if (a.keep === 'mine') {
      if (c.kind === 'refused') throw new AppError('bad_request', `the server refused this change (${c.reason}), so it would refuse it again: only keeping the server's version resolves it`)
      if (c.item) {
        // A done review's gold is what a gold export writes; its review status itself may be taken back (reopening it).
        if (c.item.kind !== 'review' && c.item.kind !== 'status') requireReviewOpen(store, c.documentId)
        const gold = new GoldItemStore(store.db)
        const why = takeBack(gold, c.documentId, c.annotatorId, c.item, c.mine as GoldItemContent | null)
        if (why) throw new AppError('conflict', `cannot take this desktop's version: ${why} any more. Keep the server's version, or add the span back first.`)
      } else store.team.restoreLayer(c.documentId, c.annotatorId, c.mine as LayerContent)
      conflicts.retireHistory(c.documentId, c.annotatorId)
    }
    conflicts.markResolved(c.id, a.keep)
    return c
  })
  return { resolved: toApi(store, resolved), remaining: conflicts.open().length }
}
