import zlib from 'node:zlib'
import { looksDocBinMessage } from '../../../shared/formats/spacyDocBin/docBinMessage'

/** zlib's two-byte header (RFC 1950): deflate, a window of at most 32 KiB, and a check value. */
export function looksZlib(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && bytes[0] >> 4 <= 7 && ((bytes[0] << 8) | bytes[1]) % 31 === 0
}

/**
 * Whether the first bytes of a file are a spaCy DocBin: zlib data whose start
 * inflates to a msgpack map keyed as DocBin.to_bytes writes it (see
 * looksDocBinMessage). Other zlib data is not taken for one.
 */
export function sniffDocBin(head: Uint8Array): boolean {
  if (!looksZlib(head)) return false
  try {
    const start = zlib.inflateSync(head.subarray(0, 64 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 64 * 1024 })
    return looksDocBinMessage(start)
  } catch {
    return false
  }
}
