import { GOLD_ANNOTATOR } from '../domain/model'
import type { ServerLayer } from './changeLog'

/** Who is syncing: their role name (= annotator name) and whether they may write the gold layer. */
export interface TeamMember {
  name: string
  reviewer: boolean
}

/**
 * Ownership: an annotator's layer is written only by that annotator, the gold
 * layer by reviewers. The server enforces the same rule with row-level
 * security; the client checks first so a refusal can say why in words.
 */
export function mayWriteLayer(annotator: string, me: TeamMember): boolean {
  return annotator === me.name || (annotator === GOLD_ANNOTATOR && me.reviewer)
}

export function refusalReason(annotator: string, me: TeamMember): string {
  return annotator === GOLD_ANNOTATOR
    ? `${me.name} is not a reviewer, so cannot write the gold layer`
    : `the layer belongs to ${annotator}; ${me.name} cannot write it`
}

/**
 * Compare-and-set: a write made on `baseVersion` lands only if the server still
 * holds that version (null on both sides: a layer new to the server). Anything
 * else is a conflict, never a silent overwrite.
 */
export function compareAndSet(baseVersion: number | null, serverVersion: number | null): { kind: 'write'; version: number } | { kind: 'conflict' } {
  return baseVersion === serverVersion ? { kind: 'write', version: (serverVersion ?? 0) + 1 } : { kind: 'conflict' }
}

/**
 * A push that compare-and-set refused, when `writtenBySent` is the version the server's change log gives for this
 * desktop's own pushes of the layer that were never answered (null: none landed): if that is the server's current
 * version, the server holds this desktop's own lost write and the local edits since were made on top of it, so the
 * change is rebased on that version and pushed again. Anything else is someone else's write: a conflict.
 */
export function refusedPushAction(serverVersion: number | null, writtenBySent: number | null): 'rebase' | 'conflict' {
  return serverVersion !== null && writtenBySent === serverVersion ? 'rebase' : 'conflict'
}

/**
 * What to do with a layer pulled from the server, given the local copy:
 * skip it when this desktop already has that version (its own push coming
 * back, or a pull repeated after a crash); keep the local copy when it has
 * unpushed edits (the next push finds the conflict); else take the server's.
 */
export function pullAction(local: { baseVersion: number | null; dirty: boolean }, server: { version: number }): 'skip' | 'keep-local' | 'apply' {
  if (local.baseVersion !== null && server.version <= local.baseVersion) return 'skip'
  if (local.dirty) return 'keep-local'
  return 'apply'
}

/** The cursor after a pulled batch: the highest server sequence seen (never moves back). */
export function nextCursor(cursor: number, batch: readonly Pick<ServerLayer, 'seq'>[]): number {
  return batch.reduce((c, l) => Math.max(c, l.seq), cursor)
}
