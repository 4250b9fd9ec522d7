import type { OffsetUnit } from '../text/offsets'
import { idTypeMeta } from './jsonIdType'
import { textHash } from '../text/textHash'
import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { RecordError } from './importRecord'
import { KEPT_INTEGERS_NOTE } from './jsonIntegers'
import {
  LayerBuilder,
  atLine,
  expectArray,
  expectId,
  expectIndex,
  expectLabel,
  expectObject,
  expectString,
  lineError,
  metaAndTitle,
  optionalAnnotator,
  parseJsonLine,
  refuseUnreadSpanFields,
} from './codecSupport'

/**
 * Reading Prodigy tasks with their meaning. `answer` decides: only an
 * accepted task's spans (and relations) become the annotator's spans; a
 * rejected or ignored task is kept whole in the document's meta, never as
 * spans; an accepted task without spans is a real negative, and its layer is
 * marked done so it exists (and is exported) without spans. A task without an
 * answer has not been answered yet: its spans come in as annotations (they
 * are what a pre-annotated input file holds), and the report says so.
 *
 * Every task is also kept whole (without its text) in `meta.prodigy.tasks`,
 * with the unit its offsets are in: the export writes them back with their
 * own tokens (`disabled` flags included), hashes, view id, `options` and
 * `accept` choices, and the layer's current spans. Tasks of one document
 * (ner.teach asks about one text many times) are grouped, so the file is read
 * whole before records are yielded.
 */

export const PRODIGY_META_KEY = 'prodigy'

/** What the document meta holds of a Prodigy file. */
export interface StoredProdigy {
  unit: OffsetUnit
  /** Each task as the file gave it, without `text`. */
  tasks: Record<string, unknown>[]
}

const ANSWERS = new Set(['accept', 'reject', 'ignore'])

export const NOTES = {
  rejected: 'rejected Prodigy tasks, kept in document meta (their spans are not annotations)',
  ignored: 'ignored Prodigy tasks, kept in document meta (their spans are not annotations)',
  heldSpans: 'spans of rejected or ignored Prodigy tasks, kept in document meta, not imported as annotations',
  negatives: 'accepted Prodigy tasks without spans, kept as done layers with no spans (real negatives)',
  unanswered: 'Prodigy tasks without an answer, their spans imported as annotations',
  categories: 'Prodigy tasks with a category label (textcat) or choice options, kept in document meta (not span annotations)',
} as const

interface Group {
  line: number
  externalId: string
  title: string
  text: string
  meta: Record<string, unknown>
  tasks: Record<string, unknown>[]
  notes: Record<string, number>
  /** One layer per annotator named in the file ('' for none). */
  layers: Map<string, { annotator: string | null; builder: LayerBuilder; keys: Map<string, number>; answered: boolean }>
}

const count = (notes: Record<string, number>, what: string, n = 1) => {
  if (n) notes[what] = (notes[what] ?? 0) + n
}

/** A span's offsets: its own start/end, else those of its first and last token. */
function offsetsOf(s: Record<string, unknown>, tokens: { start: number; end: number }[], what: string): [number, number] {
  if (s.start === undefined && s.end === undefined) {
    const at = (i: unknown, field: string) => {
      const n = expectIndex(i, `${what}.${field}`)
      if (n >= tokens.length) throw new RecordError(`${what}.${field} ${n} is not a token index (the task has ${tokens.length} tokens)`)
      return tokens[n]
    }
    return [at(s.token_start, 'token_start').start, at(s.token_end, 'token_end').end]
  }
  return [expectIndex(s.start, `${what}.start`), expectIndex(s.end, `${what}.end`)]
}

/** Reads one task into its group (made on first sight of its document). */
function addTask(groups: Map<string, Group>, json: unknown, line: number, unit: OffsetUnit): void {
  atLine(line, () => {
    const o = expectObject(json, 'a Prodigy task')
    refuseUnreadSpanFields(o, ['spans', 'relations'], 'prodigy')
    const text = expectString(o.text, 'text')
    const metaObj = o.meta === undefined ? {} : expectObject(o.meta, 'meta')
    const rawId = o.id ?? metaObj.id ?? o._input_hash
    const externalId = rawId === undefined ? `doc-${textHash(text)}` : expectId(rawId, 'id')
    // Prodigy before 1.11 names a multi-user session's annotator only in `_session_id` ("dataset-alice"); 1.11+ also in `_annotator_id`.
    const by = o.annotator !== undefined ? 'annotator' : o._annotator_id !== undefined ? '_annotator_id' : '_session_id'
    const annotator = optionalAnnotator(o[by], by)
    if (o.answer !== undefined && !(typeof o.answer === 'string' && ANSWERS.has(o.answer))) {
      throw new RecordError(`answer must be "accept", "reject" or "ignore", not ${JSON.stringify(o.answer)}`)
    }
    const answer = o.answer as string | undefined
    const tokens = expectArray(o.tokens ?? [], 'tokens').map((t, i) => {
      const tok = expectObject(t, `tokens[${i}]`)
      return { start: expectIndex(tok.start, `tokens[${i}].start`), end: expectIndex(tok.end, `tokens[${i}].end`) }
    })
    let group = groups.get(externalId)
    if (group && group.text !== text) throw new RecordError(`document ${JSON.stringify(externalId)} (line ${group.line}) has another text here`)
    if (!group) {
      const { meta, title } = metaAndTitle({ ...o, meta: { ...metaObj, ...idTypeMeta(rawId) } }, externalId)
      group = { line, externalId, title, text, meta, tasks: [], notes: {}, layers: new Map() }
      groups.set(externalId, group)
    }
    const key = annotator ?? ''
    let layer = group.layers.get(key)
    if (!layer) group.layers.set(key, (layer = { annotator, builder: new LayerBuilder(text, unit), keys: new Map(), answered: false }))
    // A textcat or choice task (a category `label`, or `options`, and no spans or tokens) says nothing about spans:
    // answering it makes no span layer done, so it is no real negative for NER.
    const categoryOnly = o.spans === undefined && o.relations === undefined && o.tokens === undefined && (typeof o.label === 'string' || Array.isArray(o.options))
    if (answer !== undefined && !categoryOnly) layer.answered = true

    // Every span is checked (offsets in the text), also those of rejected tasks, which are kept.
    const check = new LayerBuilder(text, unit)
    const spans = expectArray(o.spans ?? [], 'spans').map((item, i) => {
      const what = `spans[${i}]`
      const s = expectObject(item, what)
      const [start, end] = offsetsOf(s, tokens, what)
      const label = expectLabel(s.label, `${what}.label`)
      const expected = s.text === undefined ? undefined : expectString(s.text, `${what}.text`)
      check.addSpan(what, null, start, end, label, expected)
      return { start, end, label, what }
    })
    const keyOf = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label}`
    const relations = expectArray(o.relations ?? [], 'relations').map((item, i) => {
      const what = `relations[${i}]`
      const r = expectObject(item, what)
      const side = (name: 'head' | 'child') => {
        const spanObj = expectObject(r[`${name}_span`], `${what}.${name}_span`)
        const [start, end] = offsetsOf(spanObj, tokens, `${what}.${name}_span`)
        const label = expectLabel(spanObj.label, `${what}.${name}_span.label`)
        const k = keyOf({ start, end, label })
        if (!spans.some((s) => keyOf(s) === k)) throw new RecordError(`${what}.${name}_span ${start}-${end} ${label} is not one of the task's spans`)
        return k
      }
      return { head: side('head'), child: side('child'), label: expectLabel(r.label, `${what}.label`), what }
    })
    if (typeof o.label === 'string' || categoryOnly) count(group.notes, NOTES.categories)

    const { text: _text, ...stored } = o
    group.tasks.push(stored)
    if (answer === 'reject' || answer === 'ignore') {
      count(group.notes, answer === 'reject' ? NOTES.rejected : NOTES.ignored)
      count(group.notes, NOTES.heldSpans, spans.length)
      return
    }
    if (categoryOnly) return
    if (answer === undefined) count(group.notes, NOTES.unanswered, spans.length ? 1 : 0)
    else if (!spans.length) count(group.notes, NOTES.negatives)
    // Accepted (or not yet answered): the spans are the annotator's. One span asked about twice is one span.
    for (const s of spans) {
      const k = keyOf(s)
      if (!layer.keys.has(k)) layer.keys.set(k, layer.builder.addSpan(s.what, null, s.start, s.end, s.label))
    }
    for (const r of relations) layer.builder.addRelation(r.what, null, layer.keys.get(r.head)!, layer.keys.get(r.child)!, r.label)
  })
}

/** The records of one document: one per annotator the file names, each with every task in meta. */
function groupRecords(g: Group, unit: OffsetUnit): ImportRecord[] {
  const stored: StoredProdigy = { unit, tasks: g.tasks }
  const meta = { ...g.meta, [PRODIGY_META_KEY]: stored }
  return [...g.layers.values()].map((layer, i) => ({
    line: g.line,
    externalId: g.externalId,
    title: g.title,
    text: g.text,
    meta,
    annotator: layer.annotator,
    // An answered task is the annotator's finished work: the layer exists even with no spans.
    status: layer.answered ? 'done' : null,
    spans: layer.builder.spans,
    relations: layer.builder.relations,
    ...(i === 0 && Object.keys(g.notes).length ? { notes: g.notes } : {}),
  }))
}

export function* decodeProdigy(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const groups = new Map<string, Group>()
  let kept = 0
  for (const { line, raw } of lines) {
    if (raw.trim() === '') continue
    try {
      const read = parseJsonLine(raw, line)
      addTask(groups, read.json, line, ctx.unit)
      kept += read.kept
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
  // Integers beyond 2^53 are kept as their digits (jsonIntegers.ts), counted in the notes once for the file.
  const first = groups.values().next()
  if (kept && !first.done) count(first.value.notes, KEPT_INTEGERS_NOTE, kept)
  for (const g of groups.values()) for (const record of groupRecords(g, ctx.unit)) yield { record }
}

/** The stored Prodigy tasks of a document's meta, when they are there and well formed. */
export function storedProdigy(meta: Record<string, unknown>): StoredProdigy | null {
  const p = meta[PRODIGY_META_KEY] as Partial<StoredProdigy> | undefined
  if (!p || typeof p !== 'object' || (p.unit !== 'codepoint' && p.unit !== 'utf16') || !Array.isArray(p.tasks)) return null
  if (!p.tasks.every((t) => t !== null && typeof t === 'object' && !Array.isArray(t))) return null
  return p as StoredProdigy
}
