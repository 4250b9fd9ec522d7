import fs from 'node:fs'
import { createRequire } from 'node:module'
import zlib from 'node:zlib'
import { docBinRecords } from '../../../shared/formats/spacyDocBin/docBinRecords'
import type { DocBinItem } from '../../../shared/formats/spacyDocBin/docBinRecords'
import { binMapKey } from '../../../shared/formats/spacyDocBin/docBinSpanGroups'
import { checkMsgpackBudget, MsgpackBudgetError } from '../../../shared/formats/spacyDocBin/msgpackValueBudget'
import { looksZlib } from '../formats/docBinSniff'
import { zipChainBytes } from './zipArchive'

/** A spaCy DocBin (`.spacy`) to import: every document in it. */
export interface DocBinFileSource {
  kind: 'spacy-docbin'
  file: string
  /** An entry of a ZIP archive (`file` is then `archive.zip!/entry`). */
  zip?: { archive: string; chain: string[] }
}

/** What a DocBin may inflate to: well above any training corpus held in memory at once, below what would exhaust it. */
const MAX_INFLATED = 1024 * 1024 * 1024
/**
 * Values decoded from one msgpack message (the DocBin, or one document's span groups): a DocBin of a million documents
 * holds ~7 million (a few per document, one per string). 20 million cost at most ~1.3 GB of heap (measured: an empty
 * map is ~64 bytes), where 1 GiB of one-byte values would exhaust it and stop the process.
 */
const MAX_VALUES = 20_000_000

// spaCy >= 3.3 keys a document's span groups by their bytes: such keys come out as strings the shared reader turns back.
/** @msgpack/msgpack, required at the first DocBin read: API threads that never read one do not load it at start (h96). */
let msgpack: typeof import('@msgpack/msgpack') | null = null
const msgpackModule = () => (msgpack ??= createRequire(import.meta.url)('@msgpack/msgpack') as typeof import('@msgpack/msgpack'))
let decoder: import('@msgpack/msgpack').Decoder | null = null
const unpack = (bytes: Uint8Array): unknown => {
  checkMsgpackBudget(bytes, MAX_VALUES)
  decoder ??= new (msgpackModule().Decoder)({
    mapKeyConverter: (key: unknown) => {
      if (typeof key === 'string' || typeof key === 'number') return key
      if (key instanceof Uint8Array) return binMapKey(key)
      throw new Error(`a map key of type ${typeof key}`)
    },
  })
  return decoder.decode(bytes)
}

/**
 * Reads one DocBin: the bytes inflated with Node's zlib and decoded with
 * @msgpack/msgpack here, mapped to records by the shared reader
 * (shared/formats/spacyDocBin). A file that is not zlib, or whose zlib data is
 * not msgpack, is one fault naming why.
 */
export function* readDocBinSource(src: DocBinFileSource): Generator<DocBinItem> {
  const fault = (reason: string): DocBinItem => ({ error: { file: src.file, line: 1, place: 'file', reason } })
  const bytes = src.zip ? zipChainBytes(src.zip.archive, src.zip.chain) : fs.readFileSync(src.file)
  if (!looksZlib(bytes)) {
    yield fault('not a spaCy DocBin: the file is not zlib-compressed (a .spacy file is zlib.compress(msgpack), as DocBin.to_disk writes it)')
    return
  }
  let inflated: Buffer
  try {
    inflated = zlib.inflateSync(bytes, { maxOutputLength: MAX_INFLATED })
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `it inflates to more than ${MAX_INFLATED / 1024 / 1024} MiB` : (e as Error).message
    yield fault(`not a spaCy DocBin: the zlib data cannot be inflated (${why})`)
    return
  }
  let msg: unknown
  try {
    msg = unpack(inflated)
  } catch (e) {
    if (e instanceof MsgpackBudgetError) {
      yield fault(e.over ? `not a readable spaCy DocBin: ${e.message}` : `not a spaCy DocBin: the inflated data is not msgpack (${e.message})`)
      return
    }
    // The decoder refuses this one key, whatever map holds it (a document's cats could): msgpack it is, but not taken.
    if (e instanceof msgpackModule().DecodeError && e.message.includes('__proto__')) {
      yield fault('not a readable spaCy DocBin: a map key is "__proto__", which this reader does not take (in JavaScript it names an object\'s prototype)')
      return
    }
    // The decoder reads past the end of a cut message with a DataView: say so in words.
    const extra = e instanceof RangeError ? /^Extra (\d+) of (\d+) byte/u.exec(e.message) : null
    const why = extra
      ? `one value of ${Number(extra[2]) - Number(extra[1])} bytes and then ${extra[1]} more bytes`
      : e instanceof RangeError
        ? 'it ends in the middle of a value: a cut or damaged file'
        : (e as Error).message
    yield fault(`not a spaCy DocBin: the inflated data is not msgpack (${why})`)
    return
  }
  yield* docBinRecords(msg, { file: src.file, unpack })
}
