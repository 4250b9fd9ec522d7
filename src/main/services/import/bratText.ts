import fs from 'node:fs'
import { decodeText } from '../../../shared/formats/decodeText'
import type { TextReading } from '../../../shared/formats/decodeText'

/**
 * A brat document's `.txt` as brat reads it: brat opens it as plain UTF-8, so
 * a byte-order mark is the text's first character and every offset counts it.
 * Kept, the offsets mean what the `.ann` says and an export writes the same
 * bytes back. In another encoding (`reading`), offsets count the decoded text's
 * characters, as brat's own `open(encoding=...)` would.
 */
export function readBratText(file: string, held?: Buffer, reading: TextReading = {}): string {
  const bytes = held ?? fs.readFileSync(file)
  const text = decodeText(bytes, reading)
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  return bom && !text.startsWith('\ufeff') ? `\ufeff${text}` : text
}
