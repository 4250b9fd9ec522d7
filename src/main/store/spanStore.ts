import type Database from 'better-sqlite3'
import type { AttributeValue, Provenance, Span, SpanKind, SuggestionSource } from '../../shared/domain/model'
import { provenanceOf } from './provenanceColumns'
import type { ProvenanceRow } from './provenanceColumns'

interface Row extends ProvenanceRow {
  id: number
  document_id: number
  annotator: string
  label: string
  start: number
  end: number
  fragments: string | null
  kind: SpanKind
  attributes: string
  note: string
  norm: string | null
  norm_text: string | null
  source_id: string | null
  created_at: string
  trigger_id: number | null
  suggested_by: string | null
}

/** A plain span of a layer written by `insertPlainRows`: contiguous, an entity, no normalization or provenance. */
export interface PlainSpanRow {
  label: string
  start: number
  end: number
  attributes: Record<string, AttributeValue>
  note: string
  sourceId: string | null
}

/** The editable fields of a span (its extent is fixed; relabel, note, attributes, normalization id). */
export interface SpanChange {
  labelId: number
  attributes: Record<string, AttributeValue>
  note: string
  norm: string | null
}

export interface SpanInsert {
  documentId: number
  annotatorId: number
  labelId: number
  start: number
  end: number
  fragments?: [number, number][] | null
  kind?: SpanKind
  attributes?: Record<string, AttributeValue>
  note?: string
  norm?: string | null
  normText?: string | null
  sourceId?: string | null
  provenance?: Provenance | null
  /** An event that is not its trigger's own span: the trigger span's id. */
  triggerId?: number | null
}

const SELECT = `SELECT s.id, s.document_id, a.name AS annotator, l.name AS label, s.start, s.end, s.fragments, s.kind,
                       s.attributes, s.note, s.norm, s.norm_text, s.source_id, s.created_at,
                       s.prov_annotator, s.prov_item_id, s.prov_accepted_by, s.prov_accepted_at, s.prov_edited, s.trigger_id, s.suggested_by
                  FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN label_types l ON l.id = s.label_id`

/** '{}' for no attributes without a stringify call (most rows of a big import have none). */
function attributesJson(a: Record<string, AttributeValue> | undefined): string {
  if (!a) return '{}'
  for (const key in a) if (Object.hasOwn(a, key)) return JSON.stringify(a)
  return '{}'
}

function fromRow(r: Row): Span {
  return {
    id: r.id,
    documentId: r.document_id,
    annotator: r.annotator,
    label: r.label,
    start: r.start,
    end: r.end,
    fragments: r.fragments ? (JSON.parse(r.fragments) as [number, number][]) : null,
    kind: r.kind,
    attributes: r.attributes === '{}' ? {} : (JSON.parse(r.attributes) as Record<string, AttributeValue>),
    note: r.note,
    norm: r.norm,
    normText: r.norm_text,
    sourceId: r.source_id,
    createdAt: r.created_at,
    ...provenanceOf(r),
    ...(r.trigger_id !== null ? { triggerId: r.trigger_id } : {}),
    ...(r.suggested_by ? { suggestedBy: JSON.parse(r.suggested_by) as SuggestionSource } : {}),
  }
}

/**
 * The same span as a row array with the rarely set columns folded into one
 * JSON array (NULL for a plain span): reading 9 columns rather than 19 makes a
 * bulk read (an export of a million spans) about twice as fast.
 */
type PackedRow = [id: number, documentId: number, annotatorId: number, labelId: number, start: number, end: number, sourceId: string | null, createdAt: string, rest: string | null]
const SELECT_PACKED = `SELECT s.id, s.document_id, s.annotator_id, s.label_id, s.start, s.end, s.source_id, s.created_at,
       CASE WHEN s.fragments IS NULL AND s.kind = 'entity' AND s.attributes = '{}' AND s.note = '' AND s.norm IS NULL
                 AND s.norm_text IS NULL AND s.prov_annotator IS NULL AND s.trigger_id IS NULL AND s.suggested_by IS NULL THEN NULL
            ELSE json_array(s.fragments, s.kind, s.attributes, s.note, s.norm, s.norm_text,
                            s.prov_annotator, s.prov_item_id, s.prov_accepted_by, s.prov_accepted_at, s.prov_edited, s.trigger_id, s.suggested_by) END AS rest
  FROM spans s`

function fromPacked(p: PackedRow, annotators: Map<number, string>, labels: Map<number, string>): Span {
  const rest = p[8]
  if (rest === null) {
    return {
      id: p[0],
      documentId: p[1],
      annotator: annotators.get(p[2]) ?? '',
      label: labels.get(p[3]) ?? '',
      start: p[4],
      end: p[5],
      fragments: null,
      kind: 'entity',
      attributes: {},
      note: '',
      norm: null,
      normText: null,
      sourceId: p[6],
      createdAt: p[7],
    }
  }
  const x = JSON.parse(rest) as [string | null, SpanKind, string, string, string | null, string | null, string | null, string | null, string | null, string | null, number, number | null, string | null]
  return fromRow({
    id: p[0],
    document_id: p[1],
    annotator: annotators.get(p[2]) ?? '',
    label: labels.get(p[3]) ?? '',
    start: p[4],
    end: p[5],
    source_id: p[6],
    created_at: p[7],
    fragments: x[0],
    kind: x[1],
    attributes: x[2],
    note: x[3],
    norm: x[4],
    norm_text: x[5],
    prov_annotator: x[6],
    prov_item_id: x[7],
    prov_accepted_by: x[8],
    prov_accepted_at: x[9],
    prov_edited: x[10],
    trigger_id: x[11] ?? null,
    suggested_by: x[12] ?? null,
  })
}

/** Spans: [start, end) in UTF-16 code units of their document's text, one annotator's layer each. */
export class SpanStore {
  private readonly insertStmt
  private readonly insertPlainStmt
  private readonly byIdStmt
  private readonly layerStmt
  private readonly layersOfStmt
  private readonly namesStmt
  private readonly deleteStmt
  private readonly countRelationsStmt
  private readonly updateStmt
  private readonly plainRowsStmts = new Map<number, Database.Statement>()
  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO spans (document_id, annotator_id, label_id, start, end, fragments, kind, attributes, note, norm, norm_text, source_id, created_at,
                          prov_annotator, prov_item_id, prov_accepted_by, prov_accepted_at, prov_edited, trigger_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    // A plain span (contiguous entity, no normalization, no provenance) leaves those columns to
    // their defaults: the same row, with half the values to bind (most rows of a big import).
    this.insertPlainStmt = db.prepare(
      'INSERT INTO spans (document_id, annotator_id, label_id, start, end, attributes, note, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    this.byIdStmt = db.prepare<[number], Row>(`${SELECT} WHERE s.id = ?`)
    // A layer in the packed shape too: the document view reads 10k-span layers, and this read is about 3× faster than 21 named columns.
    this.layerStmt = db
      .prepare<[number, number], PackedRow>(`${SELECT_PACKED} WHERE s.document_id = ? AND s.annotator_id = ? ORDER BY s.start, s.end DESC, s.id`)
      .raw(true)
    // Many documents' layers in one query (exports read hundreds at a time): ids as a JSON array, annotator optional.
    this.layersOfStmt = db
      .prepare<{ ids: string; annotator: number | null }, PackedRow>(
        `${SELECT_PACKED} WHERE s.document_id IN (SELECT value FROM json_each(@ids)) AND (@annotator IS NULL OR s.annotator_id = @annotator)
          ORDER BY s.document_id, s.annotator_id, s.start, s.end DESC, s.id`,
      )
      .raw(true)
    this.namesStmt = db.prepare<[], { kind: 'a' | 'l'; id: number; name: string }>(
      "SELECT 'a' AS kind, id, name FROM annotators UNION ALL SELECT 'l', id, name FROM label_types",
    )
    this.deleteStmt = db.prepare('DELETE FROM spans WHERE id = ?')
    this.countRelationsStmt = db.prepare<[number, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM relations WHERE head_id = ? OR tail_id = ?',
    )
    this.updateStmt = db.prepare('UPDATE spans SET label_id = ?, attributes = ?, note = ?, norm = ? WHERE id = ?')
  }

  /** The id the next span inserted without one would get (SQLite's own rule for an INTEGER PRIMARY KEY: one above the largest). */
  nextId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(id), 0) FROM spans').pluck().get() as number) + 1
  }

  /**
   * Plain spans (as `insert` writes them through its short statement) of one
   * layer, with the ids given, a few statements for the lot (rows in chunks of
   * 16, 8, 4, 2, 1): a table with triggers journals each statement, so one per
   * row cost an import twice what the rows themselves do. The caller owns the
   * ids (an import inside its write transaction, counting up from `nextId`).
   */
  insertPlainRows(documentId: number, annotatorId: number, firstId: number, rows: readonly PlainSpanRow[], labelIds: ReadonlyMap<string, number>, createdAt: string): void {
    const args: unknown[] = []
    let at = 0
    for (const size of [16, 8, 4, 2, 1]) {
      while (rows.length - at >= size) {
        args.length = 0
        for (let i = at; i < at + size; i++) {
          const r = rows[i]
          args.push(firstId + i, documentId, annotatorId, labelIds.get(r.label), r.start, r.end, attributesJson(r.attributes), r.note, r.sourceId, createdAt)
        }
        this.plainRowsStmt(size).run(args)
        at += size
      }
    }
  }
  private plainRowsStmt(size: number): Database.Statement {
    let stmt = this.plainRowsStmts.get(size)
    if (!stmt) {
      const values = Array.from({ length: size }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')
      stmt = this.db.prepare(`INSERT INTO spans (id, document_id, annotator_id, label_id, start, end, attributes, note, source_id, created_at) VALUES ${values}`)
      this.plainRowsStmts.set(size, stmt)
    }
    return stmt
  }

  /** `createdAt` may be given once for a batch (an import stamps all its rows with one time). */
  insert(s: SpanInsert, createdAt = new Date().toISOString()): number {
    const p = s.provenance
    if (!s.fragments && (s.kind ?? 'entity') === 'entity' && s.norm == null && s.normText == null && !p) {
      const plain = this.insertPlainStmt.run(s.documentId, s.annotatorId, s.labelId, s.start, s.end, attributesJson(s.attributes), s.note ?? '', s.sourceId ?? null, createdAt)
      return Number(plain.lastInsertRowid)
    }
    const info = this.insertStmt.run(
      s.documentId,
      s.annotatorId,
      s.labelId,
      s.start,
      s.end,
      s.fragments ? JSON.stringify(s.fragments) : null,
      s.kind ?? 'entity',
      attributesJson(s.attributes),
      s.note ?? '',
      s.norm ?? null,
      s.normText ?? null,
      s.sourceId ?? null,
      createdAt,
      // Spelled out rather than spread: this runs a million times in a big import.
      p ? p.annotator : null,
      p ? p.itemId : null,
      p ? p.acceptedBy : null,
      p ? p.acceptedAt : null,
      p?.edited ? 1 : 0,
      s.triggerId ?? null,
    )
    return Number(info.lastInsertRowid)
  }
  update(id: number, c: SpanChange): number {
    return this.updateStmt.run(c.labelId, JSON.stringify(c.attributes), c.note, c.norm, id).changes
  }
  byId(id: number): Span | null {
    const r = this.byIdStmt.get(id)
    return r ? fromRow(r) : null
  }
  /** One annotator's layer of one document, ordered by start, longer first, then id (the same spans `byId` reads). */
  layer(documentId: number, annotatorId: number): Span[] {
    const { annotators, labels } = this.names()
    return this.layerStmt.all(documentId, annotatorId).map((r) => fromPacked(r, annotators, labels))
  }
  /** Every layer of these documents (one annotator's, when given), ordered by document, annotator, then as `layer` orders. */
  layersOf(documentIds: number[], annotatorId: number | null = null): Span[] {
    const { annotators, labels } = this.names()
    return this.layersOfStmt.all({ ids: JSON.stringify(documentIds), annotator: annotatorId }).map((r) => fromPacked(r, annotators, labels))
  }
  /** Annotator and label names by id, read at each call (a rename or a new label shows at once). */
  private names(): { annotators: Map<number, string>; labels: Map<number, string> } {
    const annotators = new Map<number, string>()
    const labels = new Map<number, string>()
    for (const n of this.namesStmt.all()) (n.kind === 'a' ? annotators : labels).set(n.id, n.name)
    return { annotators, labels }
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
