import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvRows, csvSeparator } from '../../../../src/shared/formats/csvRows'

/**
 * The CSV reader against a writer that quotes as Python's csv module and
 * pandas do (QUOTE_MINIMAL: a field holding the separator, a quote or a line
 * break is quoted, quotes doubled; a row of one empty field is written `""`).
 * Whatever the cells, the rows come back, and each row says the line it began on.
 */

const cell = fc.stringMatching(/^[a-z "',;\t\n\u00e9😀]{0,8}$/u)
const write = (rows: string[][], sep: string) =>
  rows
    .map((r) => (r.length === 1 && r[0] === '' ? '""' : r.map((c) => (c.includes(sep) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/gu, '""')}"` : c)).join(sep)))
    .join('\n')

describe('csvRows', () => {
  for (const sep of [',', '\t', ';'] as const) {
    it(`reads back what a QUOTE_MINIMAL writer wrote (separator ${JSON.stringify(sep)})`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
          const text = write(rows, sep)
          const lines = text.split('\n').map((raw, i) => ({ line: i + 1, raw }))
          const got = [...csvRows(lines, sep)]
          expect(got.map((r) => ('fields' in r ? r.fields : r.error))).toEqual(rows)
          // Each row starts on the line after the previous row's last line.
          let next = 1
          got.forEach((r, i) => {
            expect(r.line).toBe(next)
            next += write([rows[i]], sep).split('\n').length
          })
        }),
        { numRuns: 150 },
      )
    })
  }

  it('tells the separator from the header', () => {
    expect(csvSeparator('text,id,"a;b"')).toBe(',')
    expect(csvSeparator('text\tid\t"a,b"')).toBe('\t')
    expect(csvSeparator('text;id;"a,b"')).toBe(';')
  })
})
