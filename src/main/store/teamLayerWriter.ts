import type Database from 'better-sqlite3'
import type { CellValue, LayerContent } from '../../shared/team/changeLog'

type Cells = Record<string, CellValue>
// Rows per INSERT: a few statements per page, and well under SQLite's 32,766 bound values.
const ROWS_PER_STATEMENT = 100
const SPAN_FIXED = ['id', 'document_id', 'annotator_id', 'label_id', 'created_at'] as const
const RELATION_FIXED = ['document_id', 'annotator_id', 'label_id', 'head_id', 'tail_id', 'created_at'] as const
/** Rows that carry the same cells, flattened: `cols.length` values a row. */
interface Group {
  cellCols: string[]
  cols: string[]
  values: CellValue[]
}

/** A pulled layer to write over the local one: local document and annotator ids, its content (already checked). */
export interface LayerWrite {
  documentId: number
  annotatorId: number
  content: LayerContent
}

/**
 * Writes many pulled layers with a few set-based statements per batch instead
 * of a dozen per layer (a first pull brings hundreds of thousands): the old
 * rows of those layers are deleted in one statement per table, span ids are
 * allotted up front (so relations can name their head and tail without
 * reading them back), and spans, relations and statuses are each inserted by
 * one `INSERT … SELECT … FROM json_each(?)` per column set. Runs inside the
 * caller's transaction; a row the database refuses throws, and the caller
 * falls back to one layer at a time.
 */
export class TeamLayerWriter {
  constructor(
    private readonly columns: Record<'spans' | 'relations', string[]>,
    private readonly sql: (text: string) => Database.Statement,
    private readonly labelId: (kind: 'entity' | 'relation', name: string) => number,
  ) {}

  write(layers: LayerWrite[]): void {
    if (!layers.length) return
    const keys = JSON.stringify(layers.map((l) => [l.documentId, l.annotatorId]))
    const inKeys = `(document_id, annotator_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`
    this.sql(`DELETE FROM relations WHERE ${inKeys}`).run(keys)
    this.sql(`DELETE FROM spans WHERE ${inKeys}`).run(keys)
    const now = new Date().toISOString()
    // Label ids looked up once per batch (a batch names the same few labels thousands of times).
    const labels = new Map<string, number>()
    const labelId = (kind: 'entity' | 'relation', name: string) => {
      let id = labels.get(`${kind}\u0000${name}`)
      if (id === undefined) labels.set(`${kind}\u0000${name}`, (id = this.labelId(kind, name)))
      return id
    }
    let next = (this.sql('SELECT coalesce(max(id), 0) AS m FROM spans').get() as { m: number }).m + 1
    const spans = new Map<string, Group>()
    const relations = new Map<string, Group>()
    for (const l of layers) {
      const first = next
      for (const s of l.content.spans)
        this.add('spans', spans, s.cells, SPAN_FIXED, [next++, l.documentId, l.annotatorId, labelId('entity', s.label), s.cells.created_at ?? now])
      for (const r of l.content.relations)
        this.add('relations', relations, r.cells, RELATION_FIXED, [l.documentId, l.annotatorId, labelId('relation', r.label), first + r.head, first + r.tail, r.cells.created_at ?? now])
    }
    this.insertAll('spans', spans)
    this.insertAll('relations', relations)
    const withStatus = layers.filter((l) => l.content.status !== null)
    this.sql(`DELETE FROM document_status WHERE ${inKeys}`).run(JSON.stringify(layers.filter((l) => l.content.status === null).map((l) => [l.documentId, l.annotatorId])))
    this.sql(
      `INSERT INTO document_status (document_id, annotator_id, status, updated_at) SELECT value ->> 0, value ->> 1, value ->> 2, ? FROM json_each(?) WHERE true
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ).run(now, JSON.stringify(withStatus.map((l) => [l.documentId, l.annotatorId, l.content.status])))
  }

  /**
   * Adds a row to the group of rows that carry the same cells: a newer
   * desktop's extra columns are left out, a column a row lacks keeps its
   * default, and the local ids (`fixed`) replace any cells of those names.
   */
  private add(table: 'spans' | 'relations', groups: Map<string, Group>, cells: Cells, fixedCols: readonly string[], fixed: CellValue[]): void {
    const keys = Object.keys(cells)
    const key = keys.join('\u0000')
    let g = groups.get(key)
    if (!g) {
      const cellCols = keys.filter((c) => this.columns[table].includes(c) && !fixedCols.includes(c))
      groups.set(key, (g = { cellCols, cols: [...cellCols, ...fixedCols], values: [] }))
    }
    for (const c of g.cellCols) g.values.push(cells[c])
    for (const v of fixed) g.values.push(v)
  }

  /**
   * Inserts each group with a few multi-row statements of bound values: a
   * pull's page measured json_each's text per row (built, then parsed again
   * by SQLite) at about half of the write.
   */
  private insertAll(table: 'spans' | 'relations', groups: Map<string, Group>): void {
    for (const { cols, values } of groups.values()) {
      const rowsIn = values.length / cols.length
      let at = 0
      for (const size of [ROWS_PER_STATEMENT, 16, 1]) {
        if (rowsIn - at < size) continue
        const text = `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: size }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`
        const st = this.sql(text)
        for (; rowsIn - at >= size; at += size) st.run(values.slice(at * cols.length, (at + size) * cols.length))
      }
    }
  }
}
