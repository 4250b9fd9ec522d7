import type { Relation, Span } from '../../domain/model'
import type { Token } from '../../text/tokenizer'
import { splitAtBoundaries, tokenize } from '../../text/tokenizer'
import type { ExportLayer } from '../formatCodec'
import { sentenceRanges } from '../tokenSentences'
import { WEBANNO_META_KEY } from './decodeTsv'
import type { WebannoMeta } from './decodeTsv'
import { planLayers } from './tsvLayerPlan'
import type { RelationLayerOut, SpanLayerOut } from './tsvLayerPlan'
import { escapeText, escapeValue } from './tsvSyntax'

/**
 * One layer as a WebAnno TSV 3.3 file, laid out as INCEpTION's Tsv3XSerializer
 * writes it: the format line, a `#T_SP=` line per span layer, then a `#T_RL=`
 * line per relation layer (tsvLayerPlan.ts: a span read from a WebAnno file goes
 * back to its own layer and feature, an event trigger to `webanno.custom.Event`,
 * any other span is a NamedEntity `value`; relations over NamedEntity go to
 * `webanno.custom.Relation|value|BT_…NamedEntity`, the relation layer of the
 * format's documented example, which the INCEpTION project must define), two
 * blank lines, then per sentence its `#Text=` lines (escaped, one per line of
 * the text) and a line per token ending in a tab, with a blank line between
 * sentences. A span over several tokens, or sharing a token with another of its
 * layer, carries a `[n]` id. A relation is written on its tail's first token,
 * with its head's first token (and `[head_tail]` ids when either has one).
 *
 * Tokens and sentences are the imported file's own (meta.webannoTsv) when the
 * text is the same, else the shared tokenizer's; every span edge is a token
 * edge. Offsets are UTF-16 code units (the format's unit). The reader rebuilds
 * the text from the sentences, so sentence i's text runs from its first token
 * to the next sentence's first token: every character comes back, except text
 * before the first token, which the format can only hold as spaces.
 */

export interface TsvWarnings {
  /** Spans over whitespace only, with no token to carry them (and their relations). */
  untokenized: number
  /** Spans starting or ending on whitespace, written from their first to their last token. */
  trimmed: number
  /** Documents whose text before the first token is not spaces (read back as spaces). */
  leadingText: number
  /** Spans' and relations' notes, relation attributes (counted by the caller, per stored span) and span attributes no column of the span's layer holds (counted here). */
  attributes: number
  /** Relations to a span left out. */
  relations: number
  /** Documents with relations between spans of two layers, written with every span a NamedEntity. */
  merged: number
}

function fileTokens(layer: ExportLayer): { tokens: Token[]; sentences: [number, number][] } | null {
  const meta = layer.meta[WEBANNO_META_KEY] as WebannoMeta | undefined
  if (!meta || !Array.isArray(meta.sentences)) return null
  const tokens: Token[] = []
  const sentences: [number, number][] = []
  let last = 0
  for (const s of meta.sentences) {
    if (!s || !Array.isArray(s.tokens) || s.tokens.length < 2) return null
    const first = tokens.length
    for (let i = 0; i + 1 < s.tokens.length; i += 2) {
      const [b, e] = [s.tokens[i], s.tokens[i + 1]]
      if (!Number.isInteger(b) || !Number.isInteger(e) || b < last || e <= b || e > layer.text.length) return null
      const text = layer.text.slice(b, e)
      if (/[\t\n\r]/u.test(text)) return null
      tokens.push({ start: b, end: e, text })
      last = e
    }
    sentences.push([first, tokens.length - 1])
  }
  return { tokens, sentences }
}

/** Sentences over refined tokens, from sentences over the tokens they refine. */
function refine(base: Token[], baseSentences: [number, number][], tokens: Token[]): [number, number][] {
  const ends = new Set(baseSentences.map(([, l]) => base[l].end))
  const out: [number, number][] = []
  let first = 0
  tokens.forEach((t, i) => {
    if (i === tokens.length - 1 || (ends.has(t.end) && tokens[i + 1].start >= t.end)) {
      out.push([first, i])
      first = i + 1
    }
  })
  return out
}

export function encodeWebannoTsv(layer: ExportLayer, warned: TsvWarnings): string {
  const text = layer.text
  const edges = layer.spans.map((s) => ({ start: s.start, end: s.end }))
  const own = fileTokens(layer)
  const tokens = own ? splitAtBoundaries(own.tokens, edges) : tokenize(text, edges)
  const sentences = own ? refine(own.tokens, own.sentences, tokens) : sentenceRanges(text, tokens, edges)

  // Each span's first and last token; spans over no token are left out.
  const range = new Map<Span, [number, number]>()
  const firstAt = (pos: number) => {
    let lo = 0
    let hi = tokens.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tokens[mid].start < pos) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  for (const s of layer.spans) {
    const a = firstAt(s.start)
    let b = a
    while (b < tokens.length && tokens[b].end <= s.end) b++
    if (b === a) {
      warned.untokenized++
      continue
    }
    if (tokens[a].start !== s.start || tokens[b - 1].end !== s.end) warned.trimmed++
    range.set(s, [a, b - 1])
  }
  const spans = layer.spans.filter((s) => range.has(s))
  const byId = new Map(spans.map((s) => [s.id, s]))
  const kept = layer.relations.filter((r) => {
    const both = byId.has(r.headId) && byId.has(r.tailId)
    if (!both) warned.relations++
    return both
  })
  const plan = planLayers(layer.meta[WEBANNO_META_KEY], spans, kept)
  if (plan.merged) warned.merged++
  // Per layer, the spans on each token; ids for spans over several tokens or sharing a token with another of their layer.
  const onToken = new Map<SpanLayerOut, Map<number, Span[]>>()
  for (const l of plan.spanLayers) {
    const here = new Map<number, Span[]>()
    for (const s of l.spans) {
      const [a, b] = range.get(s)!
      for (let i = a; i <= b; i++) here.set(i, [...(here.get(i) ?? []), s])
    }
    onToken.set(l, here)
  }
  const ids = new Map<Span, number>()
  for (const s of spans) {
    const [a, b] = range.get(s)!
    const here = onToken.get(plan.layerOf.get(s)!)!
    let shared = false
    for (let i = a; i <= b && !shared; i++) shared = here.get(i)!.length > 1
    if (a !== b || shared) ids.set(s, ids.size + 1)
  }

  const unitId = new Map<number, string>()
  sentences.forEach(([first, last], si) => {
    for (let i = first; i <= last; i++) unitId.set(i, `${si + 1}-${i - first + 1}`)
  })
  const relsOn = new Map<RelationLayerOut, Map<number, Relation[]>>()
  for (const l of plan.relationLayers) {
    const at = new Map<number, Relation[]>()
    for (const r of l.relations) {
      const i = range.get(byId.get(r.tailId)!)![0]
      at.set(i, [...(at.get(i) ?? []), r])
    }
    relsOn.set(l, at)
  }
  // A span's attribute goes to its layer's feature of that name (NamedEntity's `identifier`); any other is counted.
  // Fragments after a discontinuous span's first (negative ids) are the same stored span: counted once.
  for (const s of layer.spans) {
    if (s.id < 0 || s.note) continue
    const l = plan.layerOf.get(s)
    if (Object.keys(s.attributes).some((k) => !l || !l.features.includes(k) || l.featureOf.get(s) === k)) warned.attributes++
  }
  const cell = (l: SpanLayerOut, s: Span, f: string): string => {
    if (l.featureOf.get(s) === f) return escapeValue(s.label)
    const v = s.attributes[f]
    return v === undefined || v === '' ? '*' : escapeValue(String(v))
  }
  const idOf = (s: Span) => (ids.has(s) ? `[${ids.get(s)}]` : '')
  const ref = (r: Relation) => {
    const head = byId.get(r.headId)!
    const tail = byId.get(r.tailId)!
    const [h, tl] = [ids.get(head), ids.get(tail)]
    return unitId.get(range.get(head)![0])! + (h || tl ? `[${h ?? 0}_${tl ?? 0}]` : '')
  }
  /** A token's cells: each span layer's feature columns (or its placeholder), then each relation layer's. */
  const cells = (i: number): string[] => {
    const out: string[] = []
    for (const l of plan.spanLayers) {
      const here = onToken.get(l)!.get(i) ?? []
      if (!l.features.length) out.push(here.length ? here.map((s) => `*${idOf(s)}`).join('|') : '_')
      for (const f of l.features) out.push(here.length ? here.map((s) => cell(l, s, f) + idOf(s)).join('|') : '_')
    }
    for (const l of plan.relationLayers) {
      const on = relsOn.get(l)!.get(i) ?? []
      for (const f of l.features) out.push(on.length ? on.map((r) => (l.featureOf(r) === f ? escapeValue(r.label) : '*')).join('|') : '_')
      out.push(on.length ? on.map(ref).join('|') : '_')
    }
    return out
  }

  const out: string[] = ['#FORMAT=WebAnno TSV 3.3\n']
  for (const l of plan.spanLayers) out.push(`#T_SP=${l.type}|${l.features.join('|')}\n`)
  for (const l of plan.relationLayers) out.push(`#T_RL=${l.type}|${l.features.map((f) => `${f}|`).join('')}BT_${l.baseType}\n`)
  out.push('\n')
  const before = sentences.length ? text.slice(0, tokens[sentences[0][0]].start) : text
  if (before.replace(/ /gu, '') !== '') warned.leadingText++
  sentences.forEach(([first, last], si) => {
    const begin = tokens[first].start
    const end = si + 1 < sentences.length ? tokens[sentences[si + 1][0]].start : text.length
    // The reader ends each sentence with a line break: one that ends this sentence's text is that one.
    let own = text.slice(begin, end)
    if (si + 1 < sentences.length && own.endsWith('\n')) own = own.slice(0, -1)
    out.push('\n')
    for (const line of own.split('\n')) out.push(`#Text=${escapeText(line)}\n`)
    for (let i = first; i <= last; i++) {
      const t = tokens[i]
      const cols = [unitId.get(i)!, `${t.start}-${t.end}`, t.text, ...cells(i)]
      out.push(`${cols.join('\t')}\t\n`)
    }
  })
  return out.join('')
}
