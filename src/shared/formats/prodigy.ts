import type { Span } from '../domain/model'
import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { textHash } from '../text/textHash'
import { tokenize, tokensInRange } from '../text/tokenizer'
import type { StreamCodec } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { RecordError } from './importRecord'
import {
  LayerBuilder,
  atLine,
  expectArray,
  expectId,
  expectIndex,
  expectLabel,
  expectObject,
  expectString,
  metaAndTitle,
  optionalAnnotator,
  flattenedFragments,
  recordPerLine,
} from './codecSupport'

/**
 * Prodigy tasks (as `prodigy db-out` writes them): `tokens` with start, end,
 * id and ws; `spans` with character offsets and inclusive `token_start` /
 * `token_end`; `relations` whose `head` / `child` are the last token of each
 * span, with the spans themselves in `head_span` / `child_span`; `answer`.
 * Tokens come from the one tokenizer in shared/text. A span that covers no
 * token (whitespace only) is written without token indexes. The document id
 * goes in a top-level `id` (Prodigy keeps unknown keys), the annotator in
 * `_annotator_id`.
 */

const ANSWERS = new Set(['accept', 'reject', 'ignore'])

interface FileToken {
  start: number
  end: number
}

function parseTaskLine(json: unknown, line: number, unit: OffsetUnit): ImportRecord {
  return atLine(line, () => {
    const o = expectObject(json, 'a Prodigy task')
    const text = expectString(o.text, 'text')
    const metaObj = o.meta === undefined ? {} : expectObject(o.meta, 'meta')
    const rawId = o.id ?? metaObj.id ?? o._input_hash
    const externalId = rawId === undefined ? `doc-${textHash(text)}` : expectId(rawId, 'id')
    const { meta, title } = metaAndTitle(o, externalId)
    const annotator = optionalAnnotator(o.annotator ?? o._annotator_id, '_annotator_id')
    if (o.answer !== undefined && !(typeof o.answer === 'string' && ANSWERS.has(o.answer))) {
      throw new RecordError(`answer must be "accept", "reject" or "ignore", not ${JSON.stringify(o.answer)}`)
    }
    if (o.answer !== undefined && o.answer !== 'accept') meta.answer = o.answer

    const tokens: FileToken[] = expectArray(o.tokens ?? [], 'tokens').map((t, i) => {
      const tok = expectObject(t, `tokens[${i}]`)
      return { start: expectIndex(tok.start, `tokens[${i}].start`), end: expectIndex(tok.end, `tokens[${i}].end`) }
    })
    const tokenAt = (i: unknown, what: string): FileToken => {
      const n = expectIndex(i, what)
      if (n >= tokens.length) throw new RecordError(`${what} ${n} is not a token index (the task has ${tokens.length} tokens)`)
      return tokens[n]
    }
    /** A span's offsets: its own start/end, else those of its first and last token. */
    const offsetsOf = (s: Record<string, unknown>, what: string): [number, number] => {
      if (s.start === undefined && s.end === undefined) {
        return [tokenAt(s.token_start, `${what}.token_start`).start, tokenAt(s.token_end, `${what}.token_end`).end]
      }
      return [expectIndex(s.start, `${what}.start`), expectIndex(s.end, `${what}.end`)]
    }

    const layer = new LayerBuilder(text, unit)
    const byKey = new Map<string, number>()
    expectArray(o.spans ?? [], 'spans').forEach((item, i) => {
      const what = `spans[${i}]`
      const s = expectObject(item, what)
      const [start, end] = offsetsOf(s, what)
      const label = expectLabel(s.label, `${what}.label`)
      const expected = s.text === undefined ? undefined : expectString(s.text, `${what}.text`)
      const index = layer.addSpan(what, null, start, end, label, expected)
      const key = `${start}:${end}:${label}`
      if (!byKey.has(key)) byKey.set(key, index)
    })
    expectArray(o.relations ?? [], 'relations').forEach((item, i) => {
      const what = `relations[${i}]`
      const r = expectObject(item, what)
      const find = (side: 'head' | 'child'): number => {
        const spanObj = expectObject(r[`${side}_span`], `${what}.${side}_span`)
        const [start, end] = offsetsOf(spanObj, `${what}.${side}_span`)
        const label = expectLabel(spanObj.label, `${what}.${side}_span.label`)
        const index = byKey.get(`${start}:${end}:${label}`)
        if (index === undefined) throw new RecordError(`${what}.${side}_span ${start}-${end} ${label} is not one of the task's spans`)
        return index
      }
      layer.addRelation(what, null, find('head'), find('child'), expectLabel(r.label, `${what}.label`))
    })
    return { line, externalId, title, text, meta, annotator, status: null, spans: layer.spans, relations: layer.relations }
  })
}

export const prodigyCodec: StreamCodec = {
  name: 'prodigy',
  extensions: ['.jsonl', '.json'],
  lossy: 'Prodigy tasks keep no span ids, attributes, notes or normalization ids',
  sniff: (first) => /^\s*\{/.test(first) && /"tokens"\s*:/.test(first) && /"(spans|_input_hash|answer)"\s*:/.test(first),
  decode: recordPerLine(parseTaskLine),
  *encode(layers, ctx) {
    let untokenized = 0
    for (const layer of flattenedFragments(layers, ctx, 'prodigy')) {
      const conv = new OffsetConverter(layer.text)
      const at = (n: number) => conv.toUnit(n, ctx.unit)
      const toks = tokenize(layer.text)
      const tokens = toks.map((t, i) => ({ text: t.text, start: at(t.start), end: at(t.end), id: i, ws: /\s/u.test(layer.text.charAt(t.end)) }))
      const spanOut = new Map<number, Record<string, unknown>>()
      for (const s of layer.spans) spanOut.set(s.id, prodigySpan(s, toks, at))
      untokenized += [...spanOut.values()].filter((s) => s.token_start === undefined).length
      const relations = layer.relations.map((r) => {
        const head = spanOut.get(r.headId)
        const child = spanOut.get(r.tailId)
        return { head: head?.token_end ?? null, child: child?.token_end ?? null, head_span: head, child_span: child, label: r.label }
      })
      const out = {
        id: layer.externalId,
        text: layer.text,
        meta: { ...layer.meta, title: layer.title },
        tokens,
        spans: [...spanOut.values()],
        relations,
        answer: 'accept',
        _annotator_id: layer.annotator,
      }
      yield `${JSON.stringify(out)}\n`
    }
    if (untokenized) ctx.warn(`prodigy: ${untokenized} span(s) cover no token (whitespace only) and were written without token_start/token_end`)
  },
}

function prodigySpan(s: Span, toks: ReturnType<typeof tokenize>, at: (n: number) => number): Record<string, unknown> {
  const o: Record<string, unknown> = { start: at(s.start), end: at(s.end) }
  const range = tokensInRange(toks, s.start, s.end)
  if (range) {
    o.token_start = range[0]
    o.token_end = range[1]
  }
  o.label = s.label
  return o
}
