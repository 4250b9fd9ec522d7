import { RecordError } from './importRecord'
import { firstInvalidUtf8 } from '../text/utf8'

/**
 * Decodes a file's bytes: UTF-8 (a BOM dropped) or UTF-16 with a BOM. Bytes that
 * are not valid UTF-8 (e.g. Latin-1) are refused rather than guessed at.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2))
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2))
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new RecordError('the file is gzip-compressed; decompress it first', 1)
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    const at = firstInvalidUtf8(body)
    const line = countLines(body, at)
    throw new RecordError(`not valid UTF-8 at byte ${at} (only UTF-8, or UTF-16 with a BOM, is accepted)`, line)
  }
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    throw new RecordError('the file contains a NUL character (binary data?)', text.slice(0, nul).split('\n').length)
  }
  return text
}

function countLines(bytes: Uint8Array, upTo: number): number {
  let n = 1
  for (let i = 0; i < upTo; i++) if (bytes[i] === 0x0a) n++
  return n
}

