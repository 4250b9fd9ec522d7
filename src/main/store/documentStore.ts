import type Database from 'better-sqlite3'
import type { DocStatus, DocumentRecord } from '../../shared/domain/model'
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
  private readonly byIdsStmt
  private readonly byExternalStmt
  private readonly hashByExternalStmt
  private readonly statusStmt
  private readonly setStatusStmt
  private readonly markLayerStmt
  private readonly countStmt
  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO documents (external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.byIdStmt = db.prepare<[number], DocRow>('SELECT * FROM documents WHERE id = ?')
    this.byIdsStmt = db.prepare<[string], DocRow>('SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))')
    this.byExternalStmt = db.prepare<[string], DocRow>('SELECT * FROM documents WHERE external_id = ?')
    this.hashByExternalStmt = db.prepare<[string], { id: number; text_hash: string }>('SELECT id, text_hash FROM documents WHERE external_id = ?')
    this.statusStmt = db.prepare<[number, number], { status: DocStatus }>(
      'SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?',
    )
    this.setStatusStmt = db.prepare(
      `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
       WHERE status IS NOT excluded.status`, // the same status again is no change: a re-import must not mark the layer for sync
    )
    this.markLayerStmt = db.prepare(
      `INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, 'todo', ?)
       ON CONFLICT (document_id, annotator_id) DO NOTHING`,
    )
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM documents')
  }

  /** `textHash` may be passed when the caller has it already (an import hashes every text while checking it). */
  insert(d: NewDocument & { textHash?: string }, createdAt = new Date().toISOString()): number {
    const meta = JSON.stringify(d.meta)
    const info = this.insertStmt.run(d.externalId, d.title, d.text, d.textHash ?? textHash(d.text), meta, createdAt)
    return Number(info.lastInsertRowid)
  }
  byId(id: number): DocumentRecord | null {
    const r = this.byIdStmt.get(id)
    return r ? fromRow(r) : null
  }
  /** Several documents in one query (an export reads hundreds at a time); missing ids are left out. */
  byIds(ids: number[]): DocumentRecord[] {
    return this.byIdsStmt.all(JSON.stringify(ids)).map(fromRow)
  }
  /** The id and text hash of a document, without reading its text (an import checks every record this way). */
  hashByExternalId(externalId: string): { id: number; textHash: string } | null {
    const r = this.hashByExternalStmt.get(externalId)
    return r ? { id: r.id, textHash: r.text_hash } : null
  }
  /** The same for many documents in one query (an import checks a slice of records so); absent ones are left out. */
  hashesByExternalIds(externalIds: string[]): Map<string, { id: number; textHash: string }> {
    const rows = this.db
      .prepare<[string], { external_id: string; id: number; text_hash: string }>('SELECT external_id, id, text_hash FROM documents WHERE external_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(externalIds))
    return new Map(rows.map((r) => [r.external_id, { id: r.id, textHash: r.text_hash }]))
  }
  byExternalId(externalId: string): DocumentRecord | null {
    const r = this.byExternalStmt.get(externalId)
    return r ? fromRow(r) : null
  }
  count(): number {
    return this.countStmt.get()!.n
  }
  /** Every document's row id, in row id order (agreement reads them one by one). */
  idsInIdOrder(): number[] {
    return this.db.prepare<[], number>('SELECT id FROM documents ORDER BY id').pluck().all()
  }
  /** Every document's row id and external id, in external id order (exports and workspace imports walk this order). */
  idsInExternalIdOrder(): { id: number; externalId: string }[] {
    return this.db.prepare<[], { id: number; externalId: string }>('SELECT id, external_id AS externalId FROM documents ORDER BY external_id').all()
  }
  status(documentId: number, annotatorId: number): DocStatus {
    return this.statusStmt.get(documentId, annotatorId)?.status ?? 'todo'
  }
  setStatus(documentId: number, annotatorId: number, status: DocStatus): void {
    this.setStatusStmt.run(documentId, annotatorId, status, new Date().toISOString())
  }
  /**
   * The human layers of a document (spans, or a status the annotator set or an import recorded), with their span
   * counts from the kept counts (migration 13): what the document view tells an annotator whose own layer is empty.
   */
  layers(documentId: number): { annotator: string; spans: number; status: DocStatus }[] {
    return this.db
      .prepare<{ doc: number }, { annotator: string; spans: number; status: DocStatus }>(
        `SELECT a.name AS annotator, COALESCE(c.spans, 0) AS spans, COALESCE(st.status, 'todo') AS status
           FROM annotators a
           LEFT JOIN layer_span_counts c ON c.document_id = @doc AND c.annotator_id = a.id
           LEFT JOIN document_status st ON st.document_id = @doc AND st.annotator_id = a.id
          WHERE a.kind = 'human' AND (c.spans > 0 OR st.status IS NOT NULL)
          ORDER BY a.name`,
      )
      .all({ doc: documentId })
  }
  /**
   * Records that a layer exists without changing a status it has: a `todo`
   * row unless there is one (an import of an empty layer, so an export by
   * annotator writes it as the real negative it is).
   */
  markLayer(documentId: number, annotatorId: number, at = new Date().toISOString()): void {
    this.markLayerStmt.run(documentId, annotatorId, at)
  }
  /** Whether the annotator has a status row on the document (set by them, or by an import of an empty layer). */
  hasStatusRow(documentId: number, annotatorId: number): boolean {
    return this.statusStmt.get(documentId, annotatorId) !== undefined
  }
}
