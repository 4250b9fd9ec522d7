import { OffsetConverter } from '../text/offsets'
import type { OffsetUnit } from '../text/offsets'
import { textHash } from '../text/textHash'
import type { DecodeContext, DecodeItem, ExportLayer, SourceLine, StreamCodec } from './formatCodec'
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
  exportIds,
  isObject,
  lineError,
  optionalAnnotator,
  flattenedFragments,
} from './codecSupport'

/**
 * Label Studio's full JSON export: ONE array of tasks for the whole file.
 * Each task has `data.text` and `annotations[]`, each annotation a `result[]`
 * of `labels` regions (`value.start/end/text/labels`, `id`) and `relation`
 * results (`from_id`, `to_id`, `direction`, `labels`). Each annotation is one
 * annotator's layer, so a task yields one record per annotation (none: one
 * record with no layer). The annotator is our `annotator` key, else
 * `completed_by` (an email or username, or `user<N>` for a bare user id).
 * Cancelled annotations and results of other types (choices, text areas) are
 * skipped. A relation without labels gets the label `related`.
 *
 * Decoding has to read the whole file before parsing; errors name the task
 * index and the line where that task starts.
 */

interface ElementSpan {
  line: number
  from: number
  /** Index just after the element's closing bracket, or -1 when the file ends inside it. */
  to: number
}

/** Where each top-level array element starts and ends (a small scan that skips strings). */
function arrayElements(text: string, firstLine: number): ElementSpan[] {
  const out: ElementSpan[] = []
  let depth = 0
  let line = firstLine
  let inString = false
  let expectValue = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) line++
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
      continue
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue
    if (depth === 1 && c === 44) {
      expectValue = true
      continue
    }
    if (depth === 1 && expectValue && c !== 93) {
      out.push({ line, from: i, to: -1 })
      expectValue = false
    }
    if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      depth++
      if (depth === 1) expectValue = true
    } else if (c === 93 || c === 125) {
      depth--
      if (depth === 1) out[out.length - 1].to = i + 1
    }
  }
  return out
}

/**
 * Where a file that JSON.parse refused goes wrong: V8's "position N" when it
 * gives one, else the first task that does not parse on its own.
 */
function lineOfSyntaxError(text: string, message: string, firstLine: number): number {
  const m = /position (\d+)/.exec(message)
  if (m) {
    const pos = Math.min(Number(m[1]), text.length)
    let line = firstLine
    for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++
    return line
  }
  for (const el of arrayElements(text, firstLine)) {
    if (el.to < 0) return el.line
    try {
      JSON.parse(text.slice(el.from, el.to))
    } catch {
      return el.line
    }
  }
  return firstLine
}

function annotatorOf(a: Record<string, unknown>, what: string): string | null {
  if (a.annotator !== undefined) return optionalAnnotator(a.annotator, `${what}.annotator`)
  const by = a.completed_by
  if (typeof by === 'number' && Number.isInteger(by)) return `user${by}`
  if (typeof by === 'string') return optionalAnnotator(by, `${what}.completed_by`)
  if (isObject(by)) {
    const name = by.email ?? by.username
    if (typeof name === 'string') return optionalAnnotator(name, `${what}.completed_by`)
    if (typeof by.id === 'number') return `user${by.id}`
  }
  return null
}

function parseTask(json: unknown, index: number, line: number, unit: OffsetUnit): ImportRecord[] {
  return atLine(line, () => {
    const task = expectObject(json, `task ${index}`)
    const data = expectObject(task.data, `task ${index}: data`)
    const text = expectString(data.text, `task ${index}: data.text`)
    const rawId = data.id ?? task.id
    const externalId = rawId === undefined ? `doc-${textHash(text)}` : expectId(rawId, `task ${index}: id`)
    const meta = task.meta === undefined ? {} : { ...expectObject(task.meta, `task ${index}: meta`) }
    const title = typeof data.title === 'string' ? data.title : typeof meta.title === 'string' ? meta.title : externalId
    const base = { line, externalId, title, text, meta, status: null }
    const annotations = expectArray(task.annotations ?? [], `task ${index}: annotations`)
    const records: ImportRecord[] = []
    annotations.forEach((item, a) => {
      const where = `task ${index}: annotations[${a}]`
      const ann = expectObject(item, where)
      if (ann.was_cancelled === true) return
      const layer = new LayerBuilder(text, unit)
      const results = expectArray(ann.result ?? [], `${where}.result`)
      const relations: Record<string, unknown>[] = []
      results.forEach((r, k) => {
        const what = `${where}.result[${k}]`
        const res = expectObject(r, what)
        if (res.type === 'relation') {
          relations.push({ ...res, what })
          return
        }
        if (res.type !== 'labels') return
        const id = res.id === undefined ? null : expectId(res.id, `${what}.id`)
        const value = expectObject(res.value, `${what}.value`)
        const start = expectIndex(value.start, `${what}.value.start`)
        const end = expectIndex(value.end, `${what}.value.end`)
        const expected = value.text === undefined ? undefined : expectString(value.text, `${what}.value.text`)
        const labels = expectArray(value.labels, `${what}.value.labels`)
        if (labels.length === 0) throw new RecordError(`${what}.value.labels is empty`)
        labels.forEach((l, n) => {
          layer.addSpan(what, n === 0 ? id : null, start, end, expectLabel(l, `${what}.value.labels[${n}]`), expected)
        })
      })
      for (const rel of relations) {
        const what = rel.what as string
        const from = layer.spanById(expectId(rel.from_id, `${what}.from_id`), `${what}.from_id`)
        const to = layer.spanById(expectId(rel.to_id, `${what}.to_id`), `${what}.to_id`)
        const labels = rel.labels === undefined ? [] : expectArray(rel.labels, `${what}.labels`)
        const label = labels.length ? expectLabel(labels[0], `${what}.labels[0]`) : 'related'
        const [head, tail] = rel.direction === 'left' ? [to, from] : [from, to]
        layer.addRelation(what, null, head, tail, label)
      }
      records.push({ ...base, meta: { ...meta }, annotator: annotatorOf(ann, where), spans: layer.spans, relations: layer.relations })
    })
    if (records.length === 0) records.push({ ...base, annotator: null, spans: [], relations: [] })
    return records
  })
}

function* decodeLabelStudio(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const parts: string[] = []
  let firstLine = 0
  for (const { line, raw } of lines) {
    if (firstLine === 0) firstLine = line
    parts.push(raw)
  }
  const text = parts.join('\n')
  if (text.trim() === '') return
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const message = (e as Error).message
    yield { error: { file: ctx.file, line: lineOfSyntaxError(text, message, firstLine), reason: `not valid JSON (${message})` } }
    return
  }
  if (!Array.isArray(json)) {
    yield { error: { file: ctx.file, line: firstLine, reason: 'a Label Studio export must be a JSON array of tasks' } }
    return
  }
  const starts = arrayElements(text, firstLine).map((el) => el.line)
  for (let i = 0; i < json.length; i++) {
    const line = starts[i] ?? firstLine
    try {
      for (const record of parseTask(json[i], i, line, ctx.unit)) yield { record }
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}

function annotationOf(layer: ExportLayer, unit: OffsetUnit, annotationId: number): Record<string, unknown> {
  const conv = new OffsetConverter(layer.text)
  const ids = exportIds(layer.spans, 'T')
  const result: Record<string, unknown>[] = layer.spans.map((s) => ({
    id: ids.get(s.id),
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    origin: 'manual',
    value: { start: conv.toUnit(s.start, unit), end: conv.toUnit(s.end, unit), text: layer.text.slice(s.start, s.end), labels: [s.label] },
  }))
  for (const r of layer.relations) {
    result.push({ from_id: ids.get(r.headId), to_id: ids.get(r.tailId), type: 'relation', direction: 'right', labels: [r.label] })
  }
  return { id: annotationId, annotator: layer.annotator, result, was_cancelled: false, ground_truth: false }
}

export const labelStudioCodec: StreamCodec = {
  name: 'labelstudio',
  extensions: ['.json'],
  lossy: 'Label Studio tasks keep no attributes, notes, normalization ids or relation ids',
  sniff: (first) => /^\s*\[\s*(\{|$)/.test(first),
  decode: decodeLabelStudio,
  /** Consecutive layers of one document become one task with an annotation each. */
  *encode(layers, ctx) {
    yield '[\n'
    let task: Record<string, unknown> | null = null
    let taskDoc = ''
    let count = 0
    let annotationId = 0
    const flush = function* () {
      if (task) yield `${count++ ? ',\n' : ''}${JSON.stringify(task)}`
    }
    for (const layer of flattenedFragments(layers, ctx, 'labelstudio')) {
      if (!task || taskDoc !== `${layer.externalId}\u0000${layer.text}`) {
        yield* flush()
        taskDoc = `${layer.externalId}\u0000${layer.text}`
        task = { data: { id: layer.externalId, title: layer.title, text: layer.text }, meta: { ...layer.meta }, annotations: [] }
      }
      ;(task.annotations as unknown[]).push(annotationOf(layer, ctx.unit, ++annotationId))
    }
    yield* flush()
    yield '\n]\n'
  },
}
