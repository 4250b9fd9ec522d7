import fs from 'node:fs'
import { firstInvalidUtf8, incompleteUtf8Tail } from '../../../shared/text/utf8'
import { RecordError } from '../../../shared/formats/importRecord'
import { binarySignature, notTextError, nulOnFirstLine } from '../../../shared/formats/decodeText'
import type { TextReading } from '../../../shared/formats/decodeText'
import { bomlessUtf16, bomlessUtf16Reason, bomWinsWarning, firstInvalidUtf16, legacyFaultReason, lineAtByte, notUtf8Reason, SingleByteWatch, utf8MisreadReason } from '../../../shared/formats/encodingFaults'
import { byteOrderMark, firstInvalidLineStart, isSingleByte, isUtf16, textDecoder } from '../../../shared/formats/textEncoding'
import type { TextEncoding } from '../../../shared/formats/textEncoding'
import type { SourceLine } from '../../../shared/formats/formatCodec'

/** A line the reader could not hand on (too long to parse); reading goes on after it. */
export interface LineFault {
  line: number
  fault: string
}

export type ReadItem = SourceLine | LineFault

export const isFault = (x: ReadItem): x is LineFault => 'fault' in x

export interface LineReaderOptions {
  /** Lines longer than this (in UTF-16 code units) are reported, not parsed, and never held whole. */
  maxLineChars?: number
  chunkBytes?: number
  /** The file's bytes, already in memory (an entry of a ZIP archive: `file` then only names it). */
  bytes?: Uint8Array
  /** The encoding chosen for a file without a BOM (--encoding), and where warnings about it go. */
  reading?: TextReading
}

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024

/**
 * Reads a text file line by line in fixed-size chunks, so a million-line file
 * is never one string. The encoding is chosen the same way `decodeText`
 * does: by a BOM (dropped), else the one chosen (`reading.encoding`), else
 * UTF-8; gzip, NUL bytes and bytes invalid in it end the file with a
 * RecordError naming the line. LF and CRLF both end a line, and a lone CR in
 * a file whose lines end so; line numbers count every line, blank ones included.
 */
export function* readLines(file: string, opts: LineReaderOptions = {}): Generator<ReadItem> {
  const maxLine = opts.maxLineChars ?? DEFAULT_MAX_LINE_CHARS
  const chunk = Buffer.allocUnsafe(opts.chunkBytes ?? 1 << 20)
  const held = opts.bytes
  const fd = held ? -1 : fs.openSync(file, 'r')
  let offset = 0
  const readChunk = (): number => {
    if (!held) return fs.readSync(fd, chunk, 0, chunk.length, null)
    const n = Math.min(chunk.length, held.length - offset)
    chunk.set(held.subarray(offset, offset + n))
    offset += n
    return n
  }
  try {
    let n = readChunk()
    let bytes = chunk.subarray(0, n)
    const chosen = opts.reading?.encoding ?? null
    const bom = byteOrderMark(bytes)
    const encoding: TextEncoding = bom?.encoding ?? chosen ?? 'utf-8'
    const utf16 = isUtf16(encoding)
    if (bom) {
      if (chosen && chosen !== bom.encoding) opts.reading?.warn?.(bomWinsWarning(bom.encoding, chosen))
      bytes = bytes.subarray(bom.length)
    } else if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      throw new RecordError('the file is gzip-compressed; decompress it first', 1, 'file')
    } else {
      const signature = binarySignature(bytes)
      if (signature) throw notTextError(signature)
      const order = utf16 ? null : bomlessUtf16(bytes)
      if (order) throw new RecordError(bomlessUtf16Reason(order), 1, 'file')
      if (!utf16 && nulOnFirstLine(bytes)) throw notTextError('binary data: NUL bytes')
    }
    // A single-byte encoding cannot fail: a UTF-8 file told to be read in one is refused before a line is handed on
    // (its mojibake would be stored for good), unless forced; then, and for the other mistakes, watched and warned of.
    if (isSingleByte(encoding) && !opts.reading?.force) {
      const misread = utf8Line(encoding, held ?? file, bytes)
      if (misread) throw new RecordError(utf8MisreadReason(encoding), misread)
    }
    const watch = isSingleByte(encoding) && opts.reading?.warn ? new SingleByteWatch(encoding) : null
    // Bytes of the file before this chunk (for the byte offset of a fault).
    let before = bom?.length ?? 0
    const decoder = textDecoder(encoding)
    // The bytes of a UTF-8 sequence a chunk ended inside of (held by the decoder for the next chunk):
    // kept here too, so that after a fault the lines before it are decoded exactly, never with U+FFFD.
    let carry: Uint8Array = new Uint8Array(0)
    let line = 1
    let pending = ''
    // Lines ended by a lone CR (classic Mac OS, some exporters): told by the first chunk holding a CR and no LF, then
    // read as Python's universal newlines and Java's readLine (INCEpTION's) read them. Read at LF only, the whole file
    // was one line: a CoNLL file became one token with every later line in its tag, imported without a word.
    let crLines: boolean | null = null
    let overflow = 0 // > 0 while skipping the rest of a too-long line
    for (;;) {
      const last = n === 0
      let text: string
      // An encoding fault ends the file, but the whole lines before it are still handed on.
      let fault: RecordError | null = null
      try {
        text = decoder.decode(bytes, { stream: !last })
        for (const w of watch?.feed(bytes, last) ?? []) opts.reading!.warn!(w)
        if (encoding === 'utf-8') {
          const seen = bytes.length >= 3 ? bytes : concat(carry, bytes)
          carry = Uint8Array.from(seen.subarray(seen.length - incompleteUtf8Tail(seen)))
        }
      } catch {
        // UTF-16: the decoder holds an odd byte or a high surrogate over a chunk's end; chunks are even-sized, so a fault is in this chunk.
        const full = encoding === 'utf-8' ? concat(carry, bytes) : bytes
        const at = encoding === 'utf-8' ? firstInvalidUtf8(full, !last) : utf16 ? firstInvalidUtf16(full, encoding === 'utf-16le') : firstInvalidLineStart(full, encoding)
        const l = lineAtByte(full, at, encoding, line, crLines)
        const where = before - (full.length - bytes.length) + at
        fault = new RecordError(
          encoding === 'utf-8' ? notUtf8Reason(where, full, at) : utf16 ? `not valid ${encoding.toUpperCase()} at byte ${where} (an unpaired surrogate, or an odd last byte)` : legacyFaultReason(encoding),
          l,
        )
        // Only bytes the platform's decoder accepts reach a line: the valid prefix, decoded strictly.
        const prefix = textDecoder(encoding).decode(full.subarray(0, at), { stream: true })
        text = prefix.slice(0, prefix.lastIndexOf('\n') + 1)
      }
      // Undecided while the only CR ends the chunk: its LF may start the next one.
      if (crLines === null) {
        const seen = pending.slice(-1) + text
        crLines = seen.includes('\n') ? false : /\r[^]/u.test(seen) ? true : null
      }
      if (crLines) {
        // A CR that ended the chunk before was held in the line so far: read it as a line end too.
        if (pending.includes('\r')) {
          text = pending + text
          pending = ''
        }
        text = text.replaceAll('\r', '\n')
      }
      let pos = 0
      for (;;) {
        const nl = text.indexOf('\n', pos)
        if (nl < 0) {
          const rest = text.length - pos
          if (overflow) overflow += rest
          else if (pending.length + rest > maxLine) {
            overflow = pending.length + rest
            pending = ''
          } else pending += text.slice(pos)
          break
        }
        if (overflow) {
          yield tooLong(line, overflow + (nl - pos), maxLine)
          overflow = 0
        } else if (pending.length + (nl - pos) > maxLine) {
          yield tooLong(line, pending.length + (nl - pos), maxLine)
        } else {
          let raw = pending + text.slice(pos, nl)
          pending = ''
          if (raw.endsWith('\r')) raw = raw.slice(0, -1)
          raw = withoutBom(raw)
          if (raw.includes('\u0000')) throw nulError(line)
          yield { line, raw }
        }
        pending = ''
        line++
        pos = nl + 1
      }
      if (fault) throw fault
      if (last) break
      before += bytes.length
      n = readChunk()
      bytes = chunk.subarray(0, n)
    }
    if (overflow) yield tooLong(line, overflow, maxLine)
    else if (pending.length) {
      const raw = withoutBom(pending.endsWith('\r') ? pending.slice(0, -1) : pending)
      if (raw.includes('\u0000')) throw nulError(line)
      yield { line, raw }
    }
  } finally {
    if (fd >= 0) fs.closeSync(fd)
  }
}

/**
 * The line of the first non-ASCII byte of a file that is valid UTF-8 throughout (so reading it in a single-byte
 * encoding would be wrong), or null; read through once, in chunks, before the file is decoded.
 */
function utf8Line(encoding: TextEncoding, source: Uint8Array | string, first: Uint8Array): number | null {
  const watch = new SingleByteWatch(encoding)
  if (typeof source !== 'string') {
    watch.feed(source, true)
    return watch.utf8Line()
  }
  const fd = fs.openSync(source, 'r')
  try {
    const buf = Buffer.allocUnsafe(Math.max(first.length, 1 << 20))
    let pos = 0
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos)
      pos += n
      watch.feed(buf.subarray(0, n), n === 0)
      if (n === 0) return watch.utf8Line()
    }
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * A byte order mark starting a line in the middle of a file: files saved with one and joined (`cat a b`).
 * Ignored, as RFC 8259 allows and as one first in the file is; kept, it failed a JSON line or began a token.
 */
const withoutBom = (raw: string): string => (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw)

/** A NUL on the first line: binary data, not a text file; further on, a text file with one bad character. */
const nulError = (line: number): RecordError =>
  line === 1 ? notTextError('binary data: NUL bytes') : new RecordError('the file contains a NUL character (binary data?)', line)

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

function tooLong(line: number, chars: number, max: number): LineFault {
  const mib = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MiB`
  return { line, fault: `the line is too long to import (${mib(chars)} characters; the limit is ${mib(max)}); it was not parsed` }
}
