import type { DocStatus, Relation, Span } from '../domain/model'
import type { OffsetUnit } from '../text/offsets'
import type { ImportRecord, LineError } from './importRecord'

/**
 * The one shape every file format implements, so the import and export
 * services (and the CLI and the app's dialogs) treat formats alike. Codecs are
 * pure: they see decoded text, never the file system, which keeps them
 * testable and usable on every side.
 */

export const FORMAT_NAMES = ['jsonl', 'txt', 'doccano', 'doccano-rel', 'spacy', 'spacy-jsonl', 'prodigy', 'labelstudio', 'brat', 'conll', 'hf', 'xmi', 'webanno-tsv', 'spacy-docbin'] as const
export type FormatName = (typeof FORMAT_NAMES)[number]

/** The export formats that write a folder (a file per document, and a manifest of the exact ids), not one file. */
export const FOLDER_EXPORT_FORMATS: readonly FormatName[] = ['brat', 'txt', 'webanno-tsv', 'xmi']

export const writesFolder = (format: FormatName): boolean => FOLDER_EXPORT_FORMATS.includes(format)

/** `brat, txt, webanno-tsv and xmi`, for messages that name them. */
export function folderFormatList(): string {
  return `${FOLDER_EXPORT_FORMATS.slice(0, -1).join(', ')} and ${FOLDER_EXPORT_FORMATS[FOLDER_EXPORT_FORMATS.length - 1]}`
}

/** One input line, without its terminator; `line` is 1-based. */
export interface SourceLine {
  line: number
  raw: string
}

export interface DecodeContext {
  /** The file's path as the user gave it, for error messages. */
  file: string
  /** How the file counts offsets (formats that carry their own unit may override it per record). */
  unit: OffsetUnit
}

/** What a decoder yields: a record, or the fault of one line (decoding goes on after it). */
export type DecodeItem = { record: ImportRecord } | { error: LineError }

/** One document and one annotator's layer, as the exporters receive it (UTF-16 offsets). */
export interface ExportLayer {
  externalId: string
  title: string
  text: string
  meta: Record<string, unknown>
  annotator: string
  status: DocStatus | null
  spans: Span[]
  relations: Relation[]
}

export interface EncodeContext {
  unit: OffsetUnit
  /** Messages for the export report (e.g. "overlapping spans: kept the outermost"). */
  warn(message: string): void
  /**
   * Counts spans or relations the format could not write (a span BIO cannot nest, one of whitespace only), beside
   * the counted warning, so the report's last line says what the file holds.
   */
  leftOut?(kind: 'span' | 'relation', n: number): void
  /** CoNLL's document line: the file's columns (`-DOCSTART- O`), or spaCy's delimiter `-DOCSTART- -X- O O` as it is (conll.ts). */
  conllDocstart?: ConllDocstart
}

/** `columns`: `-DOCSTART-` and as many fields as the file's lines; `spacy`: spaCy's document delimiter. */
export type ConllDocstart = 'columns' | 'spacy'

/**
 * A line- or record-stream format. `decode` reads lines lazily and yields
 * records as it completes them, so a big file never needs to be held as
 * records all at once. `encode` yields text chunks to write, newlines
 * included, one layer at a time.
 */
export interface StreamCodec {
  name: FormatName
  /** File extensions this format is detected by, lower case with the dot. */
  extensions: string[]
  /**
   * Unused by detection: JSON formats are told by the shape of their first
   * records (registry.ts, formatShapes.ts), token-per-line text by its lines.
   * Optional, so codecs that still declare one need not change.
   */
  sniff?(firstLine: string): boolean
  decode(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem>
  encode(layers: Iterable<ExportLayer>, ctx: EncodeContext): Iterable<string>
  /** Formats that cannot carry something say so, once, in the export report. */
  lossy?: string
}
