import type { DecodeContext, DecodeItem } from './formatCodec'
import type { CsvRow } from './csvRows'
import type { ImportRecord } from './importRecord'
import { lineError } from './codecSupport'

/**
 * doccano 1.0's CSV export (`app/api/utils.py` `CSVPainter`, rendered by djangorestframework-csv's `CSVRenderer`):
 * a row per annotation, `{**document, **annotation}`: the document's `id`, `text`, `annotation_approver` and its
 * `meta` flattened to `meta.<key>` columns, repeated on each of its annotations' rows, beside the annotation's
 * `label` (a project label id), `user` (a user id), and `start_offset`/`end_offset` in a sequence-labeling project
 * (later 1.0.x also `created_at`/`updated_at`); the columns sorted by name, None as an empty cell. A document
 * without annotations has no row. The rows of one document (consecutive, as CSVPainter writes them) are read back
 * into the record doccano 1.0's JSON export has for it (`annotations` of `{label, start_offset, end_offset, user}`),
 * so they land as that export's do: a layer per user (`user<N>`), spans labelled by the id (doccano.ts).
 */

type ParseLine = (json: unknown, line: number) => ImportRecord | ImportRecord[]

/** The columns that belong to one annotation (the rest are the document's, repeated). */
const ANNOTATION_COLUMNS = new Set(['label', 'start_offset', 'end_offset', 'user', 'prob', 'created_at', 'updated_at'])
const ID = /^[0-9]{1,15}$/u

interface Group {
  line: number
  id: string
  text: string
  doc: Record<string, unknown>
  annotations: Record<string, unknown>[]
}

export function* decodeDoccano10Csv(columns: string[], rows: Iterable<CsvRow>, ctx: DecodeContext, parse: ParseLine): Iterable<DecodeItem> {
  let group: Group | null = null
  const flush = function* (): Iterable<DecodeItem> {
    if (!group) return
    const g = group
    group = null
    try {
      const out = parse({ ...g.doc, annotations: g.annotations }, g.line)
      for (const r of Array.isArray(out) ? out : [out]) yield { record: r }
    } catch (e) {
      yield { error: lineError(ctx, e, g.line) }
    }
  }
  for (const row of rows) {
    if ('error' in row) {
      yield* flush()
      yield { error: { file: ctx.file, line: row.line, reason: row.error } }
      continue
    }
    if (row.fields.length !== columns.length) {
      yield { error: { file: ctx.file, line: row.line, reason: `${row.fields.length} cells, the header ${columns.length} (a quote missing or a comma too many?)` } }
      continue
    }
    const cell = (name: string) => row.fields[columns.indexOf(name)] ?? ''
    const id = cell('id')
    if (group && group.id !== id) yield* flush()
    const fault = rowFault(cell)
    if (fault) {
      yield { error: { file: ctx.file, line: row.line, reason: fault } }
      continue
    }
    if (group && group.id === id && group.text !== cell('text')) {
      yield { error: { file: ctx.file, line: row.line, reason: `document id ${id} has another text here than on line ${group.line} (doccano 1.0 repeats a document's text on each of its annotations' rows)` } }
      continue
    }
    if (!group) {
      group = { line: row.line, id, text: cell('text'), doc: documentOf(columns, row.fields), annotations: [] }
    }
    group.annotations.push(annotationOf(columns, row.fields))
  }
  yield* flush()
}

/** Why a row is not doccano 1.0's (ids that are not numbers), or null. */
function rowFault(cell: (name: string) => string): string | null {
  if (!ID.test(cell('id'))) return `the id cell must be a doccano document id (a number), not ${JSON.stringify(cell('id').slice(0, 40))}`
  if (!ID.test(cell('label'))) return `the label cell must be a doccano 1.0 label id (a number), not ${JSON.stringify(cell('label').slice(0, 40))}`
  for (const c of ['start_offset', 'end_offset', 'user']) {
    const v = cell(c)
    if (v !== '' && !ID.test(v)) return `the ${c} cell must be a number, not ${JSON.stringify(v.slice(0, 40))}`
  }
  return null
}

function documentOf(columns: string[], fields: string[]): Record<string, unknown> {
  const doc: Record<string, unknown> = {}
  const meta: Record<string, unknown> = {}
  columns.forEach((column, k) => {
    const cell = fields[k]
    if (ANNOTATION_COLUMNS.has(column)) return
    if (column === 'id') doc.id = Number(cell)
    else if (column === 'text') doc.text = cell
    else if (column.startsWith('meta.')) {
      if (cell !== '') meta[column.slice(5)] = cell
    }
    // `annotation_approver` is null in the JSON export when nobody approved: None, written as an empty cell.
    else if (column === 'annotation_approver') doc[column] = cell === '' ? null : cell
    else if (cell !== '') doc[column] = cell
  })
  if (Object.keys(meta).length) doc.meta = meta
  return doc
}

function annotationOf(columns: string[], fields: string[]): Record<string, unknown> {
  const a: Record<string, unknown> = {}
  columns.forEach((column, k) => {
    const cell = fields[k]
    if (!ANNOTATION_COLUMNS.has(column) || cell === '') return
    a[column] = column === 'label' || column === 'start_offset' || column === 'end_offset' || column === 'user' ? Number(cell) : cell
  })
  return a
}
