import { z } from 'zod'
import { def, returns, RowId } from '../define'

/** One side of a kept-aside copy, in words for the review view. */
export interface ConflictSide {
  /** e.g. `ORG "United Nations" (4–18)`, `MET: "Kerry" → "Michel"`, `3 spans, 1 relation`, or `deleted`. */
  summary: string
  deleted: boolean
}

/** A change sync kept aside: a lost race (someone else wrote the same item first) or a refusal. */
export interface TeamConflict {
  id: number
  documentId: number
  externalId: string
  /** Whose layer: `gold` for a gold item. */
  annotator: string
  kind: 'conflict' | 'refused'
  reason: string
  /** The gold item it is about; null: a whole layer. */
  item: { uid: string; kind: 'span' | 'relation' | 'status' | 'review' | 'rejection' } | null
  /** This desktop's version, kept aside. */
  mine: ConflictSide
  /** The server's version when the conflict was found (what this desktop now shows); null when not known. */
  theirs: ConflictSide | null
  /** "Take mine" can resolve it (a refusal cannot: the server would refuse again). */
  canTakeMine: boolean
  createdAt: string
}

export const ConflictResolution = z.enum(['server', 'mine'])
export type ConflictResolution = z.infer<typeof ConflictResolution>

export const conflictMethods = {
  /** The copies sync kept aside and not yet resolved; of one document when given. */
  'conflicts.list': def(z.strictObject({ documentId: RowId.optional() }), returns<TeamConflict[]>()),
  /**
   * Resolves one: `server` keeps the server's version (already shown); `mine` puts this desktop's version back over
   * the current one, so the next sync pushes it as a normal compare-and-set write.
   */
  'conflicts.resolve': def(z.strictObject({ id: RowId, keep: ConflictResolution }), returns<{ resolved: TeamConflict; remaining: number }>()),
}
