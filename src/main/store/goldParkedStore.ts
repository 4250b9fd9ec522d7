import type Database from 'better-sqlite3'
import type { ServerGoldItem } from '../../shared/team/goldItems'

/** A pulled gold item still waiting for what it names (a relation for its spans, a rejection for its item). */
export interface ParkedGoldItem {
  localDocumentId: number
  item: ServerGoldItem
  /** Full syncs it has waited through. */
  waits: number
}

/**
 * The waiting room of pulled gold items (`team_gold_parked`, migration 11):
 * how long each has waited, and ending a wait. The count of syncs waited
 * travels inside the row's JSON beside the item (`waits`), so a fresh pulled
 * copy of the same item (INSERT OR REPLACE without it) starts from zero again.
 */
export class GoldParkedStore {
  private readonly all
  private readonly update
  private readonly remove

  constructor(db: Database.Database) {
    this.all = db.prepare<[], { document_id: number; item: string }>('SELECT document_id, item FROM team_gold_parked ORDER BY document_id, uid')
    this.update = db.prepare<[string, number, string]>('UPDATE team_gold_parked SET item = ? WHERE document_id = ? AND uid = ?')
    this.remove = db.prepare<[number, string]>('DELETE FROM team_gold_parked WHERE document_id = ? AND uid = ?')
  }

  list(): ParkedGoldItem[] {
    return this.all.all().map((row) => {
      const { waits, ...item } = JSON.parse(row.item) as ServerGoldItem & { waits?: unknown }
      return { localDocumentId: row.document_id, item, waits: typeof waits === 'number' ? waits : 0 }
    })
  }

  /** One more full sync waited through. */
  waited(p: ParkedGoldItem): void {
    this.update.run(JSON.stringify({ ...p.item, waits: p.waits + 1 }), p.localDocumentId, p.item.uid)
  }

  /** The wait is over: the item is not kept on this desktop (the caller reports why). */
  drop(p: ParkedGoldItem): void {
    this.remove.run(p.localDocumentId, p.item.uid)
  }
}
