import { AppError } from '../../../shared/api/errors'
import type { HistoryEntry, HistoryStep } from '../../../shared/api/methods/history'
import { publicEntry } from '../../store/historyStore'
import type { LayerRows, StoredEntry } from '../../store/historyStore'
import type { Store } from '../../store/store'
import { requireLayerWritable } from '../goldFreeze'

interface LayerRef {
  documentId: number
  annotator: string
}

const NO_CHANGES: HistoryStep['changes'] = { spans: [], relations: [], removedSpanIds: [], removedRelationIds: [] }

/** What moving the layer from `from` to `to` changed, read back from the store (ids as `apply` left them). */
function changesOf(store: Store, from: LayerRows, to: LayerRows, ids: { spans: Map<number, number>; relations: Map<number, number> }): HistoryStep['changes'] {
  const keptSpans = new Set(to.spans.map((s) => s.id))
  const keptRelations = new Set(to.relations.map((r) => r.id))
  const removedSpanIds = from.spans.filter((s) => !keptSpans.has(s.id)).map((s) => s.id)
  const removedRelationIds = from.relations.filter((r) => !keptRelations.has(r.id)).map((r) => r.id)
  return {
    spans: [...ids.spans.values()].map((id) => store.spans.byId(id)!),
    relations: [...ids.relations.values()].map((id) => store.relations.byId(id)!),
    removedSpanIds,
    removedRelationIds,
  }
}

/**
 * Reverts the layer's latest action that is still in effect, restoring the rows
 * it changed exactly (same ids), in one transaction. Answers what changed, as
 * the store now has it, so the editor repaints from the store (without
 * reading back a 10k-span layer for a one-span undo).
 */
export function undo(store: Store, ref: LayerRef): HistoryStep {
  return step(store, ref, 'undo')
}

/** Replays the earliest undone action of the layer (redo is cleared by any new edit). */
export function redo(store: Store, ref: LayerRef): HistoryStep {
  return step(store, ref, 'redo')
}

function step(store: Store, ref: LayerRef, direction: 'undo' | 'redo'): HistoryStep {
  let failed: StoredEntry | null = null
  try {
    return store.transaction(() => {
      const annotator = store.annotators.byName(ref.annotator)
      if (!annotator) return { entry: null, changes: NO_CHANGES }
      requireLayerWritable(store, ref.documentId, annotator.name)
      const history = store.history
      const entry: StoredEntry | null =
        direction === 'undo' ? history.latestDone(ref.documentId, annotator.id) : history.earliestUndone(ref.documentId, annotator.id)
      if (!entry) return { entry: null, changes: NO_CHANGES }
      failed = entry
      const [from, to] = direction === 'undo' ? [entry.after, entry.before] : [entry.before, entry.after]
      const ids = history.apply(ref.documentId, annotator.id, from, to)
      const state = direction === 'undo' ? 'undone' : 'done'
      history.setState(entry.id, state)
      return { entry: { ...publicEntry(entry), state }, changes: changesOf(store, from, to, ids) }
    })
  } catch (e) {
    const entry = failed as StoredEntry | null
    if (!entry || (e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e
    // Something the action needs is gone (its label was deleted from the schema, say). Nothing was
    // changed; the action leaves the undo/redo chain (kept in the trail) so the next step can go on.
    store.transaction(() => store.history.setState(entry.id, 'discarded'))
    throw new AppError(
      'conflict',
      `cannot ${direction} ${entry.summary}: something it needs (a label, a span) no longer exists. Nothing was changed; that action was taken out of the history, so ${direction} again to go on.`,
      { entryId: entry.id },
    )
  }
}

/** Who did what, when: newest first, for one annotator's layer or the whole document. */
export function listHistory(store: Store, q: { documentId: number; annotator?: string; limit?: number }): HistoryEntry[] {
  const limit = q.limit ?? 200
  if (q.annotator === undefined) return store.history.list(q.documentId, null, limit)
  const annotator = store.annotators.byName(q.annotator)
  return annotator ? store.history.list(q.documentId, annotator.id, limit) : []
}
