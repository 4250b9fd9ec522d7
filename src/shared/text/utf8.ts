/**
 * Byte index of the first invalid UTF-8 sequence, or the length when every
 * sequence is valid. A sequence cut off by the end of the bytes is invalid in
 * a whole file, but valid in one chunk of a stream (`cutAtEndIsValid`): the
 * next chunk completes it. Used to say where a file stops being UTF-8.
 */
export function firstInvalidUtf8(b: Uint8Array, cutAtEndIsValid = false): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]
    let need = 0
    if (c < 0x80) need = 0
    else if (c >= 0xc2 && c <= 0xdf) need = 1
    else if (c >= 0xe0 && c <= 0xef) need = 2
    else if (c >= 0xf0 && c <= 0xf4) need = 3
    else return i
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return cutAtEndIsValid ? b.length : i
      if ((b[i + k] & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return b.length
}
