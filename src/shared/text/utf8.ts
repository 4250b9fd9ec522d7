/**
 * UTF-8 validity is the platform's call (a fatal TextDecoder: it refuses
 * encoded surrogates, overlong forms, values above U+10FFFF and stray
 * continuation bytes). These helpers only say *where* a refused text went
 * wrong, by asking the same decoder about prefixes.
 */

/** Whether `b[0..n)` could begin valid UTF-8 (a sequence cut off at n is allowed: more bytes may complete it). */
function validPrefix(b: Uint8Array, n: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n), { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * How many bytes at the end of valid UTF-8 `b` begin a sequence that is not
 * complete yet (0-3): the bytes a streaming decoder holds for the next chunk.
 */
export function incompleteUtf8Tail(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]
    if ((c & 0xc0) === 0x80) continue
    if (c < 0xc0) return 0
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2
    return k < need ? k : 0
  }
  return 0
}

/**
 * Byte index of the start of the first invalid UTF-8 sequence, or the length
 * when every sequence is valid. A sequence cut off by the end of the bytes is
 * invalid in a whole file, but valid in one chunk of a stream
 * (`cutAtEndIsValid`): the next chunk completes it. Used to say where a file
 * stops being UTF-8, after the decoder has refused it.
 */
export function firstInvalidUtf8(b: Uint8Array, cutAtEndIsValid = false): number {
  if (validPrefix(b, b.length)) {
    if (cutAtEndIsValid) return b.length
    return b.length - incompleteUtf8Tail(b)
  }
  // Validity of a prefix is monotone (a prefix of a valid prefix is valid): binary search the longest.
  let lo = 0
  let hi = b.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (validPrefix(b, mid)) lo = mid
    else hi = mid - 1
  }
  // The bad byte may continue a sequence begun just before it: name the sequence's first byte.
  return lo - incompleteUtf8Tail(b.subarray(0, lo))
}
