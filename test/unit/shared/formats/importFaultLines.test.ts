// A failed import counts bad lines, not faults: a line with two bad labels is one bad line of the lines read,
// and both its faults are still listed. Before, the head said "2 bad lines of 2 read" for one bad line.
import { describe, expect, it } from 'vitest'
import { faultListTitle } from '../../../../src/shared/formats/faultListTitle'
import { faultPlaces, importFaultSummary } from '../../../../src/shared/formats/importRecord'
import type { LineError } from '../../../../src/shared/formats/importRecord'

const label = (file: string, n: number, name: string): LineError => ({ file, line: n, reason: `label "${name}" is not an entity label in the schema` })
const doc = (file: string, n: number): LineError => ({ file, line: n, place: 'document', reason: `document ${n - 1}: a span outside the text` })
const unreadable = (file: string): LineError => ({ file, line: 1, place: 'file', reason: 'not a text file (a PNG image)' })

describe('import fault counts', () => {
  it('two faults of one line are one bad line; the same line number in another file is another line', () => {
    const errors = [label('a.jsonl', 1, 'NOPE'), label('a.jsonl', 1, 'NADA'), label('b.jsonl', 1, 'NOPE')]
    expect(faultPlaces(errors)).toBe(2)
    expect(importFaultSummary(errors.slice(0, 2), 2)).toBe('1 bad line of 2 read')
    expect(importFaultSummary(errors, 4)).toBe('2 bad lines of 4 read')
    expect(faultListTitle(errors.slice(0, 2))).toBe('1 bad line')
    expect(faultListTitle(errors)).toBe('2 bad lines in 2 files')
  })

  it("a DocBin document's two faults are one bad document; a file with two faults is one file", () => {
    expect(importFaultSummary([doc('t.spacy', 1), doc('t.spacy', 1), doc('t.spacy', 3)], 3)).toBe('2 bad documents of 3 read')
    expect(faultListTitle([doc('t.spacy', 1), doc('t.spacy', 1)])).toBe('1 bad document')
    expect(faultListTitle([unreadable('a.png'), unreadable('a.png')])).toBe('1 file could not be read')
    expect(importFaultSummary([unreadable('a.png'), unreadable('a.png'), label('b.jsonl', 2, 'X')], 3)).toBe('1 bad line of 2 read and 1 unreadable file')
  })
})
