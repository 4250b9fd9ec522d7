import { ATTR } from './spacySymbols'

/**
 * The msgpack message inside a spaCy DocBin (`.spacy`), checked. spaCy's
 * DocBin.to_bytes (spacy/tokens/_serialize.py) writes
 * `zlib.compress(srsly.msgpack_dumps(msg))` with msg =
 * `{"version": "0.1", "attrs": [ids], "tokens": uint64 C-order bytes,
 * "spaces": bool bytes, "lengths": int32 bytes, "strings": [str], "cats":
 * [dict], "flags": [dict], "span_groups": [bytes]}` (+ "user_data"): numpy
 * arrays go in as raw bytes (native byte order: little-endian on every
 * platform spaCy ships for), never as msgpack-numpy extension types.
 */
export interface DocBinMessage {
  attrs: number[]
  /**
   * tokens × attrs uint64 cells, row-major (one row per token), as 32-bit words: cell k is
   * `words[2k]` (low) and `words[2k + 1]` (high). Numbers, not BigInts: a million-token file reads fast.
   */
  words: Uint32Array
  spaces: Uint8Array
  lengths: number[]
  strings: string[]
  cats: (Record<string, unknown> | null)[]
  flags: Record<string, unknown>[]
  spanGroups: (Uint8Array | null)[]
  userData: unknown[] | null
  tokenCount: number
}

/** The one version spaCy v2.2+ and v3 write; older bins (no `version` key) have the same layout. */
export const DOCBIN_VERSION = '0.1'
/** Keys a DocBin message can hold: detection takes a map whose keys are these. */
export const DOCBIN_KEYS: ReadonlySet<string> = new Set(['version', 'attrs', 'tokens', 'spaces', 'lengths', 'strings', 'cats', 'flags', 'span_groups', 'user_data'])

/** Documents one DocBin may list: a 1 GiB `lengths` of zeros would otherwise be 268 million documents' defaults in memory. */
export const DOCBIN_MAX_DOCUMENTS = 10_000_000

/** A fault of the whole file (no document can be read): the message names the key. */
export class DocBinError extends Error {}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array

function bytesOf(msg: Record<string, unknown>, key: string, what: string): Uint8Array {
  const v = msg[key]
  if (v === undefined) throw new DocBinError(`no "${key}" (${what})`)
  if (!isBytes(v)) throw new DocBinError(`"${key}" is not bytes (${what})`)
  return v
}

/** One list per document, or the default for every document when the key is absent (as DocBin.from_bytes does). */
function perDoc<T>(msg: Record<string, unknown>, key: string, docs: number, check: (v: unknown, i: number) => T, absent: () => T): T[] {
  const v = msg[key]
  if (v === undefined) return Array.from({ length: docs }, absent)
  if (!Array.isArray(v)) throw new DocBinError(`"${key}" is not a list`)
  if (v.length !== docs) throw new DocBinError(`"${key}" has ${v.length} entries for ${docs} documents (one per document in "lengths")`)
  return v.map(check)
}

/** The bytes as little-endian 32-bit words (an aligned copy; numpy wrote them in the little-endian byte order of its host). */
function littleEndianWords(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.length / 4)
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] === 1) new Uint8Array(words.buffer).set(bytes)
  else {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    for (let i = 0; i < words.length; i++) words[i] = v.getUint32(i * 4, true)
  }
  return words
}

/** Checks the shape of a decoded DocBin message: every key, type and length, before any document is read. */
export function checkDocBinMessage(msg: unknown): DocBinMessage {
  if (!isMap(msg)) throw new DocBinError(`the msgpack value is ${Array.isArray(msg) ? 'a list' : typeof msg}, not a map of DocBin fields`)
  const version = msg.version
  if (version !== undefined && version !== DOCBIN_VERSION) {
    throw new DocBinError(`unsupported DocBin version ${JSON.stringify(version)} (this reader knows version "${DOCBIN_VERSION}", which spaCy v2.2 to v3 write)`)
  }
  const attrsRaw = msg.attrs
  if (attrsRaw === undefined) throw new DocBinError('no "attrs" (the attribute ids of the token columns)')
  if (!Array.isArray(attrsRaw) || !attrsRaw.length || !attrsRaw.every((a) => Number.isSafeInteger(a) && (a as number) >= 0)) {
    throw new DocBinError('"attrs" is not a non-empty list of attribute ids')
  }
  const attrs = attrsRaw as number[]
  if (new Set(attrs).size !== attrs.length) throw new DocBinError('"attrs" names a column twice')
  if (!attrs.includes(ATTR.ORTH)) throw new DocBinError(`"attrs" has no ORTH (${ATTR.ORTH}) column: the words cannot be read`)

  const tokens = bytesOf(msg, 'tokens', 'the uint64 token array')
  const rowBytes = attrs.length * 8
  if (tokens.length % rowBytes !== 0) {
    throw new DocBinError(`"tokens" holds ${tokens.length} bytes, not a whole number of rows of ${attrs.length} uint64 attributes (${rowBytes} bytes each)`)
  }
  const tokenCount = tokens.length / rowBytes

  const lengthBytes = bytesOf(msg, 'lengths', 'the int32 document lengths')
  if (lengthBytes.length % 4 !== 0) throw new DocBinError(`"lengths" holds ${lengthBytes.length} bytes, not a whole number of int32 values`)
  // Each document costs a few objects before any is read (its flags, cats, span groups): bounded, as the message is.
  if (lengthBytes.length / 4 > DOCBIN_MAX_DOCUMENTS) {
    throw new DocBinError(`"lengths" lists ${lengthBytes.length / 4} documents, more than the ${DOCBIN_MAX_DOCUMENTS} this reader imports from one file`)
  }
  const lv = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, lengthBytes.byteLength)
  const lengths: number[] = []
  let sum = 0
  for (let i = 0; i < lengthBytes.length / 4; i++) {
    const n = lv.getInt32(i * 4, true)
    if (n < 0) throw new DocBinError(`"lengths": document ${i} has a negative length ${n}`)
    lengths.push(n)
    sum += n
  }
  if (sum !== tokenCount) throw new DocBinError(`"lengths" add up to ${sum} tokens, but "tokens" holds ${tokenCount}`)

  const spaces = bytesOf(msg, 'spaces', 'the bool array of trailing spaces')
  if (spaces.length !== tokenCount) throw new DocBinError(`"spaces" holds ${spaces.length} values for ${tokenCount} tokens`)
  const badSpace = spaces.findIndex((b) => b > 1)
  if (badSpace >= 0) throw new DocBinError(`"spaces" value ${spaces[badSpace]} at token ${badSpace} is not a bool (0 or 1)`)

  const strings = msg.strings
  if (strings === undefined) throw new DocBinError('no "strings" (the strings the token hashes stand for)')
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) throw new DocBinError('"strings" is not a list of strings')

  const docs = lengths.length
  const cats = perDoc(msg, 'cats', docs, (v, i) => {
    if (v === null) return null
    if (!isMap(v)) throw new DocBinError(`"cats" of document ${i} is not a map of category scores`)
    return v
  }, () => null)
  const flags = perDoc(msg, 'flags', docs, (v, i) => {
    if (!isMap(v)) throw new DocBinError(`"flags" of document ${i} is not a map`)
    return v
  }, () => ({}))
  const spanGroups = perDoc(msg, 'span_groups', docs, (v, i) => {
    if (v === null) return null
    if (!isBytes(v)) throw new DocBinError(`"span_groups" of document ${i} is not bytes`)
    return v
  }, () => null)
  const userData = msg.user_data === undefined ? null : perDoc(msg, 'user_data', docs, (v) => v, () => null)

  return {
    attrs,
    words: littleEndianWords(tokens),
    spaces,
    lengths,
    strings: strings as string[],
    cats,
    flags,
    spanGroups,
    userData,
    tokenCount,
  }
}

/**
 * Whether inflated bytes start as a DocBin message does: a msgpack map whose
 * first key is `version` (spaCy v3, v2.3) or `attrs` (v2.2). Detection's test
 * for a zlib file without the `.spacy` extension, so other zlib data is not taken.
 */
export function looksDocBinMessage(head: Uint8Array): boolean {
  let at: number
  let size: number
  if (head[0] >= 0x80 && head[0] <= 0x8f) {
    size = head[0] & 0x0f
    at = 1
  } else if (head[0] === 0xde && head.length >= 3) {
    size = (head[1] << 8) | head[2]
    at = 3
  } else return false
  if (size < 5 || size > DOCBIN_KEYS.size) return false
  const b = head[at]
  if (b === undefined || b < 0xa0 || b > 0xbf) return false
  const key = new TextDecoder().decode(head.subarray(at + 1, at + 1 + (b & 0x1f)))
  return key === 'version' || key === 'attrs'
}
