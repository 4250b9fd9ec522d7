import type { DecodeContext, DecodeItem, SourceLine } from './formatCodec'
import type { ImportRecord } from './importRecord'
import { lineError } from './codecSupport'
import { csvRows } from './csvRows'
import { decodeDoccano10Csv } from './doccano10Csv'

/**
 * doccano's CSV export (text classification and sequence to sequence projects; doccano 1.x's
 * `data_export/pipeline`: `JoinedCategoryFormatter` then pandas `to_csv(index=False)`): a header
 * `id,text,<meta fields…>,label,Comments`, one row per example, `label` the category names sorted and
 * joined by `#` (empty when none), `Comments` the comments joined the same way. doccano 1.2 to 1.5
 * (`data_export/writers.py` `CsvWriter`, Python's csv.DictWriter) wrote `id,data,label,<meta fields…>`.
 * Each row is read as the JSONL record doccano writes for the same example (`label` a list of names), so
 * its categories land in meta exactly as the JSONL export's do (doccano.ts `categoryLine`), and the other
 * columns are kept. A label name holding `#` cannot be told from two names: doccano writes it so, and it
 * reads back as two. doccano 1.0's CSV (a row per annotation) is read by doccano10Csv.ts.
 *
 * Detection is strict: a CSV is doccano's only when its header and its first rows have doccano's shape.
 * A `label` column holding sentences (doccano's sequence-to-sequence CSV, or another tool's text pairs)
 * or class numbers without an `id` column (a Hugging Face dataset's CSV), or columns of another tool's
 * (Prodigy's, span offsets), is refused with the line and why, never read as categories.
 */

type ParseLine = (json: unknown, line: number) => ImportRecord | ImportRecord[]

/** What a CSV header is: doccano 1.x's export (its text column), doccano 1.0's row per annotation, another tool's (why), or none. */
export type DoccanoCsvHeader = { kind: 'doccano'; text: 'text' | 'data' } | { kind: 'doccano-1.0' } | { kind: 'other'; reason: string } | null

/** Columns no doccano CSV has, that name the tool (or the kind of data) a CSV comes from. */
const FOREIGN: [string[], string][] = [
  [['_input_hash', '_task_hash', '_view_id', '_session_id', 'answer'], "Prodigy's"],
  [['annotation_id', 'annotator', 'lead_time'], "Label Studio's"],
  [['start_offset', 'end_offset', 'start', 'end', 'spans', 'entities', 'tokens', 'ner_tags'], 'span or token'],
]

/** The column names of a header line (pandas `to_csv` and Python's csv module, as doccano calls them, write commas). */
export function csvHeaderNames(header: string): string[] {
  return header
    .replace(/^\uFEFF/u, '')
    .split(',')
    .map((h) => h.trim().replace(/^"(.*)"$/u, '$1'))
}

export function doccanoCsvHeader(header: string): DoccanoCsvHeader {
  if (/^\s*[[{]/u.test(header)) return null
  const names = csvHeaderNames(header)
  const count = (n: string) => names.filter((x) => x === n).length
  const text = count('text') === 1 ? 'text' : count('text') === 0 && count('data') === 1 ? 'data' : null
  if (!text || count('label') !== 1) return null
  // doccano 1.0 (`CSVPainter`): the document's fields and one annotation's (`label` id, `user` id) on each row.
  if (text === 'text' && names.includes('user') && names.includes('id') && !names.includes('annotator')) return { kind: 'doccano-1.0' }
  for (const [columns, whose] of FOREIGN) {
    const found = columns.filter((c) => names.includes(c))
    if (found.length) {
      return {
        kind: 'other',
        reason:
          `a CSV with ${text} and label columns, but also ${whose} column${found.length > 1 ? 's' : ''} ${found.join(', ')}: not doccano's CSV export ` +
          `(id, text, its meta fields, label, Comments); import the other tool's JSON export, or pass --format doccano to read its rows as doccano's categories anyway`,
      }
    }
  }
  return { kind: 'doccano', text }
}

/** A header doccano's CSV export (1.x) writes, by its header alone (the rows are judged by sniffDoccanoCsv). */
export function looksDoccanoCsv(header: string): boolean {
  return doccanoCsvHeader(header)?.kind === 'doccano'
}

/**
 * Why a `label` cell is not category names, or null: a name longer than a label is, spanning lines, or a
 * sentence (five words or more, or a few words ending with a full stop, a question or an exclamation mark).
 */
export function freeTextLabel(cell: string): string | null {
  for (const name of cell.split('#')) {
    const n = name.trim()
    if (n.length > 100) return `a ${n.length}-character text`
    if (/[\r\n]/u.test(n)) return 'a text spanning lines'
    const words = n.split(/\s+/u).filter(Boolean).length
    if (words >= 5 || (words >= 2 && /[.!?…。！？]$/u.test(n))) return `a sentence (${JSON.stringify(n.length > 40 ? `${n.slice(0, 40)}…` : n)})`
  }
  return null
}

const FREE_TEXT =
  "not category names: doccano's CSV export is read for text classification only (a sequence-to-sequence project's CSV, or another tool's pairs of texts, holds answers there); import such a file as plain text, or export the project from doccano as JSONL"

/** Lines of a head as the line reader gives them (a head cut mid-line drops its last line). */
function headLines(body: string, truncated: boolean): SourceLine[] {
  const lines = body.split('\n')
  if (truncated && lines.length > 1) lines.pop()
  return lines.map((raw, i) => ({ line: i + 1, raw: raw.endsWith('\r') ? raw.slice(0, -1) : raw }))
}

/**
 * A .csv's format by its header and first rows (up to `max`): doccano (1.x or 1.0), a refusal with the line
 * that decided it, or null when it is no doccano CSV at all (the caller says it cannot tell).
 */
export function sniffDoccanoCsv(body: string, truncated: boolean, max = 50): { format: 'doccano' } | { format: null; line: number; reason: string } | null {
  const lines = headLines(body, truncated)
  const first = lines.find((l) => l.raw.trim() !== '')
  const header = first ? doccanoCsvHeader(first.raw) : null
  if (!header || !first) return null
  if (header.kind === 'other') return { format: null, line: first.line, reason: header.reason }
  let columns: string[] | null = null
  let rows = 0
  let numbers = 0
  for (const row of csvRows(lines, ',')) {
    if ('error' in row) break
    if (!columns) {
      columns = row.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/u, '') : f).trim())
      continue
    }
    if (rows++ >= max) break
    const cell = row.fields[columns.indexOf('label')]
    if (cell === undefined) continue // a row of the wrong width: the reader names it
    if (header.kind === 'doccano-1.0') {
      if (cell !== '' && !/^[0-9]{1,15}$/u.test(cell)) return { format: null, line: row.line, reason: `doccano 1.0's CSV holds label ids in its label column, not ${JSON.stringify(cell.slice(0, 40))}; pass --format if this is another tool's file` }
      continue
    }
    const free = freeTextLabel(cell)
    if (free) return { format: null, line: row.line, reason: `the label column holds ${free}, ${FREE_TEXT}` }
    if (/^-?[0-9]+$/u.test(cell)) numbers++
  }
  // Class numbers and no id column: a Hugging Face dataset's `to_csv` (its ClassLabel indices; the names are not in the file).
  if (header.kind === 'doccano' && columns && !columns.includes('id') && rows > 0 && numbers === rows) {
    return {
      format: null,
      line: first.line,
      reason:
        "text and label columns, the labels all numbers and no id column: class numbers as a Hugging Face dataset's CSV writes them (the label names are not in the file), not doccano's CSV export (which starts with id and holds label names); write the names into the label column, or pass --format doccano to keep the numbers as names",
    }
  }
  return { format: 'doccano' }
}

export function* decodeDoccanoCsv(lines: Iterable<SourceLine>, ctx: DecodeContext, parse: ParseLine): Iterable<DecodeItem> {
  let columns: string[] | null = null
  let index = 0
  const rows = csvRows(lines, ',')
  for (const row of rows) {
    if ('error' in row) {
      yield { error: { file: ctx.file, line: row.line, reason: row.error } }
      continue
    }
    if (!columns) {
      columns = row.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/u, '') : f).trim())
      if (doccanoCsvHeader(row.fields.join(','))?.kind === 'doccano-1.0') return yield* decodeDoccano10Csv(columns, rows, ctx, parse)
      continue
    }
    const n = ++index
    if (row.fields.length !== columns.length) {
      yield { error: { file: ctx.file, line: row.line, reason: `row ${n} has ${row.fields.length} cells, the header ${columns.length} (a quote missing or a comma too many?)` } }
      continue
    }
    const record: Record<string, unknown> = {}
    let fault: string | null = null
    const textColumn = columns.includes('text') ? 'text' : 'data'
    columns.forEach((column, k) => {
      const cell = row.fields[k]
      if (column === 'label') {
        const free = freeTextLabel(cell)
        if (free) fault = `the label cell holds ${free}, ${FREE_TEXT}`
        record.label = cell === '' ? [] : cell.split('#')
      } else if (column === textColumn) record.text = cell
      // pandas writes an empty cell for NaN (a meta field this example did not have); an id is a number.
      else if (cell !== '') record[column] = column === 'id' && /^[0-9]{1,15}$/u.test(cell) ? Number(cell) : cell
    })
    if (fault) {
      yield { error: { file: ctx.file, line: row.line, reason: fault } }
      continue
    }
    try {
      const out = parse(record, row.line)
      for (const r of Array.isArray(out) ? out : [out]) yield { record: r }
    } catch (e) {
      yield { error: lineError(ctx, e, row.line) }
    }
  }
}
