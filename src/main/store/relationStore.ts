import type Database from 'better-sqlite3'
import type { AttributeValue, Provenance, Relation, RelationKind } from '../../shared/domain/model'
import { provenanceColumns, provenanceOf } from './provenanceColumns'
import type { ProvenanceRow } from './provenanceColumns'

interface Row extends ProvenanceRow {
  id: number
  document_id: number
  annotator: string
  label: string
  head_id: number
  tail_id: number
  kind: RelationKind
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
  kind?: RelationKind
  attributes?: Record<string, AttributeValue>
  note?: string
  sourceId?: string | null
  provenance?: Provenance | null
}

const SELECT = `SELECT r.id, r.document_id, a.name AS annotator, l.name AS label, r.head_id, r.tail_id, r.kind,
                       r.attributes, r.note, r.source_id, r.created_at,
                       r.prov_annotator, r.prov_item_id, r.prov_accepted_by, r.prov_accepted_at, r.prov_edited
                  FROM relations r JOIN annotators a ON a.id = r.annotator_id JOIN label_types l ON l.id = r.label_id`

/** '{}' for no attributes without a stringify call (most rows of a big import have none). */
function attributesJson(a: Record<string, AttributeValue> | undefined): string {
  if (!a) return '{}'
  for (const key in a) if (Object.hasOwn(a, key)) return JSON.stringify(a)
  return '{}'
}

function fromRow(r: Row): Relation {
  return {
    id: r.id,
    documentId: r.document_id,
    annotator: r.annotator,
    label: r.label,
    headId: r.head_id,
    tailId: r.tail_id,
    kind: r.kind,
    attributes: r.attributes === '{}' ? {} : (JSON.parse(r.attributes) as Record<string, AttributeValue>),
    note: r.note,
    sourceId: r.source_id,
    createdAt: r.created_at,
    ...provenanceOf(r),
  }
}

/** Relations: typed, directed links between two spans of the same layer (by span id, never offsets). */
export class RelationStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly layerStmt
  private readonly layersOfStmt
  private readonly deleteStmt
  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO relations (document_id, annotator_id, label_id, head_id, tail_id, kind, attributes, note, source_id, created_at,
                              prov_annotator, prov_item_id, prov_accepted_by, prov_accepted_at, prov_edited)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.byIdStmt = db.prepare<[number], Row>(`${SELECT} WHERE r.id = ?`)
    this.layerStmt = db.prepare<[number, number], Row>(`${SELECT} WHERE r.document_id = ? AND r.annotator_id = ? ORDER BY r.id`)
    this.layersOfStmt = db.prepare<{ ids: string; annotator: number | null }, Row>(
      `${SELECT} WHERE r.document_id IN (SELECT value FROM json_each(@ids)) AND (@annotator IS NULL OR r.annotator_id = @annotator)
        ORDER BY r.document_id, r.annotator_id, r.id`,
    )
    this.deleteStmt = db.prepare('DELETE FROM relations WHERE id = ?')
  }
  /** `createdAt` may be given once for a batch (an import stamps all its rows with one time). */
  insert(r: RelationInsert, createdAt = new Date().toISOString()): number {
    const info = this.insertStmt.run(
      r.documentId,
      r.annotatorId,
      r.labelId,
      r.headId,
      r.tailId,
      r.kind ?? 'binary',
      attributesJson(r.attributes),
      r.note ?? '',
      r.sourceId ?? null,
      createdAt,
      ...provenanceColumns(r.provenance),
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
  /** Every layer of these documents (one annotator's, when given), ordered by document, annotator, id. */
  layersOf(documentIds: number[], annotatorId: number | null = null): Relation[] {
    return this.layersOfStmt.all({ ids: JSON.stringify(documentIds), annotator: annotatorId }).map(fromRow)
  }
  delete(id: number): number {
    return this.deleteStmt.run(id).changes
  }
}
