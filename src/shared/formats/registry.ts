import type { FaultPlace } from './importRecord'
import type { FormatName, StreamCodec } from './formatCodec'
import { conllCodec } from './conll'
import { doccanoCodec, doccanoRelCodec } from './doccano'
import { describeMarkers, formatsByEmptyKeys, formatsByKeys, formatsFitting, isNeutral } from './formatShapes'
import type { RecordFormat } from './formatShapes'
import { huggingFaceCodec } from './huggingFace'
import { jsonlCodec } from './jsonlCodec'
import { labelStudioCodec } from './labelStudio'
import { looksLabelStudioCsv } from './labelStudioCsv'
import { sniffDoccanoCsv } from './doccanoCsv'
import { looksFastText } from './fastText'
import { looksGermEval } from './germEval'
import { prodigyCodec } from './prodigy'
import { spacyCodec, spacyLinesCodec } from './spacy'
import { sniffWebannoTsv, webannoTsvCodec } from './webanno/webannoTsvCodec'
import { JSON_EXTENSIONS, TOKEN_EXTENSIONS } from './fileExtensions'

/**
 * The stream formats by name, and format detection for imports. `txt` and
 * `brat` are file/folder formats and are handled by their own readers.
 */
const CODECS: StreamCodec[] = [prodigyCodec, huggingFaceCodec, doccanoRelCodec, doccanoCodec, jsonlCodec, spacyCodec, spacyLinesCodec, labelStudioCodec, conllCodec, webannoTsvCodec]

const BY_NAME = new Map<FormatName, StreamCodec>(CODECS.map((c) => [c.name, c]))

export const STREAM_FORMATS: FormatName[] = CODECS.map((c) => c.name)

export function streamCodec(name: FormatName): StreamCodec {
  const codec = BY_NAME.get(name)
  if (!codec) {
    if (name === 'txt' || name === 'brat' || name === 'xmi' || name === 'spacy-docbin') throw new Error(`${name} is a file/folder format, not a stream format`)
    throw new Error(`unknown format ${JSON.stringify(name)}`)
  }
  return codec
}

/** How many records detection reads at most: enough that a first line of another shape cannot decide alone. */
export const SAMPLE_RECORDS = 50

/** A detected format, or why none could be told (with the 1-based line that decided it, or `place` for a binary file's). */
export type Detection = { format: FormatName } | { format: null; line: number; reason: string; place?: FaultPlace }

const BIO_TAG = /^(O|[BIESLUM]-\S+)$/u
const DOCSTART = '-DOCSTART-'

function extensionOf(fileName: string): string {
  const lower = fileName.toLowerCase()
  const slash = Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\'))
  const dot = lower.lastIndexOf('.')
  return dot > slash ? lower.slice(dot) : ''
}

/** Non-blank lines of the head with their 1-based numbers (a head cut mid-line drops its last line). */
function sampleLines(head: string, truncated: boolean, max: number): { line: number; raw: string }[] {
  const lines = head.split(/\r\n|\n|\r/)
  if (truncated && lines.length > 1) lines.pop()
  const out: { line: number; raw: string }[] = []
  for (let i = 0; i < lines.length && out.length < max; i++) if (lines[i].trim()) out.push({ line: i + 1, raw: lines[i] })
  return out
}

/**
 * Token-per-line BIO (CoNLL): `-DOCSTART-` first, or every sampled non-blank
 * line a token and at least one more column whose last is a BIO tag, with
 * at least one B-/I- tag and two token lines (`#` comment lines aside).
 * Plain prose never looks so.
 */
/** What a .txt file's content makes it, when not plain text: CoNLL (token-per-line BIO) or doccano (its fastText export). */
export function txtContentFormat(head: string, truncated = false): 'conll' | 'doccano' | null {
  if (looksTokenPerLine(head, truncated)) return 'conll'
  return looksFastText(head, truncated, SAMPLE_RECORDS) ? 'doccano' : null
}

export function looksTokenPerLine(head: string, truncated = false): boolean {
  // GermEval 2014: index, token, outer and inner tag (its last column is mostly O).
  if (looksGermEval(head, truncated)) return true
  const lines = sampleLines(head, truncated, 200)
  if (!lines.length) return false
  if (lines[0].raw.trim().split(/\s+/u)[0] === DOCSTART) return true
  let tagged = 0
  let tokens = 0
  for (const { raw } of lines) {
    const cols = raw.trim().split(/\s+/u)
    if (cols[0] === DOCSTART) continue
    const tokenLine = cols.length >= 2 && BIO_TAG.test(cols[cols.length - 1])
    // A comment line (MultiCoNER's `# id …`, CoNLL-U's `# text = …`), as the CoNLL reader skips them.
    if (!tokenLine && raw.startsWith('#')) continue
    if (!tokenLine) return false
    tokens++
    if (cols[cols.length - 1] !== 'O') tagged++
  }
  return tokens >= 2 && tagged > 0
}

function parseOrUndefined(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The first element of a top-level JSON array, when the head holds all of it (a small scan that skips strings). */
function firstArrayElement(head: string): unknown {
  const open = head.indexOf('[')
  let depth = 0
  let inString = false
  let start = -1
  for (let i = open + 1; i < head.length; i++) {
    const c = head[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    if (start < 0 && !/\s/u.test(c)) start = i
    if (c === '[' || c === '{') depth++
    else if (c === ']' || c === '}') {
      if (depth === 0) return undefined
      depth--
      if (depth === 0) return parseOrUndefined(head.slice(start, i + 1))
    }
  }
  return undefined
}

function lineAt(head: string, index: number): number {
  let n = 1
  for (let i = 0; i < index && i < head.length; i++) if (head.charCodeAt(i) === 10) n++
  return n
}

/** A file that is one JSON value (an array, or one pretty-printed object): spaCy's array or Label Studio's tasks. */
function detectJsonDocument(head: string, truncated: boolean): Detection {
  const start = head.search(/\S/u)
  const line = lineAt(head, start)
  if (/^\s*\[\s*\[\s*"/u.test(head)) return { format: 'spacy' }
  if (/^\s*\[\s*"/u.test(head)) return { format: 'spacy' }
  if (head[start] === '[') {
    if (/^\s*\[\s*(\]|$)/u.test(head)) return { format: 'labelstudio' }
    const first = firstArrayElement(head)
    // spaCy v2's JSON training format: documents of paragraphs (a first document may be longer than the head).
    if (first === undefined && /^\s*\[\s*\{\s*("id"\s*:\s*-?\d+\s*,\s*)?"paragraphs"\s*:\s*\[/u.test(head)) return { format: 'spacy' }
    if (first === undefined) return /^\s*\[\s*\{/u.test(head) ? { format: 'labelstudio' } : { format: null, line, reason: 'cannot tell the format of this JSON array; pass --format' }
    if (!isObject(first)) return { format: null, line, reason: 'a JSON array whose first item is not a task object; pass --format' }
    if (Array.isArray(first.paragraphs) && first.data === undefined) return { format: 'spacy' }
    const fits = formatsFitting(first)
    if (fits.includes('labelstudio') || isNeutral(first)) return { format: 'labelstudio' }
    const itemLine = lineAt(head, head.indexOf('{', start))
    // doccano's JSON export: its JSONL records in one array (pandas to_json), which its reader takes too.
    if (fits.length === 1 && (fits[0] === 'doccano' || fits[0] === 'doccano-rel')) return { format: fits[0] }
    if (fits.length) return { format: null, line: itemLine, reason: `a JSON array of ${fits.join('/')} records; this format is read one record a line (JSONL): write one record a line, or pass --format` }
    return { format: null, line: itemLine, reason: `cannot tell the format of the array's first item: ${describeMarkers(first)}; pass --format` }
  }
  // One object over several lines: a single Label Studio task (one file per task, as its cloud storage writes).
  const whole = truncated ? undefined : parseOrUndefined(head)
  if (isObject(whole)) {
    if (formatsFitting(whole).includes('labelstudio') || isNeutral(whole)) return { format: 'labelstudio' }
    return { format: null, line, reason: `one JSON object that is not a Label Studio task: ${describeMarkers(whole)}; pass --format` }
  }
  if (truncated && /"(data|annotations|predictions)"\s*:\s*[[{]/u.test(head)) return { format: 'labelstudio' }
  return { format: null, line, reason: 'not valid JSON and not one JSON record a line' }
}

/** A file of one JSON record a line: every sampled record votes, on its shape. */
function detectJsonLines(lines: { line: number; raw: string }[]): Detection {
  let candidates: Set<RecordFormat> | null = null
  let decidedAt = 0
  // From records without annotations: the formats whose (empty) keys they use.
  let weak: Set<RecordFormat> | null = null
  let withoutId = false
  for (const { line, raw } of lines) {
    const json = parseOrUndefined(raw)
    if (Array.isArray(json) && typeof json[0] === 'string') {
      if (candidates) return { format: null, line, reason: `a spaCy tuple among ${[...candidates].join('/')} records; pass --format` }
      return { format: 'spacy' }
    }
    // A broken line is for the codec to report, with its reason.
    if (!isObject(json)) continue
    if (isNeutral(json)) {
      if (json.id === undefined) withoutId = true
      const empty = formatsByEmptyKeys(json)
      if (empty.length) weak = weak ? new Set(empty.filter((f) => weak!.has(f))) : new Set(empty)
      continue
    }
    let fits: RecordFormat[] = formatsFitting(json)
    if (!fits.length) {
      // Keys of one format (or the native one's) with values of another shape: that format's reader names the fault.
      const byKeys = formatsByKeys(json)
      if (byKeys.includes('jsonl')) fits = ['jsonl']
      else if (byKeys.length === 1) fits = byKeys
      else return { format: null, line, reason: `${byKeys.length ? 'cannot tell the format' : 'ambiguous'}: ${describeMarkers(json)}; pass --format` }
    }
    const next: Set<RecordFormat> = candidates ? new Set(fits.filter((f) => candidates!.has(f))) : new Set(fits)
    if (!next.size) return { format: null, line, reason: `mixed formats: line ${decidedAt} reads as ${[...candidates!].join('/')}, this line as ${fits.join('/')}; pass --format` }
    if (!candidates) decidedAt = line
    candidates = next
  }
  // Text without annotations only: every reader takes it alike. Without ids it is Prodigy's input
  // (`{"text", "meta"}`, as bio_events.jsonl); with them, the native format.
  if (!candidates) return { format: weak?.size === 1 ? [...weak][0] : withoutId ? 'prodigy' : 'jsonl' }
  if (candidates.size > 1) return { format: null, line: decidedAt, reason: `ambiguous: the records fit ${[...candidates].join(' and ')}; pass --format` }
  return { format: [...candidates][0] }
}

/**
 * Tells a file's format from its name and the start of its content (`head`;
 * `truncated` when the file goes on after it). `.txt` is plain text and
 * `.ann` brat; token-per-line extensions are CoNLL; JSON files are told by
 * the shape of their first records (up to SAMPLE_RECORDS), never by a stray
 * key: when records fit two formats, or none, detection refuses with the line.
 */
export function sniffFormat(fileName: string, head: string, truncated = false): Detection {
  const ext = extensionOf(fileName)
  // A .txt is plain text, unless its lines are doccano's fastText export (`__label__<name> text`): categories, read by doccano's reader.
  if (ext === '.txt') return looksFastText(head, truncated, SAMPLE_RECORDS) ? { format: 'doccano' } : { format: 'txt' }
  if (ext === '.ann') return { format: 'brat' }
  if (ext === '.xmi') return { format: 'xmi' }
  // spaCy's binary DocBin, by its extension (without it, the main side tells it by its bytes: formatRegistry.ts).
  if (ext === '.spacy') return { format: 'spacy-docbin' }
  const body = head.replace(/^\uFEFF/u, '')
  // WebAnno TSV 3 by its first line, whatever the extension (INCEpTION names its files .tsv).
  const webanno = sniffWebannoTsv(body)
  if (webanno) return webanno
  const xml = looksXml(body)
  if (xml) return xml
  if (TOKEN_EXTENSIONS.has(ext)) return { format: 'conll' }
  const first = body.search(/\S/u)
  if (first < 0) return JSON_EXTENSIONS.has(ext) ? { format: 'jsonl' } : { format: null, line: 1, reason: 'the file is empty' }
  const c = body[first]
  if (c === '{' || c === '[') {
    const lines = sampleLines(body, truncated, SAMPLE_RECORDS)
    const firstParsed = lines.length ? parseOrUndefined(lines[0].raw) : undefined
    const oneRecordALine = isObject(firstParsed) || (Array.isArray(firstParsed) && typeof firstParsed[0] === 'string')
    const found = oneRecordALine ? detectJsonLines(lines) : detectJsonDocument(body, truncated)
    // Content no JSON reader takes (a first line longer than the head, bad bytes): the line reader names the fault.
    if (found.format === null && found.reason.startsWith('not valid JSON') && JSON_EXTENSIONS.has(ext)) return { format: 'jsonl' }
    return found
  }
  if (looksTokenPerLine(body, truncated)) return { format: 'conll' }
  // Label Studio's CSV or TSV export, by its header row (annotator and annotation_id, beside id or text).
  if ((ext === '.csv' || ext === '.tsv') && looksLabelStudioCsv(body.slice(first).split('\n', 1)[0])) return { format: 'labelstudio' }
  // doccano's CSV exports (1.x text classification, 1.0's row per annotation), by their header and first rows; a CSV
  // with text and label columns of another shape is refused with the line and why (doccanoCsv.ts).
  const doccanoCsv = ext === '.csv' ? sniffDoccanoCsv(body, truncated, SAMPLE_RECORDS) : null
  if (doccanoCsv) return doccanoCsv
  // Not JSON at all: the native reader names each bad line.
  if (JSON_EXTENSIONS.has(ext)) return { format: 'jsonl' }
  // A .tsv is WebAnno TSV by its header or CoNLL by its lines (above), never by its name alone.
  if (ext === '.tsv') return { format: null, line: 1, reason: "cannot tell the file's format (a .tsv is read as WebAnno TSV 3 when it starts with #FORMAT=WebAnno TSV 3.x, or as CoNLL when its lines are token-per-line BIO); pass --format" }
  for (const codec of CODECS) if (codec.extensions.includes(ext)) return { format: codec.name }
  return { format: null, line: 1, reason: "cannot tell the file's format; pass --format" }
}

/**
 * XML by its content: a UIMA CAS (the XMI namespace declared in its first 4 KiB, as INCEpTION and DKPro write it
 * on the root element) is `xmi`; a UIMA type system is named, since it comes beside XMI files and is not a document.
 */
function looksXml(body: string): Detection | null {
  if (!/^\s*</u.test(body)) return null
  const start = body.slice(0, 4096)
  if (/xmlns:\w+\s*=\s*["']http:\/\/www\.omg\.org\/XMI["']/u.test(start)) return { format: 'xmi' }
  if (/<typeSystemDescription[\s>]/u.test(start)) {
    return { format: null, line: 1, reason: 'a UIMA type system description, not an annotated document: import the .xmi files beside it (they are read without it)' }
  }
  return null
}

/** The detected format, or null when it cannot be told (see sniffFormat for why). */
export function detectFormat(fileName: string, head: string, truncated = false): FormatName | null {
  return sniffFormat(fileName, head, truncated).format
}
