import type { AttributeValue } from '../../domain/model'
import { textHash } from '../../text/textHash'
import type { ImportRecord, ImportSpan, LineError } from '../importRecord'
import { SPANS_KEY_ATTRIBUTE } from '../spacy'
import { checkDocBinMessage, DocBinError } from './docBinMessage'
import type { DocBinMessage } from './docBinMessage'
import { parseSpanGroups } from './docBinSpanGroups'
import type { RawSpanGroup, Unpack } from './docBinSpanGroups'
import { spacyHashString } from './murmurHash64A'
import { ATTR, attrName, symbolId } from './spacySymbols'

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
const NOTE_EMPTY = 'spaCy DocBin documents without tokens, not imported'
const NOTE_USER_DATA = 'spaCy DocBin user_data (custom extension values), not imported'
const NOTE_GROUP_ATTRS = 'spaCy DocBin span-group attrs, not imported'
const noteAttr = (name: string) => `spaCy DocBin token attribute ${name} (documents with values), not imported`

export interface DocBinContext {
  /** The file as messages name it. */
  file: string
  /** The caller's msgpack decoder (span groups are msgpack inside the message). */
  unpack: Unpack
}

export type DocBinItem = { record: ImportRecord } | { error: LineError }

/** The file's strings by the id spaCy gives each: symbol id, or MurmurHash64A (seed 1) of the UTF-8 bytes. */
function stringTable(strings: string[]): Map<bigint, string> {
  const map = new Map<bigint, string>()
  for (const s of strings) map.set(BigInt(symbolId(s) ?? spacyHashString(s)), s)
  map.set(0n, '')
  return map
}

class DocFault extends Error {}

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
 * lengths) is one error on record 1; a document's fault is an error on its
 * record number (index + 1) and that document only.
 */
export function* docBinRecords(msg: unknown, ctx: DocBinContext): Generator<DocBinItem> {
  let bin: DocBinMessage
  try {
    bin = checkDocBinMessage(msg)
  } catch (e) {
    if (e instanceof DocBinError) {
      yield { error: { file: ctx.file, line: 1, reason: `not a readable spaCy DocBin: ${e.message}` } }
      return
    }
    throw e
  }
  const strings = stringTable(bin.strings)
  const col = new Map(bin.attrs.map((a, i) => [a, i]))
  let first = 0
  // Documents without tokens have no text to import: counted in the next record's notes.
  let empty = 0
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
      yield { record }
    } catch (e) {
      if (!(e instanceof DocFault)) throw e
      yield { error: { file: ctx.file, line: d + 1, reason: `document ${d} (0-based, in DocBin order): ${e.message}` } }
    }
    first += n
  }
}

function docRecord(bin: DocBinMessage, d: number, first: number, n: number, strings: Map<bigint, string>, col: Map<number, number>, ctx: DocBinContext): ImportRecord {
  const notes: Record<string, number> = {}
  const note = (what: string, k = 1) => (notes[what] = (notes[what] ?? 0) + k)
  const width = bin.attrs.length
  const cell = (t: number, c: number) => bin.tokens.getBigUint64(((first + t) * width + c) * 8, true)
  /** `where`: what holds the hash, for the message ("token 3 (\"York\"): ENT_TYPE"). */
  const resolve = (hash: bigint, where: string) => {
    const s = strings.get(hash)
    if (s === undefined) throw new DocFault(`${where} hash ${hash} is not in the file's strings`)
    return s
  }
  const orth = col.get(ATTR.ORTH)!
  const unknownSpaces = bin.flags[d].has_unknown_spaces === true
  // Token starts in UTF-16 (the text) and code points (span groups' start_char/end_char).
  const words: string[] = []
  const start16: number[] = []
  const startCp: number[] = []
  let text = ''
  let cp = 0
  for (let t = 0; t < n; t++) {
    const word = resolve(cell(t, orth), `token ${t}: ORTH`)
    if (!word) throw new DocFault(`token ${t} is empty (ORTH "")`)
    words.push(word)
    start16.push(text.length)
    startCp.push(cp)
    const space = unknownSpaces || bin.spaces[first + t] === 1
    text += space ? `${word} ` : word
    cp += [...word].length + (space ? 1 : 0)
  }
  const end16 = (t: number) => start16[t] + words[t].length
  const endCp = (t: number) => startCp[t] + [...words[t]].length

  for (const [a, c] of col) {
    if (READ_ATTRS.has(a)) continue
    for (let t = 0; t < n; t++) if (cell(t, c) !== 0n) {
      note(noteAttr(attrName(a)))
      break
    }
  }

  // Entities and span groups stay apart, as in spaCy (a group span may equal an entity): the attribute spans_key tells them.
  const spans: ImportSpan[] = []
  const add = (s: number, e: number, label: string, attributes: Record<string, AttributeValue>) => {
    spans.push({ sourceId: null, label, start: start16[s], end: end16(e - 1), fragments: null, attributes, note: '', norm: null })
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
      const iob = Number(cell(t, iobCol))
      if (iob > 3) throw new DocFault(`token ${t} (${JSON.stringify(words[t])}): ENT_IOB ${iob} is not 0-3 (missing, I, O, B)`)
      if (iob === IOB_I) {
        if (open < 0) {
          const before = t === 0 ? 'it is the first token' : `token ${t - 1} (${JSON.stringify(words[t - 1])}) is ${['missing', 'I', 'O', 'B'][Number(cell(t - 1, iobCol))]}`
          throw new DocFault(`token ${t} (${JSON.stringify(words[t])}) is I (inside an entity) with no entity open: ${before} (spaCy refuses this as E093)`)
        }
        continue
      }
      close(t)
      if (iob === IOB_MISSING) missing++
      if (iob !== IOB_B) continue
      const type = typeCol === undefined ? 0n : cell(t, typeCol)
      // A B without a type is an O in Doc.ents.
      if (type === 0n) continue
      open = t
      label = resolve(type, `token ${t} (${JSON.stringify(words[t])}): ENT_TYPE`)
      const kbHash = kbCol === undefined ? 0n : cell(t, kbCol)
      kb = kbHash === 0n ? '' : resolve(kbHash, `token ${t} (${JSON.stringify(words[t])}): ENT_KB_ID`)
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
  const externalId = `doc-${textHash(text)}`
  return { line: d + 1, externalId, title: externalId, text, meta, annotator: null, status: null, ...(layer ? {} : { layer: false }), spans, relations: [], notes }
}
