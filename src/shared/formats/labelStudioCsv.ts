import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import { lineError } from './codecSupport'
import { csvRows, csvSeparator } from './csvRows'
import { isMinRegionList, taskFromJsonMin } from './labelStudioMin'
import { parseTask } from './labelStudioTasks'
import { RecordError } from './importRecord'

/**
 * Label Studio's CSV and TSV exports (label-studio-converter's
 * `convert_to_csv`, written by pandas): one row per annotation, the task's
 * data fields as columns (`text`), its `id`, a column per control tag holding
 * its regions as a JSON string (`[{"start": 0, "end": 5, "text": "Kerry",
 * "labels": ["PER"]}]`), and `annotator`, `annotation_id`, `created_at`,
 * `updated_at`, `lead_time` (and `agreement`). A row is the JSON-MIN record of
 * that annotation with its cells as strings, so it is read as one
 * (labelStudioMin.ts). Relations are not in these exports.
 */

type Obj = Record<string, unknown>

/** A header a Label Studio CSV/TSV export has: the annotation's own columns. */
export function looksLabelStudioCsv(header: string): boolean {
  const names = new Set(header.split(csvSeparator(header)).map((h) => h.trim().replace(/^"(.*)"$/u, '$1')))
  return names.has('annotation_id') && names.has('annotator') && (names.has('id') || names.has('text'))
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

/** A cell as JSON-MIN had it: ids and numbers as numbers, a control's regions as a list, the rest as strings. */
function cellValue(column: string, cell: string, regionColumns: Set<string>): unknown {
  if (regionColumns.has(column)) return parseJson(cell)
  if ((column === 'id' || column === 'annotation_id' || column === 'annotator') && /^[0-9]{1,15}$/u.test(cell)) return Number(cell)
  if (column === 'lead_time' || column === 'agreement') {
    const n = Number(cell)
    return cell !== '' && Number.isFinite(n) ? n : cell
  }
  return cell
}

export function* decodeLabelStudioCsv(lines: SourceLine[], ctx: DecodeContext): Iterable<DecodeItem> {
  const first = lines.find((l) => l.raw.trim() !== '')
  if (!first) return
  const sep = csvSeparator(first.raw)
  // Two passes over the lines, neither holding the rows: the first finds the controls' columns.
  let columns: string[] = []
  // A control's column: one holding a non-empty list of text regions in some row ([] in the rows without).
  const regionColumns = new Set<string>()
  let atHeader = true
  for (const row of csvRows(lines, sep)) {
    if (atHeader) {
      if ('error' in row) return
      columns = row.fields
      atHeader = false
      continue
    }
    if ('error' in row) continue
    row.fields.forEach((cell, i) => {
      if (columns[i] !== undefined && !regionColumns.has(columns[i]) && cell.startsWith('[') && isMinRegionList(parseJson(cell))) regionColumns.add(columns[i])
    })
  }
  let index = 0
  let header = true
  for (const row of csvRows(lines, sep)) {
    if (header) {
      header = false
      continue
    }
    if ('error' in row) {
      yield { error: { file: ctx.file, line: row.line, reason: row.error } }
      continue
    }
    const i = index++
    if (row.fields.length !== columns.length) {
      yield { error: { file: ctx.file, line: row.line, reason: `row ${i + 1} has ${row.fields.length} cells, the header ${columns.length} (a quote missing or a separator too many?)` } }
      continue
    }
    const attempt = (newline: string) => {
      const min: Obj = {}
      columns.forEach((column, k) => {
        const cell = row.fields[k].replace(/\n/gu, newline)
        // pandas writes an empty cell for a field a task did not have (NaN).
        if (cell === '' && column !== 'text') return
        const v = cellValue(column, cell, regionColumns)
        if (regionColumns.has(column) && !Array.isArray(v)) throw new RecordError(`row ${i + 1}, column ${JSON.stringify(column)}: not a JSON list of regions`)
        if (!(Array.isArray(v) && v.length === 0 && regionColumns.has(column))) min[column] = v
      })
      const task = taskFromJsonMin(min)
      return parseTask(task, i, row.line, ctx.unit)
    }
    try {
      let records
      try {
        records = attempt('\n')
      } catch (e) {
        // A field over several lines lost its \r\n to the line split: the regions' texts tell which it was.
        if (!(e instanceof RecordError) || !row.multiline) throw e
        try {
          records = attempt('\r\n')
        } catch {
          throw e
        }
      }
      for (const record of records) yield { record }
    } catch (e) {
      yield { error: lineError(ctx, e, row.line) }
    }
  }
}
