import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { lineError } from './codecSupport'
import { csvRows } from './csvRows'

/**
 * doccano's CSV export (text classification and sequence to sequence projects; doccano 1.x's
 * `data_export/pipeline`: `JoinedCategoryFormatter` then pandas `to_csv(index=False)`): a header
 * `id,text,<meta fields…>,label,Comments`, one row per example, `label` the category names sorted and
 * joined by `#` (empty when none), `Comments` the comments joined the same way. Each row is read as the
 * JSONL record doccano writes for the same example (`label` a list of names), so its categories land in
 * meta exactly as the JSONL export's do (doccano.ts `categoryLine`), and the other columns are kept.
 * A label name holding `#` cannot be told from two names: doccano writes it so, and it reads back as two.
 */

type ParseLine = (json: unknown, line: number) => ImportRecord | ImportRecord[]

/**
 * Columns that make a CSV another tool's or another doccano's: Label Studio's annotation columns, span offsets (no
 * span is in this export), or doccano 1.0's `user` (its CSV is a row per annotation, below).
 */
const NOT_DOCCANO = ['annotation_id', 'annotator', 'start_offset', 'end_offset', 'user']

/**
 * doccano 1.0's CSV export (`CSVPainter` through djangorestframework-csv): a row per annotation, its `label` a project
 * label id and its `user` a user id, the document's fields repeated on each row. Not read: said, with what to export instead.
 */
export const DOCCANO_1_0_CSV =
  "doccano 1.0's CSV export (a row per annotation, labels as project label ids): not read; export the project from doccano as JSON (its `annotations` with label ids are read, a layer per user)"

export function looksDoccano10Csv(header: string): boolean {
  const names = headerNames(header.replace(/^\uFEFF/u, ''))
  return names.includes('text') && names.includes('label') && names.includes('user')
}

function headerNames(header: string): string[] {
  // pandas `to_csv` as doccano calls it always writes commas.
  return header.split(',').map((h) => h.trim().replace(/^"(.*)"$/u, '$1'))
}

/** A header doccano's CSV export writes: `text` and `label` once each, no column of Label Studio's or of span offsets. */
export function looksDoccanoCsv(header: string): boolean {
  if (/^\s*[[{]/u.test(header)) return false
  const names = headerNames(header.replace(/^\uFEFF/u, ''))
  const count = (n: string) => names.filter((x) => x === n).length
  return count('text') === 1 && count('label') === 1 && !NOT_DOCCANO.some((n) => names.includes(n))
}

export function* decodeDoccanoCsv(lines: Iterable<SourceLine>, ctx: DecodeContext, parse: ParseLine): Iterable<DecodeItem> {
  let columns: string[] | null = null
  let index = 0
  for (const row of csvRows(lines, ',')) {
    if ('error' in row) {
      yield { error: { file: ctx.file, line: row.line, reason: row.error } }
      continue
    }
    if (!columns) {
      columns = row.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/u, '') : f).trim())
      continue
    }
    const n = ++index
    if (row.fields.length !== columns.length) {
      yield { error: { file: ctx.file, line: row.line, reason: `row ${n} has ${row.fields.length} cells, the header ${columns.length} (a quote missing or a comma too many?)` } }
      continue
    }
    const record: Record<string, unknown> = {}
    columns.forEach((column, k) => {
      const cell = row.fields[k]
      if (column === 'label') record.label = cell === '' ? [] : cell.split('#')
      else if (column === 'text') record.text = cell
      // pandas writes an empty cell for NaN (a meta field this example did not have); an id is a number.
      else if (cell !== '') record[column] = column === 'id' && /^[0-9]{1,15}$/u.test(cell) ? Number(cell) : cell
    })
    try {
      const out = parse(record, row.line)
      for (const r of Array.isArray(out) ? out : [out]) yield { record: r }
    } catch (e) {
      yield { error: lineError(ctx, e, row.line) }
    }
  }
}
