import type Database from 'better-sqlite3'
import { GOLD_ANNOTATOR } from '../../shared/domain/model'
import type { Annotator } from '../../shared/domain/model'

interface Row {
  id: number
  name: string
  kind: 'human' | 'gold'
}

/** Annotators: every layer belongs to one; the gold layer is an annotator of kind 'gold'. */
export class AnnotatorStore {
  private readonly byNameStmt
  private readonly insertStmt
  private readonly listStmt
  constructor(private readonly db: Database.Database) {
    this.byNameStmt = db.prepare<[string], Row>('SELECT id, name, kind FROM annotators WHERE name = ?')
    this.insertStmt = db.prepare('INSERT INTO annotators (name, kind, created_at) VALUES (?, ?, ?)')
    this.listStmt = db.prepare<[], Row>('SELECT id, name, kind FROM annotators ORDER BY kind DESC, name')
  }
  byName(name: string): Annotator | null {
    return this.byNameStmt.get(name) ?? null
  }
  /** Returns the annotator, creating it on first use (the name `gold` is the gold layer, whichever way it arrives). */
  ensure(name: string, kind: 'human' | 'gold' = name === GOLD_ANNOTATOR ? 'gold' : 'human'): Annotator {
    const found = this.byNameStmt.get(name)
    if (found) return found
    const info = this.insertStmt.run(name, kind, new Date().toISOString())
    return { id: Number(info.lastInsertRowid), name, kind }
  }
  list(): Annotator[] {
    return this.listStmt.all()
  }
  /** The human annotators with a layer on this document (spans, or a status row: they opened it), by name. */
  humansWithLayerOn(documentId: number): Annotator[] {
    return this.db
      .prepare<[number, number], Row>(
        `SELECT a.id, a.name, a.kind FROM annotators a
          WHERE a.kind = 'human'
            AND (EXISTS (SELECT 1 FROM spans s WHERE s.annotator_id = a.id AND s.document_id = ?)
                 OR EXISTS (SELECT 1 FROM document_status st WHERE st.annotator_id = a.id AND st.document_id = ?))
          ORDER BY a.name`,
      )
      .all(documentId, documentId)
  }
  /** Names of every human annotator with a layer somewhere (spans, or a status row), by name. */
  humanNamesWithAnyLayer(): string[] {
    return this.db
      .prepare<[], string>(
        `SELECT a.name FROM annotators a
          WHERE a.kind = 'human'
            AND (EXISTS (SELECT 1 FROM spans s WHERE s.annotator_id = a.id)
                 OR EXISTS (SELECT 1 FROM document_status st WHERE st.annotator_id = a.id))
          ORDER BY a.name`,
      )
      .pluck()
      .all()
  }
}
