import type Database from 'better-sqlite3'
import type { LayerContent } from '../../shared/team/changeLog'
import type { GoldItemContent, GoldItemKind } from '../../shared/team/goldItems'

/** One copy kept aside by sync (team_conflicts), with this desktop's and (gold items) the server's content. */
export interface StoredConflict {
  id: number
  documentId: number
  externalId: string
  annotator: string
  annotatorId: number
  kind: 'conflict' | 'refused'
  reason: string
  /** The gold item it is about; null: a whole layer. */
  item: { uid: string; kind: GoldItemKind } | null
  /** A layer's content, or a gold item's (null: this desktop had deleted it). */
  mine: LayerContent | GoldItemContent | null
  /** The server's copy of the gold item when the conflict was found (null: none, or not kept for a layer). */
  theirs: GoldItemContent | null
  serverVersion: number | null
  createdAt: string
}

interface Row {
  id: number
  document_id: number
  external_id: string
  name: string
  annotator_id: number
  kind: 'conflict' | 'refused'
  reason: string
  item_uid: string | null
  item_kind: GoldItemKind | null
  mine: string
  theirs: string | null
  server_version: number | null
  created_at: string
}

const fromRow = (r: Row): StoredConflict => ({
  id: r.id,
  documentId: r.document_id,
  externalId: r.external_id,
  annotator: r.name,
  annotatorId: r.annotator_id,
  kind: r.kind,
  reason: r.reason,
  item: r.item_uid && r.item_kind ? { uid: r.item_uid, kind: r.item_kind } : null,
  mine: JSON.parse(r.mine) as StoredConflict['mine'],
  theirs: r.theirs === null ? null : (JSON.parse(r.theirs) as GoldItemContent | null),
  serverVersion: r.server_version,
  createdAt: r.created_at,
})

const SELECT = `SELECT c.id, c.document_id, d.external_id, a.name, c.annotator_id, c.kind, c.reason, c.item_uid, c.item_kind, c.mine, c.theirs, c.server_version, c.created_at
                  FROM team_conflicts c JOIN documents d ON d.id = c.document_id JOIN annotators a ON a.id = c.annotator_id`
// A workspace read without migrating (the CLI's read-only open) may predate migration 11: no item columns yet.
const SELECT_BEFORE_11 = SELECT.replace('c.item_uid, c.item_kind', 'NULL AS item_uid, NULL AS item_kind').replace('c.theirs', 'NULL AS theirs')

/** The copies sync kept aside (migrations 9 and 11), and their resolution. */
export class TeamConflictStore {
  private readonly select: string

  constructor(private readonly db: Database.Database) {
    const cols = (db.pragma('table_info(team_conflicts)') as { name: string }[]).map((c) => c.name)
    this.select = cols.includes('item_uid') ? SELECT : SELECT_BEFORE_11
  }

  /** Unresolved ones, oldest first; of one document when given. */
  open(documentId?: number): StoredConflict[] {
    const rows =
      documentId === undefined
        ? this.db.prepare<[], Row>(`${this.select} WHERE c.resolved = 0 ORDER BY c.id`).all()
        : this.db.prepare<[number], Row>(`${this.select} WHERE c.resolved = 0 AND c.document_id = ? ORDER BY c.id`).all(documentId)
    return rows.map(fromRow)
  }

  byId(id: number): (StoredConflict & { resolved: boolean }) | null {
    const r = this.db.prepare<[number], Row & { resolved: number }>(`${this.select.replace('c.created_at', 'c.created_at, c.resolved')} WHERE c.id = ?`).get(id)
    return r ? { ...fromRow(r), resolved: r.resolved === 1 } : null
  }

  /** Marks it resolved (once): false when it already was. */
  markResolved(id: number, resolution: 'server' | 'mine'): boolean {
    return this.db.prepare('UPDATE team_conflicts SET resolved = 1, resolution = ? WHERE id = ? AND resolved = 0').run(resolution, id).changes === 1
  }

  /** This desktop's undo steps of a layer no longer apply once sync or a resolution rewrote its rows. */
  retireHistory(documentId: number, annotatorId: number): void {
    this.db
      .prepare("UPDATE history SET state = 'discarded', changed_at = ? WHERE document_id = ? AND annotator_id = ? AND state != 'discarded'")
      .run(new Date().toISOString(), documentId, annotatorId)
  }
}
