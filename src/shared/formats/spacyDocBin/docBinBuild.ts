import { OffsetConverter } from '../../text/offsets'
import { countOf } from '../../text/plural'
import type { Token } from '../../text/tokenizer'
import { splitAtBoundaries, tokenize } from '../../text/tokenizer'
import { fileTokensOf } from '../conllMeta'
import type { EncodeContext, ExportLayer } from '../formatCodec'
import { fragmentsAsSpans } from '../fragmentSpans'
import { WidenedSpans, wholeCharacters } from '../graphemeEdges'
import { trimSpanEdges } from '../spanEdges'
import { IN_ENTS_ATTRIBUTE, SPANS_KEY_ATTRIBUTE, outermostSpans } from '../spacy'
import { spacyHashString } from './murmurHash64A'
import { ATTR, symbolId } from './spacySymbols'

/**
 * Builds the message of a spaCy DocBin (`.spacy`), the file `spacy train`
 * reads as it is. spaCy's DocBin.to_bytes (spacy/tokens/_serialize.py) writes
 * `zlib.compress(msgpack({version, attrs, tokens, spaces, lengths, strings,
 * cats, flags, span_groups}))`; the caller packs and compresses this object
 * (shared code has no msgpack or zlib).
 *
 * One Doc per layer, as the `spacy` JSON export writes one example per layer:
 * - the words are the tokens the other token exports use (every span edge is
 *   a token edge); whitespace between them is a token's trailing space, or,
 *   where it is more than one space, a whitespace token of its own, as spaCy's
 *   tokenizer makes one, so `doc.text` is the document's text exactly;
 * - `doc.ents` (ENT_IOB, ENT_TYPE) hold the outermost of overlapping spans,
 *   trimmed of edge whitespace (spaCy's NER cannot learn one), as the `spacy`
 *   export's `entities`; every other token is `O` (an annotated layer says
 *   there is nothing else), never "missing";
 * - every Doc also carries every span in `doc.spans["sc"]` (spancat's default
 *   key), overlapping ones included, so nothing is lost; on every Doc, empty
 *   ones too, because spancat reads a Doc without the key as one with no spans
 *   and would learn that the spans of such documents are not spans (a layer
 *   read from a DocBin with its own "sc" group keeps that group as it was);
 * - a discontinuous span is written as its fragments (fragmentSpans.ts);
 * - a span read from a DocBin's span group (attribute `spans_key`) goes back
 *   to that group, and to `doc.ents` only when it was also an entity
 *   (attribute `in_ents`), as the `spacy` export writes it.
 * Strings are stored as spaCy's StringStore ids: a symbol's id (`PERSON` is
 * 380), else the MurmurHash64A of its UTF-8 bytes (spacyHashString), and the
 * file's `strings` list holds every one of them.
 */

export interface DocBinPacked {
  version: string
  attrs: number[]
  tokens: Uint8Array
  spaces: Uint8Array
  lengths: Uint8Array
  strings: string[]
  cats: Record<string, number>[]
  flags: { has_unknown_spaces: boolean }[]
  span_groups: Uint8Array[]
}

/** msgpack's encoder, supplied by the caller. */
export type Pack = (value: unknown) => Uint8Array

const ATTRS = [ATTR.ORTH, ATTR.ENT_IOB, ATTR.ENT_TYPE]
const IOB = { I: 1, O: 2, B: 3 } as const
/** struct.pack(">QQQllll", id, kb_id, label, start, end, start_char, end_char): spacy/tokens/span_group.pyx. */
const SPAN_STRUCT = 40

/** A growing column of 32-bit cells, off the JavaScript heap (a corpus has millions of tokens). */
class Column {
  cells = new Uint32Array(1024)
  length = 0
  push(v: number): void {
    if (this.length === this.cells.length) {
      const grown = new Uint32Array(this.cells.length * 2)
      grown.set(this.cells)
      this.cells = grown
    }
    this.cells[this.length++] = v
  }
}

export const stringId = (s: string): bigint => {
  const sym = symbolId(s)
  return sym === undefined ? spacyHashString(s) : BigInt(sym)
}

interface Word {
  text: string
  space: boolean
  /** UTF-16 offsets in the layer's text. */
  start: number
  end: number
}

/**
 * The words of spaCy's Doc over `text`: tokens with their trailing space, whitespace runs as tokens of their own.
 * A whitespace run is also cut at every span edge inside it: the tokenizer's whitespace (JavaScript's) holds U+FEFF,
 * which Python's does not, so a span may end on one ("X\uFEFF Y"), and every span edge must be a word edge.
 */
function wordsOf(text: string, tokens: readonly Token[], edges: readonly number[]): Word[] {
  const words: Word[] = []
  let at = 0
  let e = 0
  const piece = (from: number, end: number) => {
    if (words.length && text[from] === ' ' && from < end) {
      words[words.length - 1].space = true
      from++
    }
    if (from < end) words.push({ text: text.slice(from, end), space: false, start: from, end })
  }
  const gap = (end: number) => {
    let from = at
    while (e < edges.length && edges[e] <= from) e++
    for (; e < edges.length && edges[e] < end; e++) {
      piece(from, edges[e])
      from = edges[e]
    }
    piece(from, end)
  }
  for (const t of tokens) {
    gap(t.start)
    words.push({ text: t.text, space: false, start: t.start, end: t.end })
    at = t.end
  }
  gap(text.length)
  return words
}

export class DocBinBuilder {
  // Every string once, by its index: a token's cells are string indexes until message() writes their ids, so a corpus
  // costs a few bytes a token and each string is hashed once (3 BigInts a token were ~100 heap bytes and most of the time).
  private readonly strings: string[] = ['']
  private readonly index = new Map<string, number>([['', 0]])
  private readonly ids: bigint[] = [0n]
  private readonly words = new Column()
  private readonly iobs = new Column()
  private readonly types = new Column()
  private readonly spaces = new Column()
  private readonly lengths: number[] = []
  private readonly groups: Uint8Array[] = []
  moved = 0
  trimmed = 0
  untokenized = 0
  /** Spans with an edge inside a character (a grapheme cluster), widened to it: no spaCy word splits one. */
  readonly widened = new WidenedSpans()

  constructor(private readonly pack: Pack) {}

  add(layer: ExportLayer): void {
    // A span read from a DocBin's span group (attribute spans_key) goes back to that group, and to doc.ents only when it
    // was one too (in_ents), as the JSON export does.
    const spans: { start: number; end: number; label: string; key: string | null; ent: boolean }[] = []
    // An edge inside a character (a letter and its accent, an emoji sequence, a flag) would make a word of half of it.
    const file = fileTokensOf(layer.text, layer.meta)
    const whole = wholeCharacters(layer.text, layer.spans, file ? new Set(file.tokens.flatMap((t) => [t.start, t.end])) : undefined)
    this.widened.add(layer.externalId, layer.text, whole.widened)
    for (const s of whole.spans) {
      const t = trimSpanEdges(layer.text, s.start, s.end)
      if (!t) {
        this.untokenized++
        continue
      }
      if (t.start !== s.start || t.end !== s.end) this.trimmed++
      const key = s.attributes?.[SPANS_KEY_ATTRIBUTE]
      const grouped = typeof key === 'string' && key ? key : null
      // A span that was also one of doc.ents (in_ents, set by the DocBin reader) goes back to both.
      spans.push({ ...t, label: s.label, key: grouped, ent: grouped === null || s.attributes?.[IN_ENTS_ATTRIBUTE] === true })
    }
    // The tokens of the other token exports: a CoNLL file's own (meta.conll) while the text is the same (file), else ours.
    const tokens = file ? splitAtBoundaries(file.tokens, spans) : tokenize(layer.text, spans)
    const words = wordsOf(layer.text, tokens, [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b))
    const firstAt = new Map(words.map((w, i) => [w.start, i]))
    const lastAt = new Map(words.map((w, i) => [w.end, i]))
    const at = (s: { start: number; end: number }): [number, number] => {
      const a = firstAt.get(s.start)
      const b = lastAt.get(s.end)
      // wordsOf cuts at every span edge; a miss would write a span on the wrong tokens, so it stops the export.
      if (a === undefined || b === undefined) throw new Error(`spacy-docbin: span ${s.start}-${s.end} is not on word edges`)
      return [a, b + 1]
    }
    const plain = spans.filter((s) => s.ent)
    const { kept, moved } = outermostSpans(plain)
    this.moved += moved.length
    const iob: number[] = words.map(() => IOB.O)
    const type = words.map(() => '')
    for (const s of kept) {
      const [a, b] = at(s)
      for (let i = a; i < b; i++) {
        iob[i] = i === a ? IOB.B : IOB.I
        type[i] = s.label
      }
    }
    words.forEach((w, i) => {
      this.words.push(this.stringIndex(w.text))
      this.iobs.push(iob[i])
      this.types.push(this.stringIndex(type[i]))
      this.spaces.push(w.space ? 1 : 0)
    })
    this.lengths.push(words.length)
    // "sc" on every Doc: a DocBin's own "sc" group as it was read (added below), else every span (as scGroupOf says).
    const groups = new Map<string, typeof spans>([['sc', spans.some((s) => s.key === 'sc') ? [] : plain]])
    for (const s of spans) if (s.key !== null) groups.set(s.key, [...(groups.get(s.key) ?? []), s])
    const conv = new OffsetConverter(layer.text)
    this.groups.push(this.pack([...groups].map(([key, group]) => this.spanGroup(key, group, at, conv))))
  }

  /**
   * One SpanGroup's bytes (span_group.pyx to_bytes); the Doc's groups go in SpanGroups.to_bytes's list shape, which
   * every spaCy 3 reads: a list of SpanGroup bytes, each named by its key. A layer may hold the same span twice (an
   * import keeps identical spans of one record, as brat does, and a span's note or attributes, which a DocBin drops,
   * may be all that told two apart): both are written, as spaCy's SpanGroup keeps duplicates and the JSON export does.
   */
  private spanGroup(key: string, spans: { start: number; end: number; label: string }[], at: (s: { start: number; end: number }) => [number, number], conv: OffsetConverter): Uint8Array {
    const packed = [...spans]
      .sort((x, y) => x.start - y.start || x.end - y.end)
      .map((s) => {
        const label = this.ids[this.stringIndex(s.label)]
        const [a, b] = at(s)
        const buf = new DataView(new ArrayBuffer(SPAN_STRUCT))
        buf.setBigUint64(0, 0n) // id
        buf.setBigUint64(8, 0n) // kb_id
        buf.setBigUint64(16, label)
        buf.setInt32(24, a)
        buf.setInt32(28, b)
        buf.setInt32(32, conv.toUnit(s.start, 'codepoint'))
        buf.setInt32(36, conv.toUnit(s.end, 'codepoint'))
        return new Uint8Array(buf.buffer)
      })
    return this.pack({ name: key, attrs: {}, spans: packed })
  }

  private stringIndex(s: string): number {
    let i = this.index.get(s)
    if (i === undefined) {
      i = this.strings.push(s) - 1
      this.index.set(s, i)
      this.ids.push(stringId(s))
    }
    return i
  }

  /** The DocBin message, as spaCy's to_bytes builds it (numpy arrays as little-endian C-order bytes). */
  message(): DocBinPacked {
    // Each id as two little-endian 32-bit halves, computed once per string.
    const lo = this.ids.map((id) => Number(id & 0xffffffffn))
    const hi = this.ids.map((id) => Number(id >> 32n))
    const n = this.words.length
    const tokens = new DataView(new ArrayBuffer(n * ATTRS.length * 8))
    for (let i = 0; i < n; i++) {
      const at = i * ATTRS.length * 8
      const w = this.words.cells[i]
      const t = this.types.cells[i]
      tokens.setUint32(at, lo[w], true)
      tokens.setUint32(at + 4, hi[w], true)
      tokens.setUint32(at + 8, this.iobs.cells[i], true)
      tokens.setUint32(at + 16, lo[t], true)
      tokens.setUint32(at + 20, hi[t], true)
    }
    const lengths = new DataView(new ArrayBuffer(this.lengths.length * 4))
    this.lengths.forEach((n, i) => lengths.setInt32(i * 4, n, true))
    // Python sorts strings by code point; JavaScript's default sort by UTF-16 unit differs above U+FFFF.
    const strings = [...this.strings].sort((a, b) => {
      const x = [...a]
      const y = [...b]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!
        if (d) return d
      }
      return x.length - y.length
    })
    return {
      version: '0.1',
      attrs: ATTRS,
      tokens: new Uint8Array(tokens.buffer),
      spaces: Uint8Array.from(this.spaces.cells.subarray(0, n)),
      lengths: new Uint8Array(lengths.buffer),
      strings,
      cats: this.lengths.map(() => ({})),
      flags: this.lengths.map(() => ({ has_unknown_spaces: false })),
      span_groups: this.groups,
    }
  }

  /** Adds every layer, and warns as the `spacy` export does about what moved or changed. */
  addAll(layers: Iterable<ExportLayer>, ctx: EncodeContext): void {
    for (const layer of fragmentsAsSpans(layers, ctx, 'spacy-docbin')) this.add(layer)
    this.warnTotals(ctx)
  }

  /** The layers as Docs: each discontinuous span's fragments as spans of their own, as the `spacy` export writes them. */
  static layersOf(layers: Iterable<ExportLayer>, ctx: EncodeContext): Iterable<ExportLayer> {
    return fragmentsAsSpans(layers, ctx, 'spacy-docbin')
  }

  /** Warns, once all layers are added, about what moved or changed. */
  warnTotals(ctx: EncodeContext): void {
    const was = (n: number) => (n === 1 ? 'was' : 'were')
    if (this.moved) ctx.warn(`spacy-docbin: overlapping spans: ${countOf(this.moved, 'span')} left out of doc.ents (spaCy's entities cannot overlap); every span is in doc.spans["sc"]`)
    if (this.trimmed) ctx.warn(`spacy-docbin: ${countOf(this.trimmed, 'span')} started or ended on whitespace and ${was(this.trimmed)} written without it, in doc.ents and doc.spans alike (spaCy's NER cannot learn one)`)
    ctx.leftOut?.('span', this.untokenized)
    const inside = this.widened.warning('spacy-docbin')
    if (inside) ctx.warn(inside)
    if (this.untokenized) ctx.warn(`spacy-docbin: ${countOf(this.untokenized, 'span')} of whitespace only ${was(this.untokenized)} left out (no spaCy token can hold one)`)
  }
}

/** What a `.spacy` file cannot hold, said once in the export report (as the other lossy formats' `lossy`). */
export const DOCBIN_LOSSY = "spacy-docbin: spaCy's DocBin keeps texts, tokens and labelled spans only: no relations, span ids, annotator, attributes, notes or normalization ids"

/** Spans whose attributes (other than the span group ones the file keeps), note or normalization id a `.spacy` file drops. */
export function docBinDroppedExtras(layer: ExportLayer): number {
  const kept = new Set([SPANS_KEY_ATTRIBUTE, IN_ENTS_ATTRIBUTE])
  return layer.spans.filter((s) => s.note || s.norm || Object.keys(s.attributes).some((k) => !kept.has(k))).length
}
