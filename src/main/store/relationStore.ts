import type Database from 'better-sqlite3'
import type { AttributeValue, Relation } from '../../shared/domain/model'

interface Row {
  id: number
  document_id: number
  annotator: string
  label: string
  head_id: number
  tail_id: number
  attributes: string
  note: string
  source_id: string | null
  created_at: string
}

export interface RelationInsert {
  documentId: number
  annotatorId: number
  labelId: number
  headId: number
  tailId: number
  attributes?: Record<string, AttributeValue>
  note?: string
  sourceId?: string | null
}

const SELECT = `SELECT r.id, r.document_id, a.name AS annotator, l.name AS label, r.head_id, r.tail_id,
                       r.attributes, r.note, r.source_id, r.created_at
                  FROM relations r JOIN annotators a ON a.id = r.annotator_id JOIN label_types l ON l.id = r.label_id`

function fromRow(r: Row): Relation {
  return {
    id: r.id,
    documentId: r.document_id,
    annotator: r.annotator,
    label: r.label,
    headId: r.head_id,
    tailId: r.tail_id,
    attributes: JSON.parse(r.attributes) as Record<string, AttributeValue>,
    note: r.note,
    sourceId: r.source_id,
    createdAt: r.created_at,
  }
}

/** Relations: typed, directed links between two spans of the same layer (by span id, never offsets). */
export class RelationStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly layerStmt
  private readonly deleteStmt
  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO relations (document_id, annotator_id, label_id, head_id, tail_id, attributes, note, source_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.byIdStmt = db.prepare<[number], Row>(`${SELECT} WHERE r.id = ?`)
    this.layerStmt = db.prepare<[number, number], Row>(`${SELECT} WHERE r.document_id = ? AND r.annotator_id = ? ORDER BY r.id`)
    this.deleteStmt = db.prepare('DELETE FROM relations WHERE id = ?')
  }
  insert(r: RelationInsert): number {
    const info = this.insertStmt.run(
      r.documentId,
      r.annotatorId,
      r.labelId,
      r.headId,
      r.tailId,
      JSON.stringify(r.attributes ?? {}),
      r.note ?? '',
      r.sourceId ?? null,
      new Date().toISOString(),
    )
    return Number(info.lastInsertRowid)
  }
  byId(id: number): Relation | null {
    const r = this.byIdStmt.get(id)
    return r ? fromRow(r) : null
  }
  layer(documentId: number, annotatorId: number): Relation[] {
    return this.layerStmt.all(documentId, annotatorId).map(fromRow)
  }
  delete(id: number): number {
    return this.deleteStmt.run(id).changes
  }
}
