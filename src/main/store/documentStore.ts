import type Database from 'better-sqlite3'
import type { DocStatus, DocumentRecord, DocumentSummary } from '../../shared/domain/model'
import { textHash } from '../../shared/text/textHash'

interface DocRow {
  id: number
  external_id: string
  title: string
  text: string
  text_hash: string
  meta: string
}

export interface NewDocument {
  externalId: string
  title: string
  text: string
  meta: Record<string, unknown>
}

export interface ListFilter {
  status?: DocStatus
  query?: string
}

function fromRow(r: DocRow): DocumentRecord {
  return {
    id: r.id,
    externalId: r.external_id,
    title: r.title,
    text: r.text,
    textHash: r.text_hash,
    meta: JSON.parse(r.meta) as Record<string, unknown>,
  }
}

/** Documents: immutable text once imported; spans point into it. */
export class DocumentStore {
  private readonly insertStmt
  private readonly byIdStmt
  private readonly byExternalStmt
  private readonly statusStmt
  private readonly setStatusStmt
  private readonly summaryStmt
  private readonly countStmt
  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.byIdStmt = db.prepare<[number], DocRow>('SELECT * FROM documents WHERE id = ?')
    this.byExternalStmt = db.prepare<[string], DocRow>('SELECT * FROM documents WHERE external_id = ?')
    this.statusStmt = db.prepare<[number, number], { status: DocStatus }>(
      'SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?',
    )
    this.setStatusStmt = db.prepare(
      `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    )
    // One pass: counts per document for one annotator, status defaulting to todo.
    this.summaryStmt = db.prepare(
      `SELECT d.id, d.external_id AS externalId, d.title, length(d.text) AS length,
              (SELECT COUNT(*) FROM spans s WHERE s.document_id = d.id AND s.annotator_id = @annotator) AS spanCount,
              (SELECT COUNT(*) FROM relations r WHERE r.document_id = d.id AND r.annotator_id = @annotator) AS relationCount,
              COALESCE(st.status, 'todo') AS status
         FROM documents d
         LEFT JOIN document_status st ON st.document_id = d.id AND st.annotator_id = @annotator
        WHERE (@status IS NULL OR COALESCE(st.status, 'todo') = @status)
          AND (@query IS NULL OR instr(lower(d.title), lower(@query)) > 0 OR instr(lower(d.text), lower(@query)) > 0
               OR instr(lower(d.external_id), lower(@query)) > 0)
        ORDER BY d.external_id`,
    )
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM documents')
  }

  insert(d: NewDocument): number {
    const info = this.insertStmt.run(d.externalId, d.title, d.text, textHash(d.text), JSON.stringify(d.meta), new Date().toISOString())
    return Number(info.lastInsertRowid)
  }
  byId(id: number): DocumentRecord | null {
    const r = this.byIdStmt.get(id)
    return r ? fromRow(r) : null
  }
  byExternalId(externalId: string): DocumentRecord | null {
    const r = this.byExternalStmt.get(externalId)
    return r ? fromRow(r) : null
  }
  count(): number {
    return this.countStmt.get()!.n
  }
  list(annotatorId: number, filter: ListFilter = {}): DocumentSummary[] {
    const query = filter.query?.trim() ? filter.query.trim() : null
    return this.summaryStmt.all({ annotator: annotatorId, status: filter.status ?? null, query }) as DocumentSummary[]
  }
  status(documentId: number, annotatorId: number): DocStatus {
    return this.statusStmt.get(documentId, annotatorId)?.status ?? 'todo'
  }
  setStatus(documentId: number, annotatorId: number, status: DocStatus): void {
    this.setStatusStmt.run(documentId, annotatorId, status, new Date().toISOString())
  }
}
