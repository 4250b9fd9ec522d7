import fs from 'node:fs'
import { firstInvalidUtf8, incompleteUtf8Tail } from '../../../shared/text/utf8'
import { RecordError } from '../../../shared/formats/importRecord'
import { binarySignature, notTextError, nulOnFirstLine } from '../../../shared/formats/decodeText'
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
}

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024

/**
 * Reads a text file line by line in fixed-size chunks, so a million-line file
 * is never one string. The first bytes choose the encoding the same way
 * `decodeText` does: UTF-8 (BOM dropped), UTF-16 with a BOM; gzip, NUL bytes
 * and invalid UTF-8 end the file with a RecordError naming the line. LF and
 * CRLF both end a line; line numbers count every line, blank ones included.
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
    let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      throw new RecordError('the file is gzip-compressed; decompress it first', 1, 'file')
    } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
      encoding = 'utf-16le'
      bytes = bytes.subarray(2)
    } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      encoding = 'utf-16be'
      bytes = bytes.subarray(2)
    } else {
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
      const signature = binarySignature(bytes)
      if (signature) throw notTextError(signature)
      if (looksLikeBomlessUtf16(bytes)) {
        throw new RecordError('the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)', 1)
      }
      if (nulOnFirstLine(bytes)) throw notTextError('binary data: NUL bytes')
    }
    const decoder = new TextDecoder(encoding, { fatal: true })
    // The bytes of a UTF-8 sequence a chunk ended inside of (held by the decoder for the next chunk):
    // kept here too, so that after a fault the lines before it are decoded exactly, never with U+FFFD.
    let carry: Uint8Array = new Uint8Array(0)
    let line = 1
    let pending = ''
    let overflow = 0 // > 0 while skipping the rest of a too-long line
    for (;;) {
      const last = n === 0
      let text: string
      // An encoding fault ends the file, but the whole lines before it are still handed on.
      let fault: RecordError | null = null
      try {
        text = decoder.decode(bytes, { stream: !last })
        if (encoding === 'utf-8') {
          const seen = bytes.length >= 3 ? bytes : concat(carry, bytes)
          carry = Uint8Array.from(seen.subarray(seen.length - incompleteUtf8Tail(seen)))
        }
      } catch {
        const full = encoding === 'utf-8' ? concat(carry, bytes) : bytes
        const at = encoding === 'utf-8' ? firstInvalidUtf8(full, !last) : 0
        let l = line
        for (let i = 0; i < at; i++) if (full[i] === 0x0a) l++
        fault = new RecordError(
          encoding === 'utf-8'
            ? 'not valid UTF-8 (Latin-1 or another legacy encoding?); only UTF-8, or UTF-16 with a BOM, is accepted'
            : `not valid ${encoding.toUpperCase()}`,
          l,
        )
        // Only bytes the platform's decoder accepts reach a line: the valid prefix, decoded strictly.
        const prefix = new TextDecoder(encoding, { fatal: true }).decode(full.subarray(0, at), { stream: true })
        text = prefix.slice(0, prefix.lastIndexOf('\n') + 1)
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

/** UTF-16 text without a BOM: a NUL in most odd (or even) positions of the first bytes. */
function looksLikeBomlessUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096) & ~1
  if (n < 4) return false
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++
    if (b[i + 1] === 0) odd++
  }
  return Math.max(even, odd) >= (n / 2) * 0.3
}

