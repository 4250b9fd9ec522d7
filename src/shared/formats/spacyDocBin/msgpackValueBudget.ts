import { MAX_JSON_DEPTH } from '../jsonDepth'

/**
 * How many values a msgpack message holds, counted from its headers before it is decoded. A decoder turns each
 * value into a JavaScript value (an empty map costs ~64 bytes of heap for one byte of msgpack), so a small `.spacy`
 * file whose 1 GiB of inflated data is a list of empty maps or short strings would exhaust the heap and stop the
 * process; counted first, it is refused in words instead.
 */

/** Keys in maps larger than BIG_MAP a message may hold: ~2 s of decoding. */
const BIG_MAP = 1000
const MAX_BIG_MAP_KEYS = 1_000_000

/** A message over the budget (`over`), or not msgpack: one that ends before its values do, or a byte no type has. */
export class MsgpackBudgetError extends Error {
  constructor(
    message: string,
    readonly over = false,
  ) {
    super(message)
  }
}

/** Bytes after a type byte before the payload, and the payload length's size, for the fixed-size and sized types. */
function sizedPayload(bytes: Uint8Array, at: number, b: number): number {
  const u8 = () => bytes[at + 1]
  const u16 = () => (bytes[at + 1] << 8) | bytes[at + 2]
  const u32 = () => ((bytes[at + 1] << 24) >>> 0) + ((bytes[at + 2] << 16) | (bytes[at + 3] << 8) | bytes[at + 4])
  switch (b) {
    case 0xc4: case 0xd9: return 2 + u8() // bin8, str8
    case 0xc5: case 0xda: return 3 + u16() // bin16, str16
    case 0xc6: case 0xdb: return 5 + u32() // bin32, str32
    case 0xc7: return 3 + u8() // ext8: length, type
    case 0xc8: return 4 + u16()
    case 0xc9: return 6 + u32()
    case 0xca: return 5 // float32
    case 0xcb: return 9
    case 0xcc: case 0xd0: return 2
    case 0xcd: case 0xd1: return 3
    case 0xce: case 0xd2: return 5
    case 0xcf: case 0xd3: return 9
    case 0xd4: return 3 // fixext1..16: type + data
    case 0xd5: return 4
    case 0xd6: return 6
    case 0xd7: return 10
    case 0xd8: return 18
    default: throw new MsgpackBudgetError(`byte 0x${b.toString(16)} at ${at} is not a msgpack type`)
  }
}

/**
 * Checks that the first msgpack value in `bytes` holds at most `maxValues` values (every list item, map key and map
 * value counts, nested ones too; a bin's bytes are one value), nests at most `maxDepth` lists and maps deep (walking a
 * deeper value, as saving a document's meta does, overflows the stack), and that the bytes hold all of them. One pass
 * over the headers: a list claiming more items than bytes remain is a cut file at once. Throws MsgpackBudgetError
 * saying which; bytes after the value are the decoder's to refuse.
 */
export function checkMsgpackBudget(bytes: Uint8Array, maxValues: number, maxDepth = MAX_JSON_DEPTH): void {
  const cut = () => new MsgpackBudgetError('it ends in the middle of a value: a cut or damaged file')
  let at = 0
  let pending = 1
  let values = 0
  // Values still to read in each list or map open, outermost first (the root's one value at the bottom).
  const open = [1]
  let bigMapKeys = 0
  while (pending > 0) {
    if (!(at < bytes.length)) throw cut()
    pending--
    open[open.length - 1]--
    if (++values > maxValues) throw new MsgpackBudgetError(`it holds more than ${maxValues} msgpack values (list items, map keys and values), more than this reader decodes at once`, true)
    const start = at
    const b = bytes[at]
    let items = 0
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) at += 1
    else if (b >= 0xa0 && b <= 0xbf) at += 1 + (b & 0x1f)
    else if (b >= 0x90 && b <= 0x9f) [at, items] = [at + 1, b & 0x0f]
    else if (b >= 0x80 && b <= 0x8f) [at, items] = [at + 1, (b & 0x0f) * 2]
    else if (b === 0xdc || b === 0xde) [at, items] = [at + 3, ((bytes[at + 1] << 8) | bytes[at + 2]) * (b === 0xde ? 2 : 1)]
    else if (b === 0xdd || b === 0xdf) {
      const n = ((bytes[at + 1] << 24) >>> 0) + ((bytes[at + 2] << 16) | (bytes[at + 3] << 8) | bytes[at + 4])
      ;[at, items] = [at + 5, n * (b === 0xdf ? 2 : 1)]
    } else at += sizedPayload(bytes, at, b)
    // A map of more than BIG_MAP keys decodes into a dictionary-mode object, ~2 µs a key (one map of 10 million keys
    // took 20 s): such keys have a budget of their own. A DocBin's maps are small (a document's cats and flags).
    if ((b === 0xde || b === 0xdf) && items / 2 > BIG_MAP && (bigMapKeys += items / 2) > MAX_BIG_MAP_KEYS) {
      throw new MsgpackBudgetError(`it holds maps of more than ${MAX_BIG_MAP_KEYS} keys in all (at byte ${start}), more than this reader decodes at once`, true)
    }
    pending += items
    // Every value takes at least one byte: more values pending than bytes left is a cut (or lying) header. A length
    // read past the end is NaN, which no comparison passes.
    if (!(at <= bytes.length) || pending > bytes.length - at) throw cut()
    if (items > 0 && open.push(items) > maxDepth + 1) throw new MsgpackBudgetError(`it nests lists and maps deeper than ${maxDepth} levels (at byte ${start}), deeper than any DocBin`, true)
    while (open.length > 1 && open[open.length - 1] === 0) open.pop()
  }
}
