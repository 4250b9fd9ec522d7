import { RecordError } from './importRecord'
import { firstInvalidUtf8 } from '../text/utf8'
import { bomlessUtf16, bomlessUtf16Reason, bomWinsWarning, firstInvalidUtf16, legacyFaultReason, lineAtByte, notUtf8Reason, SingleByteWatch, utf8MisreadReason } from './encodingFaults'
import { byteOrderMark, firstInvalidLineStart, isSingleByte, isUtf16, textDecoder } from './textEncoding'
import type { TextEncoding } from './textEncoding'

/** Signatures of binary files people rename by mistake: named, so the message says what the file is. */
const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or .docx, .xlsx)'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], 'an SQLite database'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  // zlib at its default level (0x78 0x9c; 0x9c never starts UTF-8 text): what spaCy's DocBin.to_disk writes. A DocBin
  // is told by its bytes and read before this (services/formats/docBinSniff.ts); this is other zlib data, or a text format forced on one.
  [[0x78, 0x9c], 'zlib-compressed data; a spaCy DocBin is read as .spacy, by its content, or with --format spacy-docbin'],
]

/**
 * What binary file the first bytes are (a known signature, or a NUL on the
 * first line), or null. UTF-16 and gzip are told apart by their callers first.
 */
export function binaryKind(head: Uint8Array): string | null {
  return binarySignature(head) ?? (nulOnFirstLine(head) ? 'binary data: NUL bytes' : null)
}

/** A known binary file signature at the start, named (checked before the UTF-16-without-BOM guess: images hold many NULs). */
export function binarySignature(head: Uint8Array): string | null {
  for (const [sig, kind] of MAGIC) if (head.length >= sig.length && sig.every((b, i) => head[i] === b)) return kind
  return null
}

export function nulOnFirstLine(head: Uint8Array): boolean {
  // A NUL before the first line ends (in the first 4 KiB): binary data, whatever else it is.
  const nl = head.indexOf(0x0a)
  return head.subarray(0, Math.min(nl < 0 ? head.length : nl, 4096)).includes(0)
}

/** Why the first bytes of a file cannot be imported as text (gzip, a known binary signature, NULs), or null. */
export function binaryRefusal(head: Uint8Array): string | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return GZIP_REASON
  // UTF-16 with a BOM holds NULs but is text.
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return null
  const kind = binaryKind(head)
  return kind ? notTextError(kind).message : null
}

const GZIP_REASON = 'the file is gzip-compressed; decompress it first'

/** The refusal for a file that is not text: the first thing a user needs to hear about a renamed image. */
export function notTextError(kind: string): RecordError {
  return new RecordError(`not a text file (${kind}); import UTF-8 or UTF-16 text`, 1, 'file')
}

/** How to read a file's text: in an encoding chosen by the user (a BOM still wins), and where warnings go. */
export interface TextReading {
  encoding?: TextEncoding | null
  /** A warning about how the file was read (a BOM over --encoding, a UTF-8 file read as Latin-1). */
  warn?: (reason: string) => void
  /** What to do about bytes that are not UTF-8, where --encoding does not apply (a pattern file): replaces its mention. */
  hint?: string
  /** Read a valid UTF-8 file in the single-byte encoding chosen anyway (--force-encoding), with a warning, instead of refusing it. */
  force?: boolean
}

/**
 * Decodes a file's bytes: by its byte-order mark (UTF-8 or UTF-16; a BOM wins over `encoding`, with a
 * warning), else in `encoding`, else UTF-8. Bytes that are not valid in it are refused, naming the line
 * and the option that reads another encoding; a single-byte encoding cannot fail, so it is watched for a
 * UTF-8 file instead (SingleByteWatch).
 */
export function decodeText(bytes: Uint8Array, reading: TextReading = {}): string {
  const bom = byteOrderMark(bytes)
  if (bom && reading.encoding && reading.encoding !== bom.encoding) reading.warn?.(bomWinsWarning(bom.encoding, reading.encoding))
  const encoding: TextEncoding = bom?.encoding ?? reading.encoding ?? 'utf-8'
  const body = bom ? bytes.subarray(bom.length) : bytes
  const utf16 = isUtf16(encoding)
  if (!bom && bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new RecordError(GZIP_REASON, 1, 'file')
  }
  if (!bom) {
    const signature = binarySignature(bytes)
    if (signature) throw notTextError(signature)
    const order = utf16 ? null : bomlessUtf16(bytes)
    if (order) throw new RecordError(bomlessUtf16Reason(order, reading.hint), 1, 'file')
    if (!utf16 && nulOnFirstLine(bytes)) throw notTextError('binary data: NUL bytes')
  }
  // A UTF-8 file told to be read in a single-byte encoding is refused before anything is read from it (mojibake stored for good).
  const watch = isSingleByte(encoding) ? new SingleByteWatch(encoding) : null
  const warnings = watch?.feed(body, true) ?? []
  const misread = watch?.utf8Line()
  if (misread && !reading.force) throw new RecordError(utf8MisreadReason(encoding), misread)
  let text: string
  try {
    text = textDecoder(encoding).decode(body)
  } catch {
    const at = encoding === 'utf-8' ? firstInvalidUtf8(body) : utf16 ? firstInvalidUtf16(body, encoding === 'utf-16le') : firstInvalidLineStart(body, encoding)
    const line = lineAtByte(body, at, encoding)
    const offset = at + (bom?.length ?? 0)
    throw new RecordError(
      encoding === 'utf-8' ? notUtf8Reason(offset, body, at, reading.hint) : utf16 ? `not valid ${encoding.toUpperCase()} at byte ${offset} (an unpaired surrogate, or an odd last byte)` : legacyFaultReason(encoding),
      line,
    )
  }
  for (const w of warnings) reading.warn?.(w)
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length
    throw line === 1 ? notTextError('binary data: NUL bytes') : new RecordError('the file contains a NUL character (binary data?)', line)
  }
  return text
}
