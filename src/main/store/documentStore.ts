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
  /** An entity label name: documents with at least one span of it in the annotator's layer. */
  label?: string
  query?: string
}

/** A summary plus where the query hit: positions are 1-based code points (0 = no hit); `window` is text around the text hit. */
export interface ListedDocument extends DocumentSummary {
  titleHitAt: number
  textHitAt: number
  idHitAt: number
  /** Code points of the title line the text starts with (0 when it does not). */
  bodyStart: number
  window: string | null
  windowStart: number
}

/** Characters of text kept either side of a search hit. */
const SNIPPET_CONTEXT = 80

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
  private readonly summaryStmt
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
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    )
    // One pass: counts per document for one annotator, status defaulting to todo. The search is
    // case-insensitive (ASCII, as SQLite's lower() folds) and finds the first hit in the body (the
    // text after its title line, which imports repeat at the top) as a 1-based code point position,
    // as instr counts, with a window of text around it for the snippet.
    this.summaryStmt = db.prepare(
      `SELECT m.id, m.externalId, m.title, m.length, m.spanCount, m.relationCount, m.status,
              m.titleHitAt, m.textHitAt, m.idHitAt, m.bodyStart,
              CASE WHEN m.textHitAt > 0
                   THEN substr(m.text, max(m.bodyStart + 1, m.textHitAt - @context), m.textHitAt - max(m.bodyStart + 1, m.textHitAt - @context) + length(@query) + @context)
              END AS window,
              max(m.bodyStart + 1, m.textHitAt - @context) AS windowStart
         FROM (
       SELECT b.*, CASE WHEN b.bodyHitAt > 0 THEN b.bodyHitAt + b.bodyStart ELSE 0 END AS textHitAt
         FROM (
       SELECT d.id, d.external_id AS externalId, d.title, length(d.text) AS length, d.text,
              (SELECT COUNT(*) FROM spans s WHERE s.document_id = d.id AND s.annotator_id = @annotator) AS spanCount,
              (SELECT COUNT(*) FROM relations r WHERE r.document_id = d.id AND r.annotator_id = @annotator) AS relationCount,
              COALESCE(st.status, 'todo') AS status,
              CASE WHEN substr(d.text, 1, length(d.title)) = d.title THEN length(d.title) ELSE 0 END AS bodyStart,
              CASE WHEN @query IS NULL THEN 0 ELSE instr(lower(d.title), lower(@query)) END AS titleHitAt,
              CASE WHEN @query IS NULL THEN 0
                   ELSE instr(lower(substr(d.text, CASE WHEN substr(d.text, 1, length(d.title)) = d.title THEN length(d.title) ELSE 0 END + 1)), lower(@query))
              END AS bodyHitAt,
              CASE WHEN @query IS NULL THEN 0 ELSE instr(lower(d.external_id), lower(@query)) END AS idHitAt
         FROM documents d
         LEFT JOIN document_status st ON st.document_id = d.id AND st.annotator_id = @annotator
        WHERE (@status IS NULL OR COALESCE(st.status, 'todo') = @status)
          AND (@label IS NULL OR EXISTS (
                SELECT 1 FROM spans s JOIN label_types l ON l.id = s.label_id
                 WHERE s.document_id = d.id AND s.annotator_id = @annotator AND l.kind = 'entity' AND l.name = @label))
        ) b ) m
        WHERE @query IS NULL OR m.titleHitAt > 0 OR m.textHitAt > 0 OR m.idHitAt > 0
        ORDER BY m.externalId`,
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
  byExternalId(externalId: string): DocumentRecord | null {
    const r = this.byExternalStmt.get(externalId)
    return r ? fromRow(r) : null
  }
  count(): number {
    return this.countStmt.get()!.n
  }
  list(annotatorId: number, filter: ListFilter = {}): ListedDocument[] {
    const query = filter.query?.trim() ? filter.query.trim() : null
    const rows = this.summaryStmt.all({
      annotator: annotatorId,
      status: filter.status ?? null,
      label: filter.label ?? null,
      query,
      context: SNIPPET_CONTEXT,
    }) as ListedDocument[]
    return rows
  }
  status(documentId: number, annotatorId: number): DocStatus {
    return this.statusStmt.get(documentId, annotatorId)?.status ?? 'todo'
  }
  setStatus(documentId: number, annotatorId: number, status: DocStatus): void {
    this.setStatusStmt.run(documentId, annotatorId, status, new Date().toISOString())
  }
}
