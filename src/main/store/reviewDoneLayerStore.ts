import type Database from 'better-sqlite3'
import type { LayerItem } from '../../shared/review/changedSinceDone'
import { annotatorItemsOf } from './migrations/0020-review-last-finish'

/**
 * The annotators' items of a review as kept when it was last marked done (migrations 19 and 20: kept while it is done,
 * and after it is reopened until it is marked done again), and as they are now.
 */
export interface DoneLayers {
  /** 'done': kept at the finish; 'upgrade': kept when the workspace was upgraded past a finish made earlier. */
  taken: 'done' | 'upgrade'
  then: LayerItem[]
  now: LayerItem[]
}

const COLUMNS = 'annotator_id AS annotatorId, kind, item_id AS itemId, content'

/** Reads what review_done_layers kept beside the layers now (an older read-only file without the table reads null). */
export class ReviewDoneLayerStore {
  private readonly takenStmt
  private readonly thenStmt
  private readonly nowStmt

  constructor(db: Database.Database) {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_done_layers'").get() !== undefined
    this.takenStmt = has ? db.prepare<[number], { taken: DoneLayers['taken'] }>('SELECT taken FROM review_done_layers WHERE document_id = ?') : null
    this.thenStmt = has ? db.prepare<[number], LayerItem>(`SELECT ${COLUMNS} FROM review_done_items WHERE document_id = ?`) : null
    this.nowStmt = db.prepare<[{ doc: number }], LayerItem>(`SELECT ${COLUMNS} FROM (${annotatorItemsOf('@doc')})`)
  }

  /** Null when the document's review was never marked done, or not since its status was removed (or the file predates migration 19). */
  of(documentId: number): DoneLayers | null {
    const row = this.takenStmt?.get(documentId)
    if (!row) return null
    return { taken: row.taken, then: this.thenStmt!.all(documentId), now: this.nowStmt.all({ doc: documentId }) }
  }
}
