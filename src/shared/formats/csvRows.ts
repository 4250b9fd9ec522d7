import type { SourceLine } from './formatCodec'

/**
 * RFC 4180 rows, read from lines the import already split on \n (each line's
 * \r dropped): a field in double quotes may hold the separator, `""` for a
 * quote, and line breaks, joined back here with \n. Lenient where Python's
 * csv module and pandas are (a quote inside an unquoted field is kept as it
 * is), so what they write reads back. Hand-written because src/shared takes no
 * new dependency and the formats' reader sees lines, not a byte stream.
 */
export type CsvRow = { line: number; fields: string[]; multiline: boolean } | { line: number; error: string }

export function* csvRows(lines: Iterable<SourceLine>, sep: CsvSeparator): Iterable<CsvRow> {
  let fields: string[] = []
  let field = ''
  let quoted = false // inside a quoted field
  let start = 0 // the line a row in progress began on
  let multiline = false
  for (const { line, raw } of lines) {
    if (!quoted) {
      if (raw === '' && fields.length === 0 && field === '') continue // blank lines between rows
      start = line
      multiline = false
    } else {
      field += '\n'
      multiline = true
    }
    let i = 0
    let atFieldStart = !quoted && field === ''
    while (i < raw.length) {
      const c = raw[i]
      if (quoted) {
        if (c === '"') {
          if (raw[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          quoted = false
          i++
          continue
        }
        field += c
        i++
        continue
      }
      if (c === '"' && atFieldStart) {
        quoted = true
        atFieldStart = false
        i++
        continue
      }
      if (c === sep) {
        fields.push(field)
        field = ''
        atFieldStart = true
        i++
        continue
      }
      field += c
      atFieldStart = false
      i++
    }
    if (quoted) continue
    fields.push(field)
    yield { line: start, fields, multiline }
    fields = []
    field = ''
  }
  if (quoted) yield { line: start, error: 'a quoted field is not closed before the end of the file (a " is missing)' }
}

export type CsvSeparator = ',' | '\t' | ';'

/**
 * The separator of a header line, outside quotes: a tab or a semicolon when the line has that and no comma
 * (Excel writes `;` where the decimal mark is a comma, as in German or French settings), else a comma.
 */
export function csvSeparator(header: string): CsvSeparator {
  const outside = header.replace(/"[^"]*"/gu, '')
  if (outside.includes(',')) return ','
  return outside.includes('\t') ? '\t' : outside.includes(';') ? ';' : ','
}
