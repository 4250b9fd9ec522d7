/**
 * What travels between a desktop and the team server: one change names one
 * layer (a document's annotations by one annotator, or the gold layer) and
 * carries that layer as it now is. Edits made between two syncs are folded
 * into one change, so a push sends each layer once however much was edited.
 */

/** One column value as SQLite and JSON both hold it. */
export type CellValue = string | number | null

/** A span without its local ids: the label by name, every other column as stored. */
export interface LayerSpan {
  label: string
  cells: Record<string, CellValue>
}

/** A relation; head and tail are indexes into the layer's `spans`. */
export interface LayerRelation {
  label: string
  head: number
  tail: number
  cells: Record<string, CellValue>
}

export interface LayerContent {
  spans: LayerSpan[]
  relations: LayerRelation[]
  /** The annotator's status of the document (todo, in_progress, done), or null when none was set. */
  status: string | null
}

/** Names a layer across desktops: the document's external id and the annotator's name. */
export interface LayerKey {
  documentId: string
  annotator: string
}

/** A local change waiting to be pushed. `baseVersion` is the server version it was made on (null: a layer new to the server). */
export interface OutgoingChange extends LayerKey {
  changeId: string
  baseVersion: number | null
  content: LayerContent
}

/** A layer as the server holds it; `seq` orders every write the server accepted. */
export interface ServerLayer extends LayerKey {
  version: number
  seq: number
  content: LayerContent
}

export type PushOutcome =
  | { kind: 'applied'; version: number }
  /** The same change id was applied before (a push retried after a crash): nothing written again. */
  | { kind: 'already-applied'; version: number }
  /** Someone else wrote the layer since `baseVersion`: the local copy is kept as a conflict, the server's wins locally. */
  | { kind: 'conflict'; serverVersion: number | null }
  | { kind: 'refused'; reason: string }

export interface SyncReport {
  pushed: number
  pulled: number
  refused: { layer: LayerKey; reason: string }[]
  /** Lost races; `item` names the gold item (gold travels item by item), absent for a whole layer. */
  conflicts: (LayerKey & { item?: string; reason?: string })[]
  /** Pulled layers whose server copy was unusable (malformed by another client): the local copy is kept. */
  skipped: { layer: LayerKey; reason: string }[]
  /** Changes held back, not sent: their documents are not on the server yet (a member's import; admins add documents). */
  waiting?: { layers: number; goldItems: number; documents: number }
  /** The team database is not the one this workspace synced with (it was made again under the same name): everything was pushed to it anew. */
  newTeamDatabase?: true
  /** The team database is an older copy of the one this workspace last synced with (restored from a dump): what it lacked was sent again. */
  olderTeamDatabase?: true
  /**
   * With olderTeamDatabase: assignments this workspace had pulled that the older copy lacks (given or withdrawn after
   * its backup). An admin's desktop sent them again; any other desktop could not (only admins assign), and says so.
   */
  olderTeamAssignments?: { sentAgain?: number; lost?: number; sample: string[] }
}

export function layerName(k: LayerKey): string {
  return `${k.annotator}'s layer of ${k.documentId}`
}

/** The one line about changes held back for their documents, or null when none wait. */
export function waitingSummary(w: SyncReport['waiting']): string | null {
  if (!w || w.layers + w.goldItems === 0) return null
  const n = (k: number, one: string) => `${k.toLocaleString('en')} ${one}${k === 1 ? '' : 's'}`
  const what = [w.layers ? n(w.layers, 'layer') : null, w.goldItems ? n(w.goldItems, 'gold item') : null].filter(Boolean).join(' and ')
  return `${what} wait${w.layers + w.goldItems === 1 ? 's' : ''} for ${n(w.documents, 'document')} an admin has not added to the team; they are not sent until an admin adds ${w.documents === 1 ? 'it' : 'them'}, then the next sync sends them`
}

/** What a sync says when the team database is not the one the workspace synced with before (SyncReport.newTeamDatabase). */
export const NEW_TEAM_DATABASE_NOTE =
  'this team database is not the one this workspace last synced with (it was made again under the same name); this workspace joined it as a new team and pushed everything it holds'

/** What a sync says when the team database is an older copy of the one the workspace synced with (SyncReport.olderTeamDatabase). */
export const OLDER_TEAM_DATABASE_NOTE =
  "this team database is an older copy of the one this workspace last synced with (restored from a backup made before this workspace's last sync); this workspace sent again its layers and gold items the copy lacked, and pulled the team's layers and gold again"

/** The line about assignments a restored older copy lacked (SyncReport.olderTeamAssignments), or null. */
export function olderTeamAssignmentsNote(a: SyncReport['olderTeamAssignments']): string | null {
  if (!a) return null
  const n = a.sentAgain ?? a.lost ?? 0
  if (!n) return null
  const what = `${n.toLocaleString('en')} assignment${n === 1 ? '' : 's'} made after that backup (${a.sample.join(', ')}${n > a.sample.length ? ', …' : ''})`
  return a.sentAgain
    ? `this admin's workspace sent again ${what}, which the older copy lacked`
    : `the older copy lacks ${what}, which this workspace had pulled and cannot send again (only admins assign); an admin's workspace that pulled them sends them again at its next sync, or an admin assigns them again`
}

export function syncSummary(r: SyncReport): string {
  return `pushed ${r.pushed}, pulled ${r.pulled}, refused ${r.refused.length}, conflicts ${r.conflicts.length}${r.skipped.length ? `, skipped ${r.skipped.length}` : ''}`
}
