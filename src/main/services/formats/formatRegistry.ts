// The one place the services reach the format codecs (the shared registry), so the import and
// export sides agree on names and detection. A neutral module: export must not import services/import.
import fs from 'node:fs'
import path from 'node:path'
import { sniffFormat, txtContentFormat } from '../../../shared/formats/registry'
import type { Detection } from '../../../shared/formats/registry'
import { binaryRefusal } from '../../../shared/formats/decodeText'
import { headText } from '../../../shared/formats/textEncoding'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import { holdsDetectionSample } from '../../../shared/formats/firstRecord'
import { TOKEN_EXTENSIONS } from '../../../shared/formats/fileExtensions'
import { sniffDocBin } from './docBinSniff'

export { detectFormat, looksTokenPerLine, sniffFormat, STREAM_FORMATS, streamCodec, txtContentFormat } from '../../../shared/formats/registry'
export type { Detection } from '../../../shared/formats/registry'

/** How much of a file detection reads: room for many records, or a whole single-task file. */
export const HEAD_BYTES = 1024 * 1024

/**
 * How far detection reads on when the head cuts what it decides on (a 12 MB doccano line, a CSV whose first row is
 * longer than the head): as far as the line reader's 16 MiB line limit (lineReader's DEFAULT_MAX_LINE_CHARS) can
 * reach in UTF-8, 3 bytes a character. Past it, detection refuses the file rather than decide on a cut record.
 */
export const MAX_HEAD_BYTES = 3 * 16 * 1024 * 1024

/** The head detection reads, and `cut` when even MAX_HEAD_BYTES do not hold what it decides on (holdsDetectionSample). */
export interface DetectionBytes {
  buf: Buffer
  truncated: boolean
  cut: boolean
}

/** Extensions of files of one JSON record a line. */
const LINE_JSON = new Set(['.jsonl', '.ndjson'])

/** Extensions detection decides by name (or, for .txt, by its first line's start): their head is never read on. */
const NAMED_BY_EXTENSION = new Set(['.txt', '.ann', '.xmi', '.spacy', ...TOKEN_EXTENSIONS])

/**
 * The bytes detection decides on: HEAD_BYTES, or more while they cut the first JSON record or the first lines (see
 * holdsDetectionSample), up to MAX_HEAD_BYTES, so a huge first record is seen whole. `read(n)`: the first n bytes,
 * and whether more follow. A binary file (an image, a DocBin) is told by its first bytes and never read on.
 */
function detectionBytes(read: (bytes: number) => { buf: Buffer; truncated: boolean }, encoding: TextEncoding | null, name: string): DetectionBytes {
  let bytes = HEAD_BYTES
  let got = read(bytes)
  const holds = () => !got.truncated || holdsDetectionSample(headText(got.buf, encoding))
  if (NAMED_BY_EXTENSION.has(path.extname(name).toLowerCase()) || holds() || sniffDocBin(got.buf) || binaryRefusal(got.buf)) return { ...got, cut: false }
  while (bytes < MAX_HEAD_BYTES) {
    bytes = Math.min(bytes * 4, MAX_HEAD_BYTES)
    got = read(bytes)
    if (holds()) return { ...got, cut: false }
  }
  return { ...got, cut: true }
}

/** The bytes of a file (or an archive entry held in memory) that detection decides on, as detectFileFormat reads them. */
export function detectionHead(data: Buffer, encoding: TextEncoding | null = null, name = ''): DetectionBytes {
  return detectionBytes((n) => ({ buf: data.subarray(0, n), truncated: data.length > n }), encoding, name)
}

/** The first bytes of a file, and whether the file goes on. */
function readHeadBytes(file: string, bytes: number): { buf: Buffer; truncated: boolean } {
  const fd = fs.openSync(file, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = fs.readSync(fd, buf, 0, bytes, 0)
    return { buf: buf.subarray(0, n), truncated: n === bytes }
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * The start of a file as text, and whether the file goes on: by its BOM (PowerShell 5's `>`, Notepad's "Unicode"),
 * else in the encoding chosen (--encoding), else UTF-8; invalid bytes replaced (the reader names them).
 */
export function readHead(file: string, bytes = HEAD_BYTES, encoding: TextEncoding | null = null): { head: string; truncated: boolean } {
  const { buf, truncated } = readHeadBytes(file, bytes)
  return { head: headText(buf, encoding), truncated }
}

/** Detects a file's format from its name and content (see sniffFormat); '' content when it cannot be read. */
export function detectFileFormat(file: string, name = file, encoding: TextEncoding | null = null): Detection {
  let head: DetectionBytes = { buf: Buffer.alloc(0), truncated: false, cut: false }
  try {
    head = detectionBytes((n) => readHeadBytes(file, n), encoding, name)
  } catch {
    // Unreadable: the reader reports why when it opens the file.
  }
  return detectBytesFormat(head.buf, name, head.truncated, encoding, head.cut)
}

/**
 * Detects the format of a file's first bytes (`truncated`: the file goes on), as detectFileFormat does: for a ZIP
 * archive's entries. `cut`: the bytes end inside what detection decides on (detectionBytes), so it refuses, naming why.
 */
export function detectBytesFormat(buf: Buffer, name: string, truncated: boolean, encoding: TextEncoding | null = null, cut = false): Detection {
  // A spaCy DocBin whatever its name: zlib data inflating to a DocBin's msgpack map (other zlib data is refused below).
  if (sniffDocBin(buf)) return { format: 'spacy-docbin' }
  if (cut) {
    const text = headText(buf, encoding)
    // A JSON-lines file whose first line is past it: every JSON-lines reader refuses that line (over the 16 MiB line
    // limit) naming it and its size, whatever the format, so the native reader is chosen to say so.
    if (LINE_JSON.has(path.extname(name).toLowerCase()) && /^[\s\uFEFF]*[[{]/u.test(text)) return { format: 'jsonl' }
    return { format: null, line: 1, place: 'file', reason: cutHeadReason(text) }
  }
  const found = sniffFormat(name, headText(buf, encoding), truncated)
  // A binary file no extension names is refused as what it is (a PNG, a spaCy DocBin), not as a format
  // that cannot be told; with a format's extension, that format's reader says so, line by line.
  const binary = found.format === null ? binaryRefusal(buf) : null
  return binary ? { format: null, line: 1, place: 'file', reason: binary } : found
}

/** The stream format of a .txt file whose content is clearly not plain text: token-per-line BIO (CoNLL), or doccano's fastText export. */
export function txtStreamFormat(file: string, encoding: TextEncoding | null = null): 'conll' | 'doccano' | null {
  try {
    const { head, truncated } = readHead(file, 256 * 1024, encoding)
    return txtContentFormat(head, truncated)
  } catch {
    return null
  }
}

/** Why a file whose first record (or first lines) is longer than detection reads is refused, rather than told from a cut piece. */
function cutHeadReason(head: string): string {
  const mib = MAX_HEAD_BYTES / 1024 / 1024
  if (/^[\s\uFEFF]*[[{]/u.test(head)) {
    return `the first JSON record is longer than the ${mib} MiB detection reads, so its format cannot be told from it whole; pass --format (a file of one record a line takes lines of up to 16 MiB; one JSON value, as Label Studio, spaCy and doccano export it, up to 256 MiB)`
  }
  return `the first two lines are not whole within the ${mib} MiB detection reads, so the format cannot be told from them; pass --format (a line may be up to 16 MiB)`
}
