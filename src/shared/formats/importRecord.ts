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
  /**
   * 'document' when the record is a whole file (a brat pair, a plain-text or XMI file): its faults name the file
   * without a line, since `line` 1 is no line they are on, and are counted as bad documents, not bad lines.
   */
  place?: FaultPlace
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
  /**
   * What the import's report should say of this record by name (a Label Studio annotation of only image regions,
   * not imported): each is listed with the record's file (ImportReport.remarks), beside the counted note.
   */
  remarks?: string[]
}

/**
 * Where a fault is when it is no line of text: the file as a whole (a binary file that cannot be read, a file that
 * is not text), or one document of a binary file (a .spacy DocBin's: `line` is its number from 1, and the reason
 * names it as the format counts). Such a fault is printed without a line number: a binary file has no lines.
 */
export type FaultPlace = 'file' | 'document'

/** A fault in one line of an input file (or, with `place`, in the file or one of its documents). */
export interface LineError {
  file: string
  /** 1-based; with `place`, only orders the faults (a document's number, or 1 for the file). */
  line: number
  reason: string
  place?: FaultPlace
}

/** `file:line`, or the file alone for a fault with no line (`place`). */
export function lineErrorPlace(e: LineError): string {
  return e.place ? e.file : `${e.file}:${e.line}`
}

export function formatLineError(e: LineError): string {
  return `${lineErrorPlace(e)}: ${e.reason}`
}

/**
 * How many lines (documents, files) the faults are on: a line with two bad labels is one bad line, its two
 * faults both listed.
 */
export function faultPlaces(errors: LineError[]): number {
  return new Set(errors.map((e) => `${e.place ?? 'line'}\u0000${e.file}\u0000${e.place === 'file' ? 1 : e.line}`)).size
}

/**
 * The head of a failed import's message: `3 bad lines of 120 read`, with a whole-file fault counted as an
 * unreadable file and a binary file's documents as documents, never as lines.
 */
export function importFaultSummary(errors: LineError[], linesRead: number): string {
  const files = faultPlaces(errors.filter((e) => e.place === 'file'))
  const rest = errors.filter((e) => e.place !== 'file')
  const documents = faultPlaces(rest.filter((e) => e.place === 'document'))
  const bad = faultPlaces(rest)
  const s = (n: number) => (n === 1 ? '' : 's')
  const noun = documents === 0 ? 'line' : documents === bad ? 'document' : 'record'
  const parts: string[] = []
  if (bad) parts.push(`${bad} bad ${noun}${s(bad)} of ${linesRead - files} read`)
  // An empty file was read, and held nothing: said so, not called unreadable.
  const empty = faultPlaces(errors.filter((e) => e.place === 'file' && e.reason.startsWith('empty file')))
  if (files - empty) parts.push(`${files - empty} unreadable file${s(files - empty)}`)
  if (empty) parts.push(`${empty} empty file${s(empty)}`)
  return parts.join(' and ')
}

/** Thrown by parsers for one record; the caller adds the file name. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    /** A fault of the whole file (or of a binary file's document), printed without a line. */
    readonly place?: FaultPlace,
  ) {
    super(message)
    this.name = 'RecordError'
  }
}

/** A RecordError as its file's fault: its line (or `line`), and its place when it has no line. */
export function recordFault(file: string, e: RecordError, line = 1): LineError {
  return { file, line: e.line ?? line, reason: e.message, ...(e.place ? { place: e.place } : {}) }
}
