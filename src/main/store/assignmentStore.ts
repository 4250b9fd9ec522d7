import type Database from 'better-sqlite3'

/** One assignment as the server hands it out: given (assigned) or withdrawn, in the server's write order. */
export interface PulledAssignment {
  documentId: string
  annotator: string
  assigned: boolean
  seq: number
}

/**
 * The team's assignments on this desktop (migration 0010), kept as the last
 * pull left them: the server is the only writer, so a pulled row replaces
 * whatever was here. Applying a batch and moving its cursor is one
 * transaction, so a sync stopped anywhere resumes without gaps.
 */
export class AssignmentStore {
  private readonly docId
  private readonly annotatorId
  private readonly addAnnotator
  private readonly insert
  private readonly remove
  private readonly setCursor
  private readonly getCursor
  private readonly countFor

  constructor(private readonly db: Database.Database) {
    this.docId = db.prepare<[string], { id: number }>('SELECT id FROM documents WHERE external_id = ?')
    this.annotatorId = db.prepare<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?')
    this.addAnnotator = db.prepare<[string, string, string]>('INSERT INTO annotators (name, kind, created_at) VALUES (?, ?, ?)')
    this.insert = db.prepare<[number, number]>('INSERT OR IGNORE INTO team_assignments (annotator_id, document_id) VALUES (?, ?)')
    this.remove = db.prepare<[number, number]>('DELETE FROM team_assignments WHERE annotator_id = ? AND document_id = ?')
    this.setCursor = db.prepare<[string]>(
      "INSERT INTO team_sync (key, value) VALUES ('cursor.assignments', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    this.getCursor = db.prepare<[], { value: string }>("SELECT value FROM team_sync WHERE key = 'cursor.assignments'")
    this.countFor = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM team_assignments t JOIN annotators a ON a.id = t.annotator_id WHERE a.name = ?',
    )
  }

  cursor(): number {
    return Number(this.getCursor.get()?.value ?? 0)
  }

  /** External ids of documents this workspace does not hold yet (pull them first). */
  missingDocuments(rows: PulledAssignment[]): string[] {
    return [...new Set(rows.map((r) => r.documentId))].filter((id) => !this.docId.get(id))
  }

  /** Applies a pulled batch and moves the cursor to `cursor`, in one transaction; answers how many rows changed here. */
  apply(rows: PulledAssignment[], cursor: number): number {
    return this.db
      .transaction(() => {
        let changed = 0
        for (const r of rows) {
          const doc = this.docId.get(r.documentId)
          if (!doc) throw new Error(`the server assigns document ${r.documentId}, which this workspace does not have`)
          const who = this.annotatorOf(r.annotator)
          changed += (r.assigned ? this.insert.run(who, doc.id) : this.remove.run(who, doc.id)).changes
        }
        this.setCursor.run(String(cursor))
        return changed
      })
      .immediate()
  }

  /** How many documents are assigned to `annotator` here. */
  countAssignedTo(annotator: string): number {
    return this.countFor.get(annotator)!.n
  }

  private annotatorOf(name: string): number {
    const found = this.annotatorId.get(name)
    if (found) return found.id
    return Number(this.addAnnotator.run(name, name === 'gold' ? 'gold' : 'human', new Date().toISOString()).lastInsertRowid)
  }
}
