import type { AttributeValue, DocStatus, Provenance, RelationKind, SpanKind, SuggestionSource } from '../domain/model'

/**
 * What every import format produces for one document: text plus one
 * annotator's layer, offsets already converted to UTF-16. The importer checks
 * these against the store (labels, existing text) and writes them.
 */
export interface ImportSpan {
  sourceId: string | null
  label: string
  start: number
  end: number
  fragments: [number, number][] | null
  /** Absent means 'entity'. */
  kind?: SpanKind
  attributes: Record<string, AttributeValue>
  note: string
  norm: string | null
  /** Absent means none. */
  normText?: string | null
  /** Gold items: where the item came from (native JSONL only). */
  provenance?: Provenance
  /** An accepted suggestion's recommender, score and model version (native JSONL only). */
  suggestedBy?: SuggestionSource
  /** An event that is not its trigger's own span: the index of its trigger span (an earlier span of the record). */
  trigger?: number
}

export interface ImportRelation {
  sourceId: string | null
  label: string
  /** Indexes into the record's spans. */
  head: number
  tail: number
  /** Absent means 'binary'. */
  kind?: RelationKind
  attributes: Record<string, AttributeValue>
  note: string
  provenance?: Provenance
}

export interface ImportRecord {
  /** 1-based line (or record) number in the source file, for error messages. */
  line: number
  externalId: string
  title: string
  text: string
  meta: Record<string, unknown>
  /** The layer's annotator; null means "use the importer's --annotator". */
  annotator: string | null
  status: DocStatus | null
  /** false: the record carries no annotation layer at all (plain text), so an import's annotator gets none. Absent means it does. */
  layer?: boolean
  spans: ImportSpan[]
  relations: ImportRelation[]
  /**
   * What else the record held, counted by what it is and what became of it
   * ("rejected Prodigy tasks, kept in document meta"): summed into the
   * import report's notes, so nothing is left out silently.
   */
  notes?: Record<string, number>
}

/** A fault in one line of an input file. */
export interface LineError {
  file: string
  line: number
  reason: string
}

export function formatLineError(e: LineError): string {
  return `${e.file}:${e.line}: ${e.reason}`
}

/** Thrown by parsers for one record; the caller adds the file name. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message)
    this.name = 'RecordError'
  }
}
