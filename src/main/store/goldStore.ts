import type Database from 'better-sqlite3'

export type ReviewStatus = 'unreviewed' | 'in_review' | 'adjudicated'

/** The status that means "review done": its gold layer is what `export --gold` writes. */
export const REVIEW_DONE: ReviewStatus = 'adjudicated'

export interface Rejection {
  kind: 'span' | 'relation'
  id: number
  rejectedBy: string
  rejectedAt: string
}

/**
 * The review's own records beside the gold layer (migration 0004): each
 * document's review status and the items a reviewer rejected. The gold items
 * themselves are ordinary spans and relations of the `gold` annotator.
 */
export class GoldStore {
  private readonly statusStmt
  private readonly allStatusStmt
  private readonly doneStmt
  private readonly setStatusStmt
  private readonly rejectionsStmt
  private readonly rejectSpanStmt
  private readonly rejectRelationStmt
  private readonly unrejectSpanStmt
  private readonly unrejectRelationStmt

  constructor(db: Database.Database) {
    this.statusStmt = db.prepare<[number], { status: ReviewStatus }>('SELECT status FROM review_status WHERE document_id = ?')
    this.allStatusStmt = db.prepare<[], { document_id: number; status: ReviewStatus }>('SELECT document_id, status FROM review_status')
    this.doneStmt = db.prepare<[ReviewStatus], { document_id: number }>('SELECT document_id FROM review_status WHERE status = ?')
    this.setStatusStmt = db.prepare(
      `INSERT INTO review_status (document_id, status, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    this.rejectionsStmt = db.prepare<[number], { span_id: number | null; relation_id: number | null; rejected_by: string; rejected_at: string }>(
      'SELECT span_id, relation_id, rejected_by, rejected_at FROM review_rejections WHERE document_id = ? ORDER BY id',
    )
    this.rejectSpanStmt = db.prepare(
      'INSERT INTO review_rejections (document_id, span_id, rejected_by, rejected_at) VALUES (?, ?, ?, ?) ON CONFLICT (span_id) DO NOTHING',
    )
    this.rejectRelationStmt = db.prepare(
      'INSERT INTO review_rejections (document_id, relation_id, rejected_by, rejected_at) VALUES (?, ?, ?, ?) ON CONFLICT (relation_id) DO NOTHING',
    )
    this.unrejectSpanStmt = db.prepare('DELETE FROM review_rejections WHERE span_id = ?')
    this.unrejectRelationStmt = db.prepare('DELETE FROM review_rejections WHERE relation_id = ?')
  }

  status(documentId: number): ReviewStatus {
    return this.statusStmt.get(documentId)?.status ?? 'unreviewed'
  }
  /** Every document with a status row (the others are unreviewed). */
  statuses(): Map<number, ReviewStatus> {
    return new Map(this.allStatusStmt.all().map((r) => [r.document_id, r.status]))
  }
  /** The document's review is marked done (status 'adjudicated'). */
  isReviewDone(documentId: number): boolean {
    return this.status(documentId) === REVIEW_DONE
  }
  /** The ids of every document whose review is marked done. */
  reviewDoneIds(): Set<number> {
    return new Set(this.doneStmt.all(REVIEW_DONE).map((r) => r.document_id))
  }
  setStatus(documentId: number, status: ReviewStatus, by: string): void {
    this.setStatusStmt.run(documentId, status, by, new Date().toISOString())
  }

  rejections(documentId: number): Rejection[] {
    return this.rejectionsStmt.all(documentId).map((r) => ({
      kind: r.span_id !== null ? 'span' : 'relation',
      id: (r.span_id ?? r.relation_id)!,
      rejectedBy: r.rejected_by,
      rejectedAt: r.rejected_at,
    }))
  }
  reject(documentId: number, kind: 'span' | 'relation', id: number, by: string): void {
    ;(kind === 'span' ? this.rejectSpanStmt : this.rejectRelationStmt).run(documentId, id, by, new Date().toISOString())
  }
  unreject(kind: 'span' | 'relation', id: number): void {
    ;(kind === 'span' ? this.unrejectSpanStmt : this.unrejectRelationStmt).run(id)
  }
}
