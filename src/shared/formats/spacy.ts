import type { Span } from '../domain/model'
import { OffsetConverter } from '../text/offsets'
import { countOf } from '../text/plural'
import { textHash } from '../text/textHash'
import type { DecodeContext, DecodeItem, EncodeContext, ExportLayer, SourceLine, StreamCodec } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { RecordError } from './importRecord'
import { LayerBuilder, addTripleSpan, atLine, expectArray, expectObject, expectString, isObject, lineError, recordPerLine } from './codecSupport'
import { fragmentsAsSpans } from './fragmentSpans'
import { parseJsonFile } from './jsonFile'
import { noteKeptIntegers } from './jsonIntegers'
import { trimSpanEdges } from './spanEdges'
import { isSpacyV2Document, parseSpacyV2Document } from './spacyV2'
import { OffTokenSpans } from './spacyTokenEdges'

/**
 * spaCy training data: `["text", {"entities": [[s, e, "L"]], "spans": {"sc":
 * [[s, e, "L"]]}}]` tuples. spaCy projects read them as ONE JSON array (its
 * `srsly.read_json`), which is what `spacy` writes; `spacy-jsonl` writes one
 * tuple a line. Import reads both: a file whose first line is a whole tuple
 * is read a line at a time, anything else as one array (pretty-printed
 * included).
 *
 * `Doc.ents` refuses overlapping entities, so `entities` gets the outermost
 * of overlapping spans (longest first, then earliest, as the CoNLL export
 * keeps), and every example gets its full span set under `spans.sc` (spaCy's
 * span categorizer key; an empty list when it has none, as the `.spacy`
 * export writes it), so no span is lost to an overlap; the export report
 * says how many spans were moved. Every span is written without its edge
 * whitespace, in `entities` and in the groups alike (spaCy's `Doc.char_span`
 * cannot align an edge inside a token's trailing space), and one of
 * whitespace only is left out; the report counts both. A discontinuous span is written as its fragments
 * (fragmentSpans.ts). Import reads `entities` and every
 * `spans` group, merging identical spans. Spans read from a DocBin's span
 * groups (attribute `spans_key`) are written back to `spans[key]`, and to
 * `entities` only when they were also entities (attribute `in_ents`), so a
 * DocBin's `doc.ents` and `doc.spans` come back as they were.
 *
 * Import also reads spaCy v2's JSON training format (spacyV2.ts).
 *
 * The tuple has no room for an id, so a document is named after its text's
 * hash (the same text gets the same id on every import). A tuple with no
 * entities is a document too (a real negative).
 */

/** The span attribute naming a span's spaCy span group (`doc.spans[key]`), as the DocBin reader sets it. */
export const SPANS_KEY_ATTRIBUTE = 'spans_key'
/** Set (true) beside spans_key on a span that is also one of `doc.ents`: it is written to both. */
export const IN_ENTS_ATTRIBUTE = 'in_ents'

/** Where a tuple's annotations other than entities and spans are kept. */
const SPACY_META_KEY = 'spacy'
const otherNote = (key: string) => `spaCy ${JSON.stringify(key)} annotations, kept in the document's meta and written back (only entities and spans are spans)`

function parseTuple(json: unknown, line: number, unit: 'codepoint' | 'utf16'): ImportRecord {
  return atLine(line, () => {
    const tuple = expectArray(json, 'a spaCy training example')
    if (tuple.length !== 2) throw new RecordError(`a spaCy training example must be ["text", {"entities": [...]}], not ${tuple.length} items`)
    const text = expectString(tuple[0], 'the text (item 0)')
    const annotations = expectObject(tuple[1], 'the annotations (item 1)')
    const layer = new LayerBuilder(text, unit)
    const seen = new Set<string>()
    const add = (item: unknown, what: string) => {
      if (typeof item === 'string') throw new RecordError(`${what}: BILUO tag lists are not supported; give [start, end, "LABEL"] triples`)
      const before = layer.spans.length
      addTripleSpan(layer, item, what)
      const s = layer.spans[before]
      const key = `${s.start}:${s.end}:${s.label}`
      if (seen.has(key)) layer.spans.pop()
      else seen.add(key)
    }
    // The span groups first: where our export wrote one, it holds every span in the layer's order.
    if (annotations.spans !== undefined) {
      for (const [key, group] of Object.entries(expectObject(annotations.spans, 'spans'))) {
        expectArray(group, `spans.${key}`).forEach((item, i) => add(item, `spans.${key}[${i}]`))
      }
    }
    // An entity that is a group span without its edge whitespace is that span (the export trims entities).
    for (const s of layer.spans) {
      const t = trimSpanEdges(text, s.start, s.end)
      if (t) seen.add(`${t.start}:${t.end}:${s.label}`)
    }
    expectArray(annotations.entities ?? [], 'entities').forEach((item, i) => add(item, `entities[${i}]`))
    const externalId = `doc-${textHash(text)}`
    // What is not spans (cats, links, token tags…) is kept and written back, never dropped unseen.
    const other = Object.keys(annotations).filter((k) => k !== 'entities' && k !== 'spans')
    const meta = other.length ? { [SPACY_META_KEY]: Object.fromEntries(other.map((k) => [k, annotations[k]])) } : {}
    const notes = other.length ? { notes: Object.fromEntries(other.map((k) => [otherNote(k), 1])) } : {}
    return { line, externalId, title: externalId, text, meta, annotator: null, status: null, spans: layer.spans, relations: [], ...notes }
  })
}

const perLine = recordPerLine(parseTuple)

function* decodeSpacy(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const it = lines[Symbol.iterator]()
  const head: SourceLine[] = []
  let first: SourceLine | undefined
  for (let r = it.next(); !r.done; r = it.next()) {
    head.push(r.value)
    if (r.value.raw.trim() !== '') {
      first = r.value
      break
    }
  }
  if (!first) return
  const rest = { [Symbol.iterator]: () => it }
  if (isWholeTuple(first.raw)) {
    yield* perLine((function* () {
      yield* head
      yield* rest
    })(), ctx)
    return
  }
  // One JSON array for the whole file.
  const file = parseJsonFile([...head, ...rest], ctx)
  if ('error' in file) {
    yield file
    return
  }
  let json = file.json
  if (!Array.isArray(json)) {
    yield { error: { file: ctx.file, line: first.line, reason: 'spaCy training data must be a JSON array of ["text", {"entities": [...]}] examples' } }
    return
  }
  // A file holding one pretty-printed example rather than an array of them.
  if (typeof json[0] === 'string') json = [json]
  const starts = file.elementLines()
  const examples = json as unknown[]
  // Integers beyond 2^53, kept as their digits (jsonIntegers.ts), are counted on the first record.
  let kept = file.keptIntegers
  for (let i = 0; i < examples.length; i++) {
    const line = starts[i] ?? first.line
    try {
      const record = isSpacyV2Document(examples[i]) ? parseSpacyV2Document(examples[i], line) : parseTuple(examples[i], line, ctx.unit)
      if (kept) record.notes = noteKeptIntegers(record.notes, kept)
      kept = 0
      yield { record }
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}

/** A line that is one whole `["text", {...}]` example (the JSONL variant). */
function isWholeTuple(raw: string): boolean {
  if (!/^\s*\[\s*"/u.test(raw)) return false
  try {
    const v = JSON.parse(raw)
    return Array.isArray(v) && typeof v[0] === 'string' && (v.length < 2 || isObject(v[1]))
  } catch {
    return false
  }
}

/** The outermost of overlapping spans (longest first, then earliest); the rest are moved. */
export function outermostSpans<T extends { start: number; end: number; label: string }>(spans: readonly T[]): { kept: T[]; moved: T[] } {
  const order = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
  // Kept spans never overlap, so sorted by start they are sorted by end too: one binary search finds a clash.
  const kept: T[] = []
  const moved: T[] = []
  for (const s of order) {
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (kept[mid].end <= s.start) lo = mid + 1
      else hi = mid
    }
    if (lo < kept.length && kept[lo].start < s.end) moved.push(s)
    else kept.splice(lo, 0, s)
  }
  return { kept, moved }
}

/**
 * What spaCy's span group "sc" holds for a layer: a DocBin's own "sc" group as it was read (its spans carry spans_key
 * "sc"), else every span that is not in another span group (`plain`). Both spaCy exports write it on every Doc.
 */
export function scGroupOf<T extends { attributes?: Record<string, unknown> | null }>(spans: readonly T[], plain: readonly T[]): T[] {
  const own = spans.filter((s) => s.attributes?.[SPANS_KEY_ATTRIBUTE] === 'sc')
  return own.length ? own : [...plain]
}

/** A span as spaCy's JSON holds it: its offsets without edge whitespace (null when it is whitespace only). */
type Triple = { start: number; end: number; label: string }

/**
 * One example per layer. Every span, in `entities` and in every span group alike, is written without its edge
 * whitespace: spaCy's `Doc.char_span` (strict alignment, what training code calls) gives None for a span that starts
 * or ends inside a token's trailing space, so the span would crash the script or be dropped; a whitespace-only span
 * is left out. `moved` counts spans left out of `entities` (they are under `spans.sc`). A span with an edge inside a
 * word is written as annotated and named in a counted warning (spacyTokenEdges.ts says why it is not snapped).
 */
function* examples(layers: Iterable<ExportLayer>, ctx: EncodeContext, format: string): Iterable<string> {
  let moved = 0
  let trimmed = 0
  let blank = 0
  const offTokens = new OffTokenSpans()
  for (const layer of fragmentsAsSpans(layers, ctx, format)) {
    const conv = new OffsetConverter(layer.text)
    const triple = (s: Triple) => [conv.toUnit(s.start, ctx.unit), conv.toUnit(s.end, ctx.unit), s.label]
    // Each stored span once, trimmed: the same object goes to entities and to its groups, and is counted once.
    const aligned = new Map<Span, Triple | null>()
    for (const s of layer.spans) {
      const t = trimSpanEdges(layer.text, s.start, s.end)
      if (!t) blank++
      else if (t.start !== s.start || t.end !== s.end) trimmed++
      aligned.set(s, t && { ...t, label: s.label })
    }
    offTokens.add(layer.externalId, layer.text, [...aligned.values()].filter((t): t is Triple => !!t))
    const written = (spans: readonly Span[]): Triple[] => spans.map((s) => aligned.get(s)).filter((t): t is Triple => !!t)
    // A span of a spaCy span group (read from a DocBin: attribute spans_key) goes back to doc.spans[key], not to entities.
    const groups = new Map<string, Span[]>()
    const plain: Span[] = []
    for (const s of layer.spans) {
      const key = s.attributes?.[SPANS_KEY_ATTRIBUTE]
      if (typeof key === 'string' && key) groups.set(key, [...(groups.get(key) ?? []), s])
      if (!(typeof key === 'string' && key) || s.attributes?.[IN_ENTS_ATTRIBUTE] === true) plain.push(s)
    }
    const candidates = written(plain)
    const split = outermostSpans(candidates)
    const kept = new Set(split.kept)
    // In the layer's order, so a round trip gives the spans back as they were.
    const annotations: Record<string, unknown> = { entities: candidates.filter((s) => kept.has(s)).map(triple) }
    const spanGroups: Record<string, unknown[]> = Object.fromEntries([...groups].map(([key, group]) => [key, written(group).map(triple)]))
    moved += split.moved.length
    // Every example has spans["sc"], empty ones too, as the .spacy export's Docs have: spancat reads an example
    // without the key as one with no spans, and would learn that the spans of such documents are not spans. It holds
    // every span, unless the layer holds a DocBin's own "sc" group: that stays as it was read (scGroupOf).
    spanGroups.sc = written(scGroupOf(layer.spans, plain)).map(triple)
    annotations.spans = spanGroups
    const other = layer.meta[SPACY_META_KEY]
    if (isObject(other)) for (const [k, v] of Object.entries(other)) if (!Object.hasOwn(annotations, k)) annotations[k] = v
    yield JSON.stringify([layer.text, annotations])
  }
  if (moved) {
    ctx.warn(`${format}: spaCy entities cannot overlap: ${countOf(moved, 'overlapping span')} moved out of "entities" (the outermost stay); every span is under spans["sc"]`)
  }
  const was = (n: number) => (n === 1 ? 'was' : 'were')
  if (trimmed) {
    ctx.warn(`${format}: ${countOf(trimmed, 'span')} started or ended on whitespace and ${was(trimmed)} written without it, in "entities" and "spans" alike (spaCy's Doc.char_span gives None for a span whose edge is not a token's edge)`)
  }
  if (blank) {
    ctx.warn(`${format}: ${countOf(blank, 'span')} of whitespace only ${was(blank)} left out (no spaCy token can hold one)`)
    ctx.leftOut?.('span', blank)
  }
  const offWarning = offTokens.warning(format)
  if (offWarning) ctx.warn(offWarning)
}

const LOSSY = 'spaCy training tuples keep only text and entity spans (no ids, annotator, relations, attributes or notes)'

export const spacyCodec: StreamCodec = {
  name: 'spacy',
  extensions: ['.jsonl', '.json'],
  lossy: LOSSY,
  sniff: (first) => /^\s*\[\s*(\[\s*)?"/.test(first),
  decode: decodeSpacy,
  *encode(layers, ctx) {
    let n = 0
    // The first example on the first line (`[["text", …` tells the file's format at a glance), one a line after it.
    for (const example of examples(layers, ctx, 'spacy')) yield `${n++ ? ',\n' : '['}${example}`
    yield n ? ']\n' : '[]\n'
  },
}

/** The same examples, one a line (JSONL); imported as `spacy`. */
export const spacyLinesCodec: StreamCodec = {
  name: 'spacy-jsonl',
  extensions: [],
  lossy: LOSSY,
  decode: decodeSpacy,
  *encode(layers, ctx) {
    for (const example of examples(layers, ctx, 'spacy-jsonl')) yield `${example}\n`
  },
}
