import fs from 'node:fs'
import { AppError } from '../../../shared/api/errors'
import { decodeBratDocument } from '../../../shared/formats/brat/decodeBratDocument'
import { decodeText } from '../../../shared/formats/decodeText'
import type { TextReading } from '../../../shared/formats/decodeText'
import type { FileWarning } from '../../../shared/formats/importReport'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import { headText } from '../../../shared/formats/textEncoding'
import type { FormatName, SourceLine } from '../../../shared/formats/formatCodec'
import { faultPlaces, formatLineError, importFaultSummary, RecordError, recordFault } from '../../../shared/formats/importRecord'
import type { ImportRecord, LineError } from '../../../shared/formats/importRecord'
import { parsePlainText } from '../../../shared/formats/plainText'
import { JsonDepthScanner, jsonTooDeep, MAX_JSON_DEPTH } from '../../../shared/formats/jsonDepth'
import { loneSurrogateFault } from '../../../shared/text/wellFormed'
import type { OffsetUnit } from '../../../shared/text/offsets'
import { readBratText } from './bratText'
import { streamCodec } from '../formats/formatRegistry'
import { listSources } from './inputSources'
import type { InputSource } from './inputSources'
import { isFault, readLines } from './lineReader'
import { readXmiSource } from './xmiSource'
import { readDocBinSource } from './docBinSource'
import { ZipError, zipChainBytes } from './zipArchive'
import type { ZipPlace } from './zipDataSources'
import type { LineFault } from './lineReader'

export type SourcedRecord = ImportRecord & { file: string }

/** Formats with one JSON value a line: a line nested too deep is refused on its own, before it is parsed. */
const JSON_PER_LINE: ReadonlySet<FormatName> = new Set<FormatName>(['jsonl', 'doccano', 'doccano-rel', 'spacy', 'prodigy'])
/** Formats whose whole file is one JSON value: nesting is counted across its lines. */
const JSON_PER_FILE: ReadonlySet<FormatName> = new Set<FormatName>(['labelstudio'])
/**
 * Formats read as one JSON value a file: a line may be as long as the file, since json.dump writes the whole
 * value on one line (spaCy's training tuples, Label Studio's API export). The 16 MiB line guard is for formats
 * with one record a line; these are held whole anyway, up to this.
 */
const ONE_VALUE_A_FILE: ReadonlySet<FormatName> = new Set<FormatName>(['labelstudio', 'spacy'])
/** How much of one whole-file JSON value is held at once (a tuning object, so a test can lower it). */
export const wholeValueTuning = { maxChars: 256 * 1024 * 1024 }

/** The fault of a whole-file JSON value past the bound: what it is, and how to make files the import can read. */
function wholeValueTooLong(format: FormatName, line: number): LineFault {
  const mib = wholeValueTuning.maxChars / 1024 / 1024
  const split = format === 'labelstudio' ? 'split the array into several files' : `split it, or write one record a line (jq -c '.[]' FILE > FILE.jsonl), which ${format} reads too`
  return { line, fault: `the file is one JSON value, and this line of it is longer than the ${mib} MiB the import holds at once; not parsed: ${split}, and import those` }
}
/** Formats read one record a line, or (doccano's JSON export) as one array when the file starts with `[`: then as one value. */
const LINES_OR_ARRAY: ReadonlySet<FormatName> = new Set<FormatName>(['doccano', 'doccano-rel'])

/** Whether a file's (or held bytes') first non-blank character is `[`: one JSON array, perhaps on one line. */
function startsWithArray(file: string, held?: Uint8Array, encoding?: TextEncoding | null): boolean {
  let head: Uint8Array
  if (held) head = held.subarray(0, 4096)
  else {
    try {
      const fd = fs.openSync(file, 'r')
      try {
        const buf = Buffer.alloc(4096)
        head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0))
      } finally {
        fs.closeSync(fd)
      }
    } catch {
      return false // the line reader says why it cannot be read
    }
  }
  return headText(head, encoding).trimStart().startsWith('[')
}
/** A JSON escape of a surrogate: the only way a lone one can enter (decoded UTF-8 and UTF-16 never hold one). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/

/**
 * The fault of a record carrying an unpaired surrogate in any of its strings
 * (text, ids, labels, notes, attributes, meta), or null. JSON.parse accepts
 * `"\ud800"`; stored, it would be written out as U+FFFD and every later
 * offset would shift, so the record is refused, naming the code unit.
 */
function surrogateFault(r: ImportRecord): string | null {
  const { externalId, title, text, meta, annotator, spans, relations } = r
  return loneSurrogateFault({ id: externalId, title, text, meta, annotator, spans, relations })
}

/**
 * Whether `raw` holds more than `max` opening brackets (fewer cannot nest deeper than `max`): a few native
 * searches, where the nesting scan reads every character of every line (~3% of a big import's CPU).
 */
function moreBracketsThan(raw: string, max: number): boolean {
  let n = 0
  for (const c of ['{', '[']) for (let i = raw.indexOf(c); i >= 0; i = raw.indexOf(c, i + 1)) if (++n > max) return true
  return false
}

/** Formats whose codec reads each line on its own, keeping nothing from one line to the next. */
const ONE_RECORD_A_LINE: ReadonlySet<FormatName> = new Set<FormatName>(['jsonl'])

/** What decoding yields: a record, or one record's (line's) fault. Decoding goes on after a fault. */
export type SourcedItem = { record: SourcedRecord } | { error: LineError }

/** Reads a whole small file (a .txt or .ann document) as text; encoding faults name the line. */
function readWhole(file: string, zip?: ZipPlace, reading: TextReading = {}): string {
  return decodeText(zip ? zipChainBytes(zip.archive, zip.chain) : fs.readFileSync(file), reading)
}

/**
 * Decodes sources lazily, record by record, so the importer can validate and
 * write a file of any size with flat memory. Every fault is yielded as an
 * error item naming its file and line; an encoding fault ends its file.
 */
export function* decodeSources(sources: InputSource[], unit: OffsetUnit = 'codepoint', fromLine = 1, how: SourceReading = {}): Generator<SourcedItem> {
  for (const src of sources) {
    const reading = readingOf(src.file, how)
    if (src.kind === 'txt') {
      try {
        const text = readWhole(src.file, 'zip' in src ? src.zip : undefined, reading)
        if (!text.trim()) yield { error: { file: src.file, line: 1, place: 'file', reason: 'empty file (no text to import)' } }
        else yield { record: { ...parsePlainText(text, src.externalId), annotator: src.annotator ?? null, file: src.file, place: 'document' } }
      } catch (e) {
        yield { error: fileFault(src.file, e) }
      }
      continue
    }
    if (src.kind === 'brat') {
      let txt: string
      let ann: string
      try {
        txt = readBratText(src.file, 'zip' in src ? zipChainBytes(src.zip.archive, src.zip.chain) : undefined, reading)
      } catch (e) {
        yield { error: fileFault(src.file, e) }
        continue
      }
      try {
        ann = readWhole(src.ann, 'annZip' in src ? src.annZip : undefined, readingOf(src.ann, how))
      } catch (e) {
        yield { error: fileFault(src.ann, e) }
        continue
      }
      const { record, errors } = decodeBratDocument(txt, ann, { file: src.ann, externalId: src.externalId })
      for (const error of errors) yield { error }
      // From a folder per annotator, the export's manifest names the layer's annotator.
      if (record && !errors.length) yield { record: { ...record, annotator: src.annotator ?? record.annotator, file: src.ann, place: 'document' } }
      continue
    }
    if (src.kind === 'xmi') {
      let read: ReturnType<typeof readXmiSource>
      try {
        read = readXmiSource(src, reading)
      } catch (e) {
        yield { error: fileFault(src.file, e) }
        continue
      }
      for (const error of read.errors) yield { error }
      if (read.record && !read.errors.length) yield { record: { ...read.record, file: src.file, place: 'document' } }
      continue
    }
    if (src.kind === 'spacy-docbin') {
      try {
        for (const item of readDocBinSource(src)) yield 'record' in item ? { record: { ...item.record, file: src.file } } : item
      } catch (e) {
        yield { error: fileFault(src.file, e) }
      }
      continue
    }
    // Lines the reader could not hand on (too long) come out in order with the codec's items.
    const faults: LineFault[] = []
    // A format with one record a line can skip the lines before `fromLine` unparsed (the import's write pass resumes so).
    const skipBefore = ONE_RECORD_A_LINE.has(src.format) ? fromLine : 1
    // Lines with a surrogate escape: only their records need the (slower) walk for unpaired surrogates.
    const suspect = new Set<number>()
    const perLine = JSON_PER_LINE.has(src.format)
    const depth = JSON_PER_FILE.has(src.format) ? new JsonDepthScanner() : null
    // An entry of a ZIP archive (doccano's export): its bytes, inflated once the archive has been read.
    const zip = 'zip' in src ? src.zip : null
    const layer = 'layer' in src ? src.layer : undefined
    const { file, format } = src
    function* lines(): Generator<SourceLine> {
      const bytes = zip ? zipChainBytes(zip.archive, zip.chain) : undefined
      // A whole-file JSON value may be one line as long as the file (json.dump, pandas to_json): held whole, up to a bound.
      const whole = ONE_VALUE_A_FILE.has(format) || (LINES_OR_ARRAY.has(format) && startsWithArray(file, bytes, how.encoding))
      for (const item of readLines(src.file, { ...(whole ? { maxLineChars: wholeValueTuning.maxChars } : {}), bytes, reading })) {
        if (item.line < skipBefore) continue
        if (isFault(item)) {
          faults.push(whole ? wholeValueTooLong(format, item.line) : item)
          continue
        }
        if (SURROGATE_ESCAPE.test(item.raw)) suspect.add(item.line)
        if (perLine) {
          // Refused unparsed: JSON.parse survives deep input, but walking or stringifying the result overflows the stack.
          const deep = moreBracketsThan(item.raw, MAX_JSON_DEPTH) ? jsonTooDeep(item.raw) : null
          if (deep) {
            faults.push({ line: item.line, fault: deep })
            continue
          }
        } else if (depth && depth.feed(item.raw) >= 0) {
          throw new RecordError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels; refused before parsing`, item.line)
        }
        yield item
      }
    }
    let any = false
    try {
      for (const item of streamCodec(src.format).decode(lines(), { file: src.file, unit })) {
        while (faults.length) yield { error: { file: src.file, line: faults[0].line, reason: faults.shift()!.fault } }
        any = true
        if ('record' in item) {
          const bad = suspect.size && (suspect.has(item.record.line) || !perLine) ? surrogateFault(item.record) : null
          if (bad) {
            yield { error: { file: src.file, line: item.record.line, reason: bad } }
            continue
          }
          // The codec's record is fresh: tag it in place rather than copy it (a million-line import makes a million).
          const record = item.record as SourcedRecord
          record.file = src.file
          if (layer && record.annotator == null) record.annotator = layer
          yield { record }
        } else yield item
      }
    } catch (e) {
      any = true
      yield { error: fileFault(src.file, e) }
    }
    for (const f of faults) yield { error: { file: src.file, line: f.line, reason: f.fault } }
    if (!any && !faults.length) yield { error: { file: src.file, line: 1, place: 'file', reason: 'empty file (no records to import)' } }
  }
}

/** How an import reads text files: in an encoding chosen for files without a BOM (--encoding), warnings collected by file. */
export interface SourceReading {
  encoding?: TextEncoding | null
  /** Read a UTF-8 file in the single-byte encoding chosen anyway (--force-encoding), instead of refusing it. */
  force?: boolean
  warn?: (w: FileWarning) => void
}

/** One file's reading: the import's encoding, its warnings tagged with the file. */
function readingOf(file: string, how: SourceReading): TextReading {
  const { encoding, warn, force } = how
  return { encoding, ...(force ? { force } : {}), ...(warn ? { warn: (reason: string) => warn({ file, reason }) } : {}) }
}

/** An unreadable file (encoding, I/O) as the fault of the line it stopped at. */
function fileFault(file: string, e: unknown): LineError {
  if (e instanceof RecordError) return recordFault(file, e)
  if (e instanceof AppError) throw e
  if (e instanceof ZipError) return { file, line: 1, place: 'file', reason: e.message }
  const err = e as NodeJS.ErrnoException
  // Node's message repeats the code and the path ("ENOENT: no such file or directory, open '/a/b'"); the line already names the file.
  if (err.code) return { file, line: 1, place: 'file', reason: `cannot read (${err.code}: ${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')})` }
  throw e
}

/**
 * Reads and parses files into import records, collecting every bad line rather
 * than stopping at the first, so a user sees all that needs fixing at once.
 * Holds every record: for small inputs (the bundled samples).
 */
export async function readDocumentFiles(paths: string[]): Promise<SourcedRecord[]> {
  const records: SourcedRecord[] = []
  const errors: LineError[] = []
  for (const item of decodeSources(listSources(paths))) {
    if ('record' in item) records.push(item.record)
    else errors.push(item.error)
  }
  // A line with two faults is one line read.
  if (errors.length) throw importError(errors, records.length + faultPlaces(errors))
  return records
}

/** One error naming every bad line (the first 50 in the message, all in details). */
export function importError(errors: LineError[], linesRead: number): AppError {
  const shown = errors.slice(0, 50).map(formatLineError)
  const more = errors.length > 50 ? `\n… and ${errors.length - 50} more` : ''
  return new AppError(
    'invalid_input',
    `import failed: ${importFaultSummary(errors, linesRead)}; nothing was imported\n${shown.join('\n')}${more}`,
    { errors, linesRead },
  )
}
