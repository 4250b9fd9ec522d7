import type Database from 'better-sqlite3'
import type { CellValue, LayerContent } from '../../shared/team/changeLog'

type Cells = Record<string, CellValue>

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
    const spans: Cells[] = []
    const relations: Cells[] = []
    for (const l of layers) {
      const first = next
      for (const s of l.content.spans)
        spans.push({ ...s.cells, id: next++, document_id: l.documentId, annotator_id: l.annotatorId, label_id: labelId('entity', s.label), created_at: s.cells.created_at ?? now })
      for (const r of l.content.relations)
        relations.push({
          ...r.cells,
          document_id: l.documentId,
          annotator_id: l.annotatorId,
          label_id: labelId('relation', r.label),
          head_id: first + r.head,
          tail_id: first + r.tail,
          created_at: r.cells.created_at ?? now,
        })
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
   * Inserts rows grouped by the columns they carry that this workspace has (a
   * newer desktop's extra columns are left out; a column a row lacks keeps its
   * default), one statement per group.
   */
  private insertAll(table: 'spans' | 'relations', rows: Cells[]): void {
    const groups = new Map<string, { cols: string[]; values: CellValue[][] }>()
    for (const row of rows) {
      const cols = Object.keys(row).filter((c) => this.columns[table].includes(c))
      const key = cols.join('\u0000')
      let g = groups.get(key)
      if (!g) groups.set(key, (g = { cols, values: [] }))
      g.values.push(cols.map((c) => row[c]))
    }
    for (const { cols, values } of groups.values()) {
      const text = `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${cols.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?)`
      // A few thousand rows per statement: one JSON text stays small.
      for (let k = 0; k < values.length; k += 5000) this.sql(text).run(JSON.stringify(values.slice(k, k + 5000)))
    }
  }
}
