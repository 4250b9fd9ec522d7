import { z } from 'zod'
import { AnnotatorName } from '../../domain/model'
import type { Relation, Span } from '../../domain/model'
import { def, returns, RowId } from '../define'

export const HistoryAction = z.enum(['span.create', 'span.delete', 'span.update', 'relation.create', 'relation.delete'])
export type HistoryAction = z.infer<typeof HistoryAction>

/** One user action in the history: who did what, when, and whether it is currently undone. */
export interface HistoryEntry {
  id: number
  documentId: number
  annotator: string
  action: HistoryAction
  /** A readable line, e.g. `PERSON "John Kerry"` or `AFFILIATED_WITH: Kerry → State Department`. */
  summary: string
  /** done: in effect (undoable); undone: reverted (redoable); discarded: reverted, then superseded by a new edit. */
  state: 'done' | 'undone' | 'discarded'
  createdAt: string
}

/**
 * What undo/redo answer: the action they reverted or replayed (null when there
 * was none) and what that changed in the layer, as the store now has it: items
 * written back (restored or updated; a restored item may carry a new id if its
 * old one was taken) and ids removed. Relations of a removed span are removed too.
 */
export interface HistoryStep {
  entry: HistoryEntry | null
  changes: {
    spans: Span[]
    relations: Relation[]
    removedSpanIds: number[]
    removedRelationIds: number[]
  }
}

const Layer = z.strictObject({ documentId: RowId, annotator: AnnotatorName })

export const historyMethods = {
  'history.undo': def(Layer, returns<HistoryStep>()),
  'history.redo': def(Layer, returns<HistoryStep>()),
  'history.list': def(
    z.strictObject({ documentId: RowId, annotator: AnnotatorName.optional(), limit: z.number().int().positive().max(10_000).optional() }),
    returns<HistoryEntry[]>(),
  ),
}
