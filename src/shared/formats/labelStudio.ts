import { OffsetConverter } from '../text/offsets'
import { documentIdOut, withoutIdType } from './jsonIdType'
import type { OffsetUnit } from '../text/offsets'
import type { DecodeContext, DecodeItem, ExportLayer, SourceLine, StreamCodec } from './formatCodec'
import { exportIds, isObject, jsonSyntaxReason, lineError } from './codecSupport'
import { fragmentsAsSpans } from './fragmentSpans'
import { LABEL_STUDIO_META_KEY, MODEL_PREFIX, parseTask } from './labelStudioTasks'
import { decodeLabelStudioCsv, looksLabelStudioCsv } from './labelStudioCsv'
import { noteKeptIntegers, parseJsonKeepingIntegers } from './jsonIntegers'
import type { StoredLabelStudio } from './labelStudioTasks'

/**
 * Label Studio JSON: the full export (ONE array of tasks for the whole
 * file), one task object a file (as its cloud storage writes them), or one
 * task a line. Each task has `data.text` (or is bare: `{text}`) and
 * `annotations[]`, each annotation a `result[]` of `labels` regions
 * (`value.start/end/text/labels`, `id`) and `relation` results (`from_id`,
 * `to_id`, `direction`, `labels`). How a task becomes records (annotators,
 * predictions, what is counted and not imported) is in labelStudioTasks.ts.
 * A relation without labels gets the label `related`.
 *
 * Decoding has to read the whole file before parsing; errors name the task
 * index and the line where that task starts. The export writes each layer as
 * an annotation `completed_by` its annotator (a `model:` layer as that
 * model's prediction), with the task's stored fields and tag names.
 */

interface ElementSpan {
  line: number
  from: number
  /** Index just after the element's closing bracket, or -1 when the file ends inside it. */
  to: number
}

/** Where each top-level array element starts and ends (a small scan that skips strings). */
export function arrayElements(text: string, firstLine: number): ElementSpan[] {
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
export function lineOfSyntaxError(text: string, message: string, firstLine: number): number {
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

/** Tasks, one a line (JSONL), when the whole file is not one JSON value; null when a line is not a task object. */
function tasksPerLine(parts: string[], firstLine: number): { json: unknown; line: number; kept: number }[] | null {
  const out: { json: unknown; line: number; kept: number }[] = []
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].trim()) continue
    try {
      const { json, kept } = parseJsonKeepingIntegers(parts[i])
      if (!isObject(json)) return null
      out.push({ json, line: firstLine + i, kept })
    } catch {
      return null
    }
  }
  return out.length > 1 ? out : null
}

function* decodeLabelStudio(lines: Iterable<SourceLine>, ctx: DecodeContext): Iterable<DecodeItem> {
  const parts: string[] = []
  const source: SourceLine[] = []
  let firstLine = 0
  for (const l of lines) {
    if (firstLine === 0) firstLine = l.line
    parts.push(l.raw)
    source.push(l)
  }
  // Label Studio's CSV or TSV export: a header row, not JSON.
  const header = parts.find((p) => p.trim() !== '') ?? ''
  if (!/^\s*[[{]/u.test(header) && looksLabelStudioCsv(header)) return yield* decodeLabelStudioCsv(source, ctx)
  const text = parts.join('\n')
  if (text.trim() === '') return
  let tasks: { json: unknown; line: number }[]
  // Integers beyond 2^53 are kept as their digits (jsonIntegers.ts), counted on the first record.
  let kept = 0
  try {
    const read = parseJsonKeepingIntegers(text)
    const json = read.json
    kept = read.kept
    if (Array.isArray(json)) {
      const starts = arrayElements(text, firstLine).map((el) => el.line)
      tasks = json.map((t, i) => ({ json: t, line: starts[i] ?? firstLine }))
    } else if (isObject(json)) {
      // One task a file, as Label Studio's cloud storage writes them.
      tasks = [{ json, line: firstLine + text.slice(0, text.search(/\S/u)).split('\n').length - 1 }]
    } else {
      yield { error: { file: ctx.file, line: firstLine, reason: 'a Label Studio file must be a JSON array of tasks or one task object' } }
      return
    }
  } catch (e) {
    const perLine = tasksPerLine(parts, firstLine)
    if (!perLine) {
      const message = (e as Error).message
      yield { error: { file: ctx.file, line: lineOfSyntaxError(text, message, firstLine), reason: jsonSyntaxReason(message, text) } }
      return
    }
    tasks = perLine
    kept = perLine.reduce((n, t) => n + t.kept, 0)
  }
  for (let i = 0; i < tasks.length; i++) {
    const { json, line } = tasks[i]
    try {
      for (const record of parseTask(json, i, line, ctx.unit)) {
        if (kept) record.notes = noteKeptIntegers(record.notes, kept)
        kept = 0
        yield { record }
      }
    } catch (e) {
      yield { error: lineError(ctx, e, line) }
    }
  }
}

/** Label Studio's `completed_by`: a user id for `user<N>`, else the user by email (what its import matches members by). */
function completedBy(annotator: string): number | { email: string } {
  const m = /^user([1-9][0-9]{0,14})$/u.exec(annotator)
  return m ? Number(m[1]) : { email: annotator }
}

function resultsOf(layer: ExportLayer, unit: OffsetUnit, stored: StoredLabelStudio | null): Record<string, unknown>[] {
  const conv = new OffsetConverter(layer.text)
  const ids = exportIds(layer.spans, 'T')
  const result: Record<string, unknown>[] = layer.spans.map((s) => ({
    id: ids.get(s.id),
    from_name: stored?.fromName ?? 'label',
    to_name: stored?.toName ?? 'text',
    type: 'labels',
    origin: 'manual',
    value: { start: conv.toUnit(s.start, unit), end: conv.toUnit(s.end, unit), text: layer.text.slice(s.start, s.end), labels: [s.label] },
    // A span's note is the region's "Meta" text, as Label Studio keeps it.
    ...(s.note ? { meta: { text: [s.note] } } : {}),
  }))
  for (const r of layer.relations) {
    result.push({ from_id: ids.get(r.headId), to_id: ids.get(r.tailId), type: 'relation', direction: 'right', labels: [r.label] })
  }
  return result
}

function storedOf(meta: Record<string, unknown>): StoredLabelStudio | null {
  const v = meta[LABEL_STUDIO_META_KEY]
  return isObject(v) && isObject(v.task) && isObject(v.data) ? (v as unknown as StoredLabelStudio) : null
}

/** A new task for a layer's document: the stored task fields where it came from Label Studio. */
function taskOf(layer: ExportLayer, stored: StoredLabelStudio | null): Record<string, unknown> {
  const meta = { ...withoutIdType(layer.meta) }
  delete meta[LABEL_STUDIO_META_KEY]
  const data = stored ? { ...stored.data, [typeof stored.textKey === 'string' ? stored.textKey : 'text']: layer.text } : { id: documentIdOut(layer.externalId, layer.meta), title: layer.title, text: layer.text }
  const keepMeta = !stored || stored.hasMeta || Object.keys(meta).length > 0
  return { ...(stored?.task ?? {}), data, ...(keepMeta ? { meta } : {}), annotations: [], predictions: [] }
}

export const labelStudioCodec: StreamCodec = {
  name: 'labelstudio',
  extensions: ['.json'],
  lossy: 'Label Studio tasks keep no attributes, relation notes, normalization ids or relation ids (a span note is its region meta text)',
  decode: decodeLabelStudio,
  /** Consecutive layers of one document become one task with an annotation (or a prediction) each. */
  *encode(layers, ctx) {
    yield '[\n'
    let task: Record<string, unknown> | null = null
    let taskDoc = ''
    let count = 0
    let annotationId = 0
    const flush = function* () {
      if (!task) return
      if (!(task.predictions as unknown[]).length) delete task.predictions
      yield `${count++ ? ',\n' : ''}${JSON.stringify(task)}`
    }
    for (const layer of fragmentsAsSpans(layers, ctx, 'labelstudio')) {
      if (!task || taskDoc !== `${layer.externalId}\u0000${layer.text}`) {
        yield* flush()
        taskDoc = `${layer.externalId}\u0000${layer.text}`
        task = taskOf(layer, storedOf(layer.meta))
      }
      const result = resultsOf(layer, ctx.unit, storedOf(layer.meta))
      // A model's layer goes back as its prediction; an annotator's as an annotation completed by them, but
      // only when there is one: items, or work marked begun or done (an empty done layer is a real negative).
      // An empty layer still to do is the task without annotations.
      if (!result.length && (layer.status === null || layer.status === 'todo')) continue
      if (layer.annotator.startsWith(MODEL_PREFIX)) {
        ;(task.predictions as unknown[]).push({ model_version: layer.annotator.slice(MODEL_PREFIX.length), result })
      } else {
        ;(task.annotations as unknown[]).push({ id: ++annotationId, completed_by: completedBy(layer.annotator), result, was_cancelled: false, ground_truth: false })
      }
    }
    yield* flush()
    yield '\n]\n'
  },
}
