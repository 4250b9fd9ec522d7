// The one place the services reach the format codecs (the shared registry), so the import and
// export sides agree on names and detection. A neutral module: export must not import services/import.
import fs from 'node:fs'
import { sniffFormat, txtContentFormat } from '../../../shared/formats/registry'
import type { Detection } from '../../../shared/formats/registry'
import { binaryRefusal } from '../../../shared/formats/decodeText'
import { headText } from '../../../shared/formats/textEncoding'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import { holdsFirstRecord } from '../../../shared/formats/firstRecord'
import { sniffDocBin } from './docBinSniff'

export { detectFormat, looksTokenPerLine, sniffFormat, STREAM_FORMATS, streamCodec, txtContentFormat } from '../../../shared/formats/registry'
export type { Detection } from '../../../shared/formats/registry'

/** How much of a file detection reads: room for many records, or a whole single-task file. */
export const HEAD_BYTES = 1024 * 1024

/**
 * How far detection reads on when the head cuts the first record (a 12 MB doccano line): as far as the line
 * reader's 16 MiB line limit (lineReader's DEFAULT_MAX_LINE_CHARS) can reach in UTF-8, 3 bytes a character.
 * A longer first record is refused by its reader anyway, naming the line.
 */
export const MAX_HEAD_BYTES = 3 * 16 * 1024 * 1024

/**
 * The bytes detection decides on: HEAD_BYTES, or more while they cut the first JSON record (see holdsFirstRecord),
 * up to MAX_HEAD_BYTES, so a huge first record is seen whole. `read(n)`: the first n bytes, and whether more follow.
 */
function detectionBytes(read: (bytes: number) => { buf: Buffer; truncated: boolean }, encoding: TextEncoding | null): { buf: Buffer; truncated: boolean } {
  let bytes = HEAD_BYTES
  let got = read(bytes)
  while (got.truncated && bytes < MAX_HEAD_BYTES && !holdsFirstRecord(headText(got.buf, encoding))) {
    bytes = Math.min(bytes * 4, MAX_HEAD_BYTES)
    got = read(bytes)
  }
  return got
}

/** The bytes of a file (or an archive entry held in memory) that detection decides on, as detectFileFormat reads them. */
export function detectionHead(data: Buffer, encoding: TextEncoding | null = null): { buf: Buffer; truncated: boolean } {
  return detectionBytes((n) => ({ buf: data.subarray(0, n), truncated: data.length > n }), encoding)
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
  let buf: Buffer = Buffer.alloc(0)
  let truncated = false
  try {
    ;({ buf, truncated } = detectionBytes((n) => readHeadBytes(file, n), encoding))
  } catch {
    // Unreadable: the reader reports why when it opens the file.
  }
  return detectBytesFormat(buf, name, truncated, encoding)
}

/** Detects the format of a file's first bytes (`truncated`: the file goes on), as detectFileFormat does: for a ZIP archive's entries. */
export function detectBytesFormat(buf: Buffer, name: string, truncated: boolean, encoding: TextEncoding | null = null): Detection {
  // A spaCy DocBin whatever its name: zlib data inflating to a DocBin's msgpack map (other zlib data is refused below).
  if (sniffDocBin(buf)) return { format: 'spacy-docbin' }
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
