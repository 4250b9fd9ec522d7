import { countOf } from '../text/plural'
import type { Span } from '../domain/model'
import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { tokenize, tokensInRange } from '../text/tokenizer'
import type { EncodeContext, ExportLayer, StreamCodec } from './formatCodec'
import { fragmentsAsSpans } from './fragmentSpans'
import { WidenedSpans, wholeCharacters } from './graphemeEdges'
import { documentIdOut, withoutIdType } from './jsonIdType'
import { PRODIGY_META_KEY, decodeProdigy, storedProdigy } from './prodigyTasks'
import { withWhitespaceTokens } from './prodigyTokens'
import type { StoredProdigy } from './prodigyTasks'

/**
 * Prodigy tasks (as `prodigy db-out` writes them): `tokens` with start, end,
 * id and ws; `spans` with character offsets and inclusive `token_start` /
 * `token_end`; `relations` whose `head` / `child` are the last token of each
 * span, with the spans themselves in `head_span` / `child_span`; `answer`.
 * Reading (prodigyTasks.ts) honours `answer` and keeps every task in the
 * document's meta. Writing a document that came from Prodigy writes its tasks
 * back: each with its own tokens, hashes and choices, accepted tasks with the
 * layer's current spans and relations (spans added since go to the last
 * accepted task), rejected and ignored ones as they were. Any other document
 * is one accepted task, tokenized by the one tokenizer in shared/text with
 * every span edge a token edge.
 */

type Obj = Record<string, unknown>
type Tok = { start: number; end: number }

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)
const spanKey = (start: number, end: number, label: unknown) => `${start}:${end}:${String(label)}`

/** Offsets of a stored task, moved from the file's unit to the export's (the text is the same, so this is exact). */
class Units {
  constructor(
    private readonly conv: OffsetConverter,
    private readonly from: OffsetUnit,
    private readonly to: OffsetUnit,
  ) {}
  /** Stored offset -> UTF-16 (null when it does not fit the text). */
  in(n: unknown): number | null {
    return typeof n === 'number' ? this.conv.fromUnit(n, this.from) : null
  }
  out16(n16: number): number {
    return this.conv.toUnit(n16, this.to)
  }
  /** A stored object with `start`/`end`, moved to the export's unit. */
  move(o: unknown): unknown {
    if (!isObj(o)) return o
    const s = this.in(o.start)
    const e = this.in(o.end)
    return s === null || e === null ? o : { ...o, start: this.out16(s), end: this.out16(e) }
  }
}

/** A stored task with every offset (tokens, spans, relation spans) in the export's unit. */
function movedTask(t: Obj, u: Units): Obj {
  const out: Obj = { ...t }
  if (Array.isArray(t.tokens)) out.tokens = t.tokens.map((x) => u.move(x))
  if (Array.isArray(t.spans)) out.spans = t.spans.map((x) => u.move(x))
  if (Array.isArray(t.relations)) out.relations = t.relations.map((r) => (isObj(r) ? { ...r, head_span: u.move(r.head_span), child_span: u.move(r.child_span) } : r))
  return out
}

/** The key of a stored span (or relation end) in UTF-16, to match it with the layer's spans. */
function storedKey(s: unknown, u: Units): string | null {
  if (!isObj(s)) return null
  const a = u.in(s.start)
  const b = u.in(s.end)
  return a === null || b === null ? null : spanKey(a, b, s.label)
}

/** A task's tokens in UTF-16, for the token indexes of spans added since import. */
function tokensOf(t: Obj, u: Units): Tok[] | null {
  if (!Array.isArray(t.tokens)) return null
  const out: Tok[] = []
  for (const x of t.tokens) {
    const s = isObj(x) ? u.in(x.start) : null
    const e = isObj(x) ? u.in(x.end) : null
    if (s === null || e === null) return null
    out.push({ start: s, end: e })
  }
  return out
}

/** A span added since import; token indexes only where it starts and ends on tokens, as Prodigy checks. */
function freshSpan(s: Span, toks: Tok[] | null, u: Units): Obj {
  const o: Obj = { start: u.out16(s.start), end: u.out16(s.end) }
  const range = toks ? tokensInRange(toks as { start: number; end: number; text: string }[], s.start, s.end) : null
  if (range && toks![range[0]].start === s.start && toks![range[1]].end === s.end) {
    o.token_start = range[0]
    o.token_end = range[1]
  }
  o.label = s.label
  return o
}

/** The tasks of a document that came from Prodigy, with the layer's spans and relations in its accepted tasks. */
function storedTasks(layer: ExportLayer, stored: StoredProdigy, unit: OffsetUnit, untokenized: { n: number }, widened: WidenedSpans): Obj[] {
  const conv = new OffsetConverter(layer.text)
  const u = new Units(conv, stored.unit, unit)
  const mine = stored.tasks.filter((t) => {
    // The annotator the reader took it from (prodigyTasks.ts): `annotator`, else `_annotator_id`, else `_session_id`.
    const who = t.annotator ?? t._annotator_id ?? t._session_id
    return who === undefined || who === null || who === layer.annotator
  })
  const free = new Map<string, Span[]>()
  for (const s of layer.spans) {
    const k = spanKey(s.start, s.end, s.label)
    free.set(k, [...(free.get(k) ?? []), s])
  }
  const out: Obj[] = []
  const taskOfSpan = new Map<number, number>()
  const spanOut = new Map<number, Obj>()
  let lastAccepted = -1
  for (const t of mine) {
    const task = movedTask(t, u)
    task.text = layer.text
    out.push(task)
    if (t.answer === 'reject' || t.answer === 'ignore') continue
    lastAccepted = out.length - 1
    const kept: Obj[] = []
    ;(Array.isArray(t.spans) ? t.spans : []).forEach((s, i) => {
      const span = free.get(storedKey(s, u) ?? '')?.shift()
      if (!span) return // deleted since import
      const obj = (task.spans as Obj[])[i]
      kept.push(obj)
      taskOfSpan.set(span.id, lastAccepted)
      spanOut.set(span.id, obj)
    })
    if (Array.isArray(t.spans) || kept.length) task.spans = kept
  }
  // Spans added since import: into the last accepted task (with its own tokens), else a task of their own.
  const fresh = [...free.values()].flat().sort((a, b) => a.start - b.start || a.end - b.end)
  if (fresh.length) {
    if (lastAccepted < 0) {
      out.push({ text: layer.text, spans: [], answer: 'accept' })
      lastAccepted = out.length - 1
    }
    const task = out[lastAccepted]
    const toks = tokensOf(task, new Units(conv, unit, unit))
    // An edge inside a character goes to the character's edge (the task's own token edges stay as they are).
    const whole = wholeCharacters(layer.text, fresh, toks ? new Set(toks.flatMap((t) => [t.start, t.end])) : undefined)
    widened.add(layer.externalId, layer.text, whole.widened)
    const added = whole.spans
    const list = (task.spans as Obj[] | undefined) ?? []
    for (const s of added) {
      const obj = freshSpan(s, toks, u)
      if (obj.token_start === undefined) untokenized.n++
      list.push(obj)
      taskOfSpan.set(s.id, lastAccepted)
      spanOut.set(s.id, obj)
    }
    task.spans = list
  }
  const byId = new Map(layer.spans.map((s) => [s.id, s]))
  const rels = new Map<number, Obj[]>()
  for (const r of layer.relations) {
    const ti = taskOfSpan.get(r.headId)
    const head = byId.get(r.headId)
    const child = byId.get(r.tailId)
    if (ti === undefined || !head || !child || !spanOut.has(r.tailId)) continue
    // The stored relation where it still holds (its color and token indexes kept), else a new one.
    const orig = ti < mine.length && Array.isArray(mine[ti].relations) ? (mine[ti].relations as unknown[]) : []
    const hk = spanKey(head.start, head.end, head.label)
    const ck = spanKey(child.start, child.end, child.label)
    const match = orig.find((x) => isObj(x) && x.label === r.label && storedKey(x.head_span, u) === hk && storedKey(x.child_span, u) === ck)
    const h = spanOut.get(r.headId)!
    const c = spanOut.get(r.tailId)!
    const obj = isObj(match)
      ? { ...match, head_span: u.move(match.head_span), child_span: u.move(match.child_span) }
      : { head: h.token_end ?? null, child: c.token_end ?? null, head_span: h, child_span: c, label: r.label }
    rels.set(ti, [...(rels.get(ti) ?? []), obj])
  }
  out.forEach((task, i) => {
    if (task.answer === 'reject' || task.answer === 'ignore') return
    const list = rels.get(i) ?? []
    if (list.length || Array.isArray(task.relations)) task.relations = list
  })
  return out
}

/** A document that did not come from Prodigy: one accepted task. */
function freshTask(layer: ExportLayer, unit: OffsetUnit, untokenized: { n: number }, widened: WidenedSpans): Obj {
  const conv = new OffsetConverter(layer.text)
  const at = (n: number) => conv.toUnit(n, unit)
  // Every span edge is a token edge: one inside a character (an accent, an emoji sequence, a flag) goes to its edge.
  const whole = wholeCharacters(layer.text, layer.spans)
  widened.add(layer.externalId, layer.text, whole.widened)
  const spans = whole.spans
  const toks = withWhitespaceTokens(layer.text, tokenize(layer.text, spans), spans)
  const tokens = toks.map((t, i) => ({ text: t.text, start: at(t.start), end: at(t.end), id: i, ws: t.ws }))
  const spanOut = new Map<number, Obj>()
  const u = new Units(conv, unit, unit)
  for (const s of spans) spanOut.set(s.id, freshSpan(s, toks, u))
  untokenized.n += [...spanOut.values()].filter((s) => s.token_start === undefined).length
  const relations = layer.relations.map((r) => {
    const head = spanOut.get(r.headId)
    const child = spanOut.get(r.tailId)
    return { head: head?.token_end ?? null, child: child?.token_end ?? null, head_span: head, child_span: child, label: r.label }
  })
  const meta: Obj = { ...withoutIdType(layer.meta), title: layer.title }
  delete meta[PRODIGY_META_KEY]
  return { id: documentIdOut(layer.externalId, layer.meta), text: layer.text, meta, tokens, spans: [...spanOut.values()], relations, answer: 'accept', _annotator_id: layer.annotator }
}

export const prodigyCodec: StreamCodec = {
  name: 'prodigy',
  extensions: ['.jsonl', '.json'],
  lossy: 'Prodigy tasks keep no span ids, attributes, notes or normalization ids',
  decode: decodeProdigy,
  *encode(layers, ctx: EncodeContext) {
    const untokenized = { n: 0 }
    const widened = new WidenedSpans()
    for (const layer of fragmentsAsSpans(layers, ctx, 'prodigy')) {
      const stored = storedProdigy(layer.meta)
      const tasks = stored ? storedTasks(layer, stored, ctx.unit, untokenized, widened) : [freshTask(layer, ctx.unit, untokenized, widened)]
      for (const t of tasks) yield `${JSON.stringify(t)}\n`
    }
    const inside = widened.warning('prodigy')
    if (inside) ctx.warn(inside)
    if (untokenized.n) ctx.warn(`prodigy: ${countOf(untokenized.n, 'span')} added to a task from Prodigy ${untokenized.n === 1 ? 'does' : 'do'} not start and end on its tokens and ${untokenized.n === 1 ? 'was' : 'were'} written without token_start/token_end`)
  },
}
