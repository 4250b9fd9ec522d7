import type { AttributeValue } from '../../domain/model'
import { textHash } from '../../text/textHash'
import type { ImportRecord, ImportSpan, LineError } from '../importRecord'
import { IN_ENTS_ATTRIBUTE, SPANS_KEY_ATTRIBUTE } from '../spacy'
import { checkDocBinMessage, DocBinError } from './docBinMessage'
import type { DocBinMessage } from './docBinMessage'
import { parseSpanGroups } from './docBinSpanGroups'
import type { RawSpanGroup, Unpack } from './docBinSpanGroups'
import { spacyHashString } from './murmurHash64A'
import { ATTR, attrName, symbolId, symbolName } from './spacySymbols'

/** ENT_IOB values (spaCy's Token.iob_strings: "", "I", "O", "B"). */
const IOB_MISSING = 0
const IOB_I = 1
const IOB_B = 3
/** Columns read; every other token attribute is counted in the notes. */
const READ_ATTRS = new Set<number>([ATTR.ORTH, ATTR.ENT_IOB, ATTR.ENT_TYPE, ATTR.ENT_KB_ID])
/** Where spaCy annotations that are not spans are kept (as the spaCy JSON reader keeps them, so its export writes them back). */
const SPACY_META_KEY = 'spacy'

const NOTE_MISSING = 'spaCy DocBin tokens whose entity annotation is missing (ENT_IOB 0, not "O"): no span there; their documents keep the entities that are annotated'
const NOTE_UNANNOTATED = 'spaCy DocBin documents with no entity annotation and no span groups: imported as text without an annotation layer'
const NOTE_CATS = 'spaCy DocBin cats (text categories), kept in the document meta as spacy.cats (the spaCy export writes them back)'
const NOTE_MERGED = 'spaCy DocBin span-group spans equal to an entity: one span, with the attributes spans_key and in_ents'
const NOTE_EMPTY = 'spaCy DocBin documents without tokens, not imported'
const NOTE_USER_DATA = 'spaCy DocBin user_data (custom extension values), not imported'
const NOTE_GROUP_ATTRS = 'spaCy DocBin span-group attrs, not imported'
/** A document's text, in UTF-16 code units: a .txt file's whole-file limit; JavaScript strings end at ~2^29. */
export const DOCBIN_MAX_TEXT = 256 * 1024 * 1024
/** The note counting the tokens that hold a value of an attribute not read (POS tags, lemmas, dependencies…). */
const noteAttr = (name: string) => `spaCy DocBin tokens with a ${name} value (a token attribute Spanwright does not keep: tags, lemmas, dependencies, morphology), not imported`

export interface DocBinContext {
  /** The file as messages name it. */
  file: string
  /** The caller's msgpack decoder (span groups are msgpack inside the message). */
  unpack: Unpack
}

export type DocBinItem = { record: ImportRecord } | { error: LineError }

/**
 * The file's strings by the id spaCy gives each (its symbol id, or MurmurHash64A seed 1 of the UTF-8 bytes): an
 * open-addressing table on the id's two 32-bit halves, since token cells are read as 32-bit words (a Map keyed by
 * BigInts, or by numbers above 2^31, took most of a million-token import's time).
 */
class StringTable {
  private readonly lows: Uint32Array
  private readonly highs: Uint32Array
  private readonly values: (string | undefined)[]
  private readonly mask: number
  constructor(strings: string[]) {
    let size = 16
    while (size < (strings.length + 1) * 2) size *= 2
    this.lows = new Uint32Array(size)
    this.highs = new Uint32Array(size)
    this.values = new Array<string | undefined>(size)
    this.mask = size - 1
    this.set(0n, '')
    for (const s of strings) this.set(BigInt(symbolId(s) ?? spacyHashString(s)), s)
  }
  private slot(lo: number, hi: number): number {
    let i = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask
    while (this.values[i] !== undefined && (this.lows[i] !== lo || this.highs[i] !== hi)) i = (i + 1) & this.mask
    return i
  }
  private set(id: bigint, s: string): void {
    const lo = Number(id & 0xffffffffn)
    const hi = Number(id >> 32n)
    const i = this.slot(lo, hi)
    this.lows[i] = lo
    this.highs[i] = hi
    this.values[i] = s
  }
  /** A symbol id the file's strings lack is still its symbol's string: spaCy's StringStore.__getitem__ resolves it so. */
  get(lo: number, hi: number): string | undefined {
    return this.values[this.slot(lo, hi)] ?? (hi === 0 ? symbolName(lo) : undefined)
  }
}

const id64 = (lo: number, hi: number) => (BigInt(hi) << 32n) | BigInt(lo)
const split64 = (id: bigint): [number, number] => [Number(id & 0xffffffffn), Number(id >> 32n)]

class DocFault extends Error {}

/** A string's length in code points (Python's len), without spreading it. */
function codePoints(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--
        i++
      }
    }
  }
  return n
}

/** Token attributes not read (TAG, POS, DEP, LEMMA…): their columns and names. */
function unreadAttributes(bin: DocBinMessage): { column: number; name: string }[] {
  return bin.attrs.flatMap((a, column) => (READ_ATTRS.has(a) ? [] : [{ column, name: attrName(a) }]))
}

/** How many of a document's tokens (from `first`, `n` of them) hold a value in each unread column, by name. */
function unreadCounts(bin: DocBinMessage, unread: { column: number; name: string }[], first: number, n: number): Record<string, number> {
  const width = bin.attrs.length
  const out: Record<string, number> = {}
  for (const { column, name } of unread) {
    let held = 0
    for (let t = first; t < first + n; t++) {
      const k = (t * width + column) * 2
      if (bin.words[k] !== 0 || bin.words[k + 1] !== 0) held++
    }
    if (held) out[noteAttr(name)] = held
  }
  return out
}

/**
 * A spaCy DocBin, decoded from msgpack, as import records: one per document
 * (DocBin.get_docs order). The text is each token's ORTH plus a space where
 * its SPACY flag is set (every token when the document's spaces are unknown,
 * as spaCy rebuilds it), so offsets are those of spaCy's `token.idx`, held
 * here in UTF-16 code units. Hashes are resolved through the file's own
 * `strings`; a hash missing from them is a fault naming the document and
 * token. Entities come from ENT_IOB/ENT_TYPE as `Doc.ents` reads them
 * (spacy/tokens/doc.pyx: B opens, I continues, O and missing close; an I
 * with no entity open is spaCy's E093, a fault here; a B without a type is
 * an O); ENT_KB_ID is the attribute `kb_id`. Every span group span is a span
 * with the attribute `spans_key` (its group's key, e.g. "sc"). `cats` go to
 * the document meta as `spacy.cats`. A whole-file fault (not a DocBin, wrong
 * lengths) is one error of place 'file'; a document's fault is one of place
 * 'document' on its number (index + 1), for that document only: a binary
 * file has no lines to name.
 */
export function* docBinRecords(msg: unknown, ctx: DocBinContext): Generator<DocBinItem> {
  let bin: DocBinMessage
  try {
    bin = checkDocBinMessage(msg)
  } catch (e) {
    if (e instanceof DocBinError) {
      yield { error: { file: ctx.file, line: 1, place: 'file', reason: `not a readable spaCy DocBin: ${e.message}` } }
      return
    }
    throw e
  }
  const strings = new StringTable(bin.strings)
  const col = new Map(bin.attrs.map((a, i) => [a, i]))
  let first = 0
  // Documents without tokens have no text to import: counted in the next record's notes.
  let empty = 0
  const unread = unreadAttributes(bin)
  for (let d = 0; d < bin.lengths.length; d++) {
    const n = bin.lengths[d]
    if (n === 0) {
      empty++
      continue
    }
    try {
      const record = docRecord(bin, d, first, n, strings, col, ctx)
      if (empty) record.notes![NOTE_EMPTY] = empty
      empty = 0
      Object.assign(record.notes!, unreadCounts(bin, unread, first, n))
      yield { record }
    } catch (e) {
      if (!(e instanceof DocFault)) throw e
      yield { error: { file: ctx.file, line: d + 1, place: 'document', reason: `document ${d} (0-based, in DocBin order): ${e.message}` } }
    }
    first += n
  }
}

function docRecord(bin: DocBinMessage, d: number, first: number, n: number, strings: StringTable, col: Map<number, number>, ctx: DocBinContext): ImportRecord {
  const notes: Record<string, number> = {}
  const note = (what: string, k = 1) => (notes[what] = (notes[what] ?? 0) + k)
  const width = bin.attrs.length
  const words32 = bin.words
  /** A cell's low and high 32 bits. */
  const lo = (t: number, c: number) => words32[((first + t) * width + c) * 2]
  const hi = (t: number, c: number) => words32[((first + t) * width + c) * 2 + 1]
  /** `where`: what holds the hash, for the message ("token 3 (\"York\"): ENT_TYPE"). */
  const resolveWords = (l: number, h: number, where: string) => {
    const s = strings.get(l, h)
    if (s === undefined) throw new DocFault(`${where} hash ${id64(l, h)} is not in the file's strings`)
    return s
  }
  const resolveCell = (t: number, c: number, where: string) => resolveWords(lo(t, c), hi(t, c), where)
  const resolve = (id: bigint, where: string) => resolveWords(...split64(id), where)
  const orth = col.get(ATTR.ORTH)!
  const unknownSpaces = bin.flags[d].has_unknown_spaces === true
  // Token starts in UTF-16 code units (the text's offsets).
  const words: string[] = []
  const start16: number[] = []
  let text = ''
  for (let t = 0; t < n; t++) {
    const word = resolveCell(t, orth, `token ${t}: ORTH`)
    if (!word) throw new DocFault(`token ${t} is empty (ORTH "")`)
    if (text.length + word.length + 1 > DOCBIN_MAX_TEXT) throw new DocFault(`its text is longer than ${DOCBIN_MAX_TEXT} characters at token ${t} (the limit for one document)`)
    words.push(word)
    start16.push(text.length)
    text += unknownSpaces || bin.spaces[first + t] === 1 ? `${word} ` : word
  }
  const end16 = (t: number) => start16[t] + words[t].length

  // One span per annotation: a group span equal to an entity (same tokens and label, as a DocBin whose ents are also in
  // "sc" holds) is that entity, marked with its group (spans_key) and in_ents, so the exports write it to both again.
  const spans: ImportSpan[] = []
  const entities = new Map<string, ImportSpan>()
  const add = (s: number, e: number, label: string, attributes: Record<string, AttributeValue>) => {
    const key = `${s}:${e}:${label}`
    const ent = attributes[SPANS_KEY_ATTRIBUTE] === undefined ? undefined : entities.get(key)
    if (ent && ent.attributes[SPANS_KEY_ATTRIBUTE] === undefined && (attributes.kb_id ?? null) === (ent.attributes.kb_id ?? null)) {
      ent.attributes[SPANS_KEY_ATTRIBUTE] = attributes[SPANS_KEY_ATTRIBUTE]
      ent.attributes[IN_ENTS_ATTRIBUTE] = true
      note(NOTE_MERGED)
      return
    }
    const span: ImportSpan = { sourceId: null, label, start: start16[s], end: end16(e - 1), fragments: null, attributes, note: '', norm: null }
    if (attributes[SPANS_KEY_ATTRIBUTE] === undefined) entities.set(key, span)
    spans.push(span)
  }

  // Entities, as Doc.ents reads ENT_IOB and ENT_TYPE.
  const iobCol = col.get(ATTR.ENT_IOB)
  const typeCol = col.get(ATTR.ENT_TYPE)
  const kbCol = col.get(ATTR.ENT_KB_ID)
  let missing = iobCol === undefined ? n : 0
  if (iobCol !== undefined) {
    let open = -1
    let label = ''
    let kb = ''
    const close = (end: number) => {
      if (open >= 0 && label) add(open, end, label, kb ? { kb_id: kb } : {})
      open = -1
    }
    for (let t = 0; t < n; t++) {
      const iob = hi(t, iobCol) ? Infinity : lo(t, iobCol)
      if (iob > 3) throw new DocFault(`token ${t} (${JSON.stringify(words[t])}): ENT_IOB ${id64(lo(t, iobCol), hi(t, iobCol))} is not 0-3 (missing, I, O, B)`)
      if (iob === IOB_I) {
        if (open < 0) {
          const before = t === 0 ? 'it is the first token' : `token ${t - 1} (${JSON.stringify(words[t - 1])}) is ${['missing', 'I', 'O', 'B'][lo(t - 1, iobCol)]}`
          throw new DocFault(`token ${t} (${JSON.stringify(words[t])}) is I (inside an entity) with no entity open: ${before} (spaCy refuses this as E093)`)
        }
        continue
      }
      close(t)
      if (iob === IOB_MISSING) missing++
      if (iob !== IOB_B) continue
      // A B without a type is an O in Doc.ents.
      if (typeCol === undefined || (lo(t, typeCol) === 0 && hi(t, typeCol) === 0)) continue
      open = t
      label = resolveCell(t, typeCol, `token ${t} (${JSON.stringify(words[t])}): ENT_TYPE`)
      kb = kbCol === undefined || (lo(t, kbCol) === 0 && hi(t, kbCol) === 0) ? '' : resolveCell(t, kbCol, `token ${t} (${JSON.stringify(words[t])}): ENT_KB_ID`)
    }
    close(n)
  }
  if (missing) note(NOTE_MISSING, missing)

  let groups: RawSpanGroup[]
  try {
    groups = parseSpanGroups(bin.spanGroups[d], ctx.unpack)
  } catch (e) {
    throw new DocFault(`span_groups: ${(e as Error).message}`)
  }
  let groupSpans = 0
  // Span groups' start_char/end_char count code points (Python's str): each token's start in code points.
  const startCp: number[] = []
  if (groups.length) for (let t = 0, cp = 0; t < n; t++) {
    startCp.push(cp)
    cp += codePoints(words[t]) + (start16[t + 1] ?? text.length) - end16(t)
  }
  const endCp = (t: number) => startCp[t] + codePoints(words[t])
  for (const g of groups) {
    if (Object.keys(g.attrs).length) note(NOTE_GROUP_ATTRS)
    g.spans.forEach((s, i) => {
      const what = `span group "${g.key}" span ${i}`
      if (s.start < 0 || s.end > n || s.start >= s.end) throw new DocFault(`${what}: tokens ${s.start}-${s.end} are not a span of the document's ${n} tokens`)
      if (s.startChar !== startCp[s.start] || s.endChar !== endCp(s.end - 1)) {
        throw new DocFault(`${what}: characters ${s.startChar}-${s.endChar} are not those of its tokens ${s.start}-${s.end} (${startCp[s.start]}-${endCp(s.end - 1)} in code points)`)
      }
      const label = resolve(s.label, `${what}: label`)
      if (!label) throw new DocFault(`${what} has no label`)
      const attributes: Record<string, AttributeValue> = { [SPANS_KEY_ATTRIBUTE]: g.key }
      if (s.kbId !== 0n) attributes.kb_id = resolve(s.kbId, `${what}: kb_id`)
      add(s.start, s.end, label, attributes)
      groupSpans++
    })
  }

  const meta: Record<string, unknown> = {}
  const cats = bin.cats[d]
  if (cats && Object.keys(cats).length) {
    meta[SPACY_META_KEY] = { cats }
    note(NOTE_CATS)
  }
  if (missing && missing < n) meta.spacyMissingEntityTokens = missing
  const ud = bin.userData?.[d]
  if (ud !== null && ud !== undefined && !(ud instanceof Uint8Array && ud.length <= 1)) note(NOTE_USER_DATA)
  // No entity annotation at all (every token missing) and no group spans: spaCy has no annotation here, so no layer.
  const layer = missing < n || groupSpans > 0
  if (!layer) {
    note(NOTE_UNANNOTATED)
    delete notes[NOTE_MISSING]
  }
  // The id the spaCy JSON reader gives the same text, so a DocBin and its JSON export name one document alike.
  const externalId = `doc-${textHash(text)}`
  // A DocBin holds no title: the text's first line, as a plain-text document's.
  const title = text.split(/\r\n|\n|\r/u, 1)[0].trim() || externalId
  return { line: d + 1, externalId, title, text, meta, annotator: null, status: null, ...(layer ? {} : { layer: false }), spans, relations: [], notes }
}
