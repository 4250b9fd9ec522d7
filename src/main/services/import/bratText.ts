import fs from 'node:fs'
import { decodeText } from '../../../shared/formats/decodeText'

/**
 * A brat document's `.txt` as brat reads it: brat opens it as plain UTF-8, so
 * a byte-order mark is the text's first character and every offset counts it.
 * Kept, the offsets mean what the `.ann` says and an export writes the same
 * bytes back.
 */
export function readBratText(file: string, held?: Buffer): string {
  const bytes = held ?? fs.readFileSync(file)
  const text = decodeText(bytes)
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  return bom && !text.startsWith('\ufeff') ? `\ufeff${text}` : text
}
