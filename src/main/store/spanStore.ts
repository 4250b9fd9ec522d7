import type Database from 'better-sqlite3'
import type { AttributeValue, Span } from '../../shared/domain/model'

interface Row {
  id: number
  document_id: number
  annotator: string
  label: string
  start: number
  end: number
  fragments: string | null
  attributes: string
  note: string
  norm: string | null
  source_id: string | null
  created_at: string
}

export interface SpanInsert {
  documentId: number
  annotatorId: number
  labelId: number
  start: number
  end: number
  fragments?: [number, number][] | null
  attributes?: Record<string, AttributeValue>
  note?: string
  norm?: string | null
  sourceId?: string | null
}

const SELECT = `SELECT s.id, s.document_id, a.name AS annotator, l.name AS label, s.start, s.end, s.fragments,
                       s.attributes, s.note, s.norm, s.source_id, s.created_at
                  FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN label_types l ON l.id = s.label_id`

function fromRow(r: Row): Span {
  return {
    id: r.id,
    documentId: r.document_id,
    annotator: r.annotator,
    label: r.label,
    start: r.start,
    end: r.end,
    fragments: r.fragments ? (JSON.parse(r.fragments) as [number, number][]) : null,
    attributes: JSON.parse(r.attributes) as Record<string, AttributeValue>,
    note: r.note,
    norm: r.norm,
    sourceId: r.source_id,
    createdAt: r.created_at,
  }
}

/** Spans: [start, end) in UTF-16 code units of their document's text, one annotator's layer each. */
export class SpanStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly layerStmt
  private readonly deleteStmt
  private readonly countRelationsStmt
  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO spans (document_id, annotator_id, label_id, start, end, fragments, attributes, note, norm, source_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.byIdStmt = db.prepare<[number], Row>(`${SELECT} WHERE s.id = ?`)
    this.layerStmt = db.prepare<[number, number], Row>(`${SELECT} WHERE s.document_id = ? AND s.annotator_id = ? ORDER BY s.start, s.end DESC, s.id`)
    this.deleteStmt = db.prepare('DELETE FROM spans WHERE id = ?')
    this.countRelationsStmt = db.prepare<[number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM relations WHERE head_id = ? OR tail_id = ?',
    )
  }

  insert(s: SpanInsert): number {
    const info = this.insertStmt.run(
      s.documentId,
      s.annotatorId,
      s.labelId,
      s.start,
      s.end,
      s.fragments ? JSON.stringify(s.fragments) : null,
      JSON.stringify(s.attributes ?? {}),
      s.note ?? '',
      s.norm ?? null,
      s.sourceId ?? null,
      new Date().toISOString(),
    )
    return Number(info.lastInsertRowid)
  }
  byId(id: number): Span | null {
    const r = this.byIdStmt.get(id)
    return r ? fromRow(r) : null
  }
  layer(documentId: number, annotatorId: number): Span[] {
    return this.layerStmt.all(documentId, annotatorId).map(fromRow)
  }
  /** Deletes a span and (by cascade, in the same statement's transaction) its relations. */
  delete(id: number): { deleted: number; relationsDeleted: number } {
    return this.db.transaction(() => {
      const relationsDeleted = this.countRelationsStmt.get(id, id)!.n
      const deleted = this.deleteStmt.run(id).changes
      return { deleted, relationsDeleted: deleted ? relationsDeleted : 0 }
    })()
  }
}
