const M = 0xc6a4a7935bd1e995n
const MASK = 0xffffffffffffffffn
const R = 47n

/**
 * Austin Appleby's MurmurHash64A, as the murmurhash package's `hash64` calls
 * it: spaCy's `hash_string` is this hash of a string's UTF-8 bytes with seed 1
 * (spacy/strings.pyx). BigInt arithmetic: it runs once per distinct string of a
 * file, not per token.
 */
export function murmurHash64A(data: Uint8Array, seed: bigint): bigint {
  let h = (seed ^ ((BigInt(data.length) * M) & MASK)) & MASK
  const blocks = data.length >>> 3
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  for (let i = 0; i < blocks; i++) {
    let k = view.getBigUint64(i * 8, true)
    k = (k * M) & MASK
    k ^= k >> R
    k = (k * M) & MASK
    h ^= k
    h = (h * M) & MASK
  }
  const tail = data.length & 7
  if (tail) {
    for (let i = tail - 1; i >= 0; i--) h ^= BigInt(data[blocks * 8 + i]) << BigInt(8 * i)
    h = (h * M) & MASK
  }
  h ^= h >> R
  h = (h * M) & MASK
  h ^= h >> R
  return h
}

const utf8 = new TextEncoder()

/** spaCy's `hash_string`: MurmurHash64A of the UTF-8 bytes, seed 1. */
export function spacyHashString(s: string): bigint {
  return murmurHash64A(utf8.encode(s), 1n)
}
