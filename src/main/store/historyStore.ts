import type Database from 'better-sqlite3'
import type { HistoryAction, HistoryEntry } from '../../shared/api/methods/history'

/** A whole table row as SQLite returns it (column name -> value), kept as JSON in the history. */
export type RowSnapshot = Record<string, unknown> & { id: number }

/** The rows one action touched, as they were (`before`) or became (`after`); absent = did not exist. */
export interface LayerRows {
  spans: RowSnapshot[]
  relations: RowSnapshot[]
}

export const NO_ROWS: LayerRows = { spans: [], relations: [] }

export interface StoredEntry extends HistoryEntry {
  annotatorId: number
  before: LayerRows
  after: LayerRows
}

interface Row {
  id: number
  document_id: number
  annotator_id: number
  annotator: string
  action: HistoryAction
  summary: string
  before: string
  after: string
  state: HistoryEntry['state']
  created_at: string
}

type Table = 'spans' | 'relations'

const SELECT = `SELECT h.id, h.document_id, h.annotator_id, a.name AS annotator, h.action, h.summary, h.before, h.after, h.state, h.created_at
                  FROM history h JOIN annotators a ON a.id = h.annotator_id`

function fromRow(r: Row): StoredEntry {
  return {
    id: r.id,
    documentId: r.document_id,
    annotatorId: r.annotator_id,
    annotator: r.annotator,
    action: r.action,
    summary: r.summary,
    state: r.state,
    createdAt: r.created_at,
    before: JSON.parse(r.before) as LayerRows,
    after: JSON.parse(r.after) as LayerRows,
  }
}

export function publicEntry(e: StoredEntry): HistoryEntry {
  return { id: e.id, documentId: e.documentId, annotator: e.annotator, action: e.action, summary: e.summary, state: e.state, createdAt: e.createdAt }
}

/**
 * The undo/redo history of each (document, annotator) layer, and the row-level
 * snapshot/restore that undo and redo are made of. Rows are copied whole (every
 * column the table has), so columns added by later migrations survive a round trip.
 */
export class HistoryStore {
  private readonly insertStmt
  private readonly discardStmt
  private readonly latestDoneStmt
  private readonly earliestUndoneStmt
  private readonly setStateStmt
  private readonly listStmt
  private readonly listAllStmt
  private readonly layerEntriesStmt
  private readonly rewriteStmt
  private readonly columns: Record<Table, Set<string>>
  private readonly rowStmt: Record<Table, Database.Statement<[number], RowSnapshot>>
  private readonly attachedStmt

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO history (document_id, annotator_id, action, summary, before, after, state, created_at, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?)`,
    )
    this.discardStmt = db.prepare(
      "UPDATE history SET state = 'discarded', changed_at = ? WHERE document_id = ? AND annotator_id = ? AND state = 'undone'",
    )
    this.latestDoneStmt = db.prepare<[number, number], Row>(
      `${SELECT} WHERE h.document_id = ? AND h.annotator_id = ? AND h.state = 'done' ORDER BY h.id DESC LIMIT 1`,
    )
    this.earliestUndoneStmt = db.prepare<[number, number], Row>(
      `${SELECT} WHERE h.document_id = ? AND h.annotator_id = ? AND h.state = 'undone' ORDER BY h.id ASC LIMIT 1`,
    )
    this.setStateStmt = db.prepare('UPDATE history SET state = ?, changed_at = ? WHERE id = ?')
    this.listStmt = db.prepare<[number, number, number], Row>(`${SELECT} WHERE h.document_id = ? AND h.annotator_id = ? ORDER BY h.id DESC LIMIT ?`)
    this.listAllStmt = db.prepare<[number, number], Row>(`${SELECT} WHERE h.document_id = ? ORDER BY h.id DESC LIMIT ?`)
    this.layerEntriesStmt = db.prepare<[number, number], { id: number; before: string; after: string }>(
      'SELECT id, before, after FROM history WHERE document_id = ? AND annotator_id = ?',
    )
    this.rewriteStmt = db.prepare('UPDATE history SET before = ?, after = ? WHERE id = ?')
    const cols = (t: Table) => new Set((db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name))
    this.columns = { spans: cols('spans'), relations: cols('relations') }
    this.rowStmt = {
      spans: db.prepare<[number], RowSnapshot>('SELECT * FROM spans WHERE id = ?'),
      relations: db.prepare<[number], RowSnapshot>('SELECT * FROM relations WHERE id = ?'),
    }
    this.attachedStmt = db.prepare<[number, number], RowSnapshot>('SELECT * FROM relations WHERE head_id = ? OR tail_id = ? ORDER BY id')
  }

  /** Records a new action; any undone actions of the layer lose their redo (kept as discarded). */
  record(e: { documentId: number; annotatorId: number; action: HistoryAction; summary: string; before: LayerRows; after: LayerRows }): number {
    const now = new Date().toISOString()
    this.discardStmt.run(now, e.documentId, e.annotatorId)
    const info = this.insertStmt.run(e.documentId, e.annotatorId, e.action, e.summary, JSON.stringify(e.before), JSON.stringify(e.after), now, now)
    return Number(info.lastInsertRowid)
  }
  /**
   * Retires (as discarded) every undoable or redoable action whose rows name
   * this label. Called when the label is deleted: its id may be reused by the
   * next label created, and an undo must never bring a span back under a label
   * it never had. Returns how many actions were retired.
   */
  retireLabel(labelId: number): number {
    const mentions = (col: 'before' | 'after', table: Table) =>
      `EXISTS (SELECT 1 FROM json_each(h.${col}, '$.${table}') r WHERE json_extract(r.value, '$.label_id') = @label)`
    const any = (['before', 'after'] as const).flatMap((c) => (['spans', 'relations'] as const).map((t) => mentions(c, t))).join(' OR ')
    return this.db
      .prepare(`UPDATE history AS h SET state = 'discarded', changed_at = @now WHERE h.state != 'discarded' AND (${any})`)
      .run({ label: labelId, now: new Date().toISOString() }).changes
  }
  latestDone(documentId: number, annotatorId: number): StoredEntry | null {
    const r = this.latestDoneStmt.get(documentId, annotatorId)
    return r ? fromRow(r) : null
  }
  earliestUndone(documentId: number, annotatorId: number): StoredEntry | null {
    const r = this.earliestUndoneStmt.get(documentId, annotatorId)
    return r ? fromRow(r) : null
  }
  setState(id: number, state: HistoryEntry['state']): void {
    this.setStateStmt.run(state, new Date().toISOString(), id)
  }
  /** Newest first; one annotator's layer, or every layer of the document. */
  list(documentId: number, annotatorId: number | null, limit: number): HistoryEntry[] {
    const rows = annotatorId === null ? this.listAllStmt.all(documentId, limit) : this.listStmt.all(documentId, annotatorId, limit)
    return rows.map((r) => publicEntry(fromRow(r)))
  }

  row(table: Table, id: number): RowSnapshot | null {
    return this.rowStmt[table].get(id) ?? null
  }
  /** The relations whose head or tail is this span (what deleting it cascades to). */
  attachedRelations(spanId: number): RowSnapshot[] {
    return this.attachedStmt.all(spanId, spanId)
  }

  /**
   * Turns the rows of `from` into those of `to`: rows only in `from` are
   * deleted, the others written back whole under their old ids. Where an old id
   * has since been taken by another row (ids of deleted rows can be reused), the
   * row gets a fresh id and the layer's history is rewritten to match.
   * Run inside a transaction. Answers the ids `to`'s rows now have (old id -> id; the same unless renumbered).
   */
  apply(documentId: number, annotatorId: number, from: LayerRows, to: LayerRows): { spans: Map<number, number>; relations: Map<number, number> } {
    const keep = (rows: RowSnapshot[]) => new Set(rows.map((r) => r.id))
    const toRelations = keep(to.relations)
    const toSpans = keep(to.spans)
    for (const r of from.relations) if (!toRelations.has(r.id)) this.db.prepare('DELETE FROM relations WHERE id = ?').run(r.id)
    for (const s of from.spans) if (!toSpans.has(s.id)) this.db.prepare('DELETE FROM spans WHERE id = ?').run(s.id)

    const fromSpans = keep(from.spans)
    const fromRelations = keep(from.relations)
    const spanIds = new Map<number, number>()
    for (const s of to.spans) {
      const id = this.write('spans', s, fromSpans.has(s.id))
      if (id !== s.id) spanIds.set(s.id, id)
    }
    const relationIds = new Map<number, number>()
    for (const r of to.relations) {
      const row = { ...r, head_id: spanIds.get(r.head_id as number) ?? r.head_id, tail_id: spanIds.get(r.tail_id as number) ?? r.tail_id }
      const id = this.write('relations', row, fromRelations.has(r.id))
      if (id !== r.id) relationIds.set(r.id, id)
    }
    if (spanIds.size || relationIds.size) this.renumber(documentId, annotatorId, spanIds, relationIds)
    return {
      spans: new Map(to.spans.map((s) => [s.id, spanIds.get(s.id) ?? s.id])),
      relations: new Map(to.relations.map((r) => [r.id, relationIds.get(r.id) ?? r.id])),
    }
  }

  /** Writes one row back: an update when it exists as expected, else an insert under its id (or a fresh one if that is taken). */
  private write(table: Table, row: RowSnapshot, exists: boolean): number {
    const cols = Object.keys(row).filter((c) => this.columns[table].has(c))
    const current = this.row(table, row.id)
    if (current && exists) {
      const set = cols.filter((c) => c !== 'id')
      this.db.prepare(`UPDATE ${table} SET ${set.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...set.map((c) => row[c]), row.id)
      return row.id
    }
    const insertCols = current ? cols.filter((c) => c !== 'id') : cols
    const info = this.db
      .prepare(`INSERT INTO ${table} (${insertCols.map((c) => `"${c}"`).join(', ')}) VALUES (${insertCols.map(() => '?').join(', ')})`)
      .run(...insertCols.map((c) => row[c]))
    return Number(info.lastInsertRowid)
  }

  /** Rewrites ids in the layer's history after a row could not get its old id back. */
  private renumber(documentId: number, annotatorId: number, spanIds: Map<number, number>, relationIds: Map<number, number>): void {
    const fix = (rows: LayerRows): LayerRows => ({
      spans: rows.spans.map((s) => ({ ...s, id: spanIds.get(s.id) ?? s.id })),
      relations: rows.relations.map((r) => ({
        ...r,
        id: relationIds.get(r.id) ?? r.id,
        head_id: spanIds.get(r.head_id as number) ?? r.head_id,
        tail_id: spanIds.get(r.tail_id as number) ?? r.tail_id,
      })),
    })
    for (const e of this.layerEntriesStmt.all(documentId, annotatorId)) {
      const before = fix(JSON.parse(e.before) as LayerRows)
      const after = fix(JSON.parse(e.after) as LayerRows)
      this.rewriteStmt.run(JSON.stringify(before), JSON.stringify(after), e.id)
    }
  }
}
