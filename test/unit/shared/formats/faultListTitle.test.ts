// The failed-import list's title says what its faults are: bad lines (and in how many files), files that could
// not be read, empty files, a DocBin's bad documents. Before, it said "N bad lines" for every kind.
import { describe, expect, it } from 'vitest'
import { faultListTitle } from '../../../../src/shared/formats/faultListTitle'
import { importFaultSummary } from '../../../../src/shared/formats/importRecord'
import type { LineError } from '../../../../src/shared/formats/importRecord'

const line = (file: string, n: number): LineError => ({ file, line: n, reason: 'not valid JSON' })
const unreadable = (file: string): LineError => ({ file, line: 1, place: 'file', reason: 'not a text file (a PNG image); import UTF-8 or UTF-16 text' })
const empty = (file: string): LineError => ({ file, line: 1, place: 'file', reason: 'empty file (no records to import)' })

describe('faultListTitle', () => {
  it('names each kind of fault, and the files bad lines come from', () => {
    expect(faultListTitle([unreadable('a.png'), unreadable('b.pdf')])).toBe('2 files could not be read')
    expect(faultListTitle([line('a.jsonl', 2), line('a.jsonl', 5), line('b.jsonl', 1)])).toBe('3 bad lines in 2 files')
    expect(faultListTitle([line('a.jsonl', 2)])).toBe('1 bad line')
    expect(faultListTitle([line('a.jsonl', 2), unreadable('b.png'), empty('c.jsonl')])).toBe('1 bad line; 1 file could not be read; 1 empty file')
    expect(faultListTitle([{ file: 't.spacy', line: 1, place: 'document', reason: 'document 0: …' }])).toBe('1 bad document')
    expect(faultListTitle([empty('a.jsonl'), empty('b.txt')])).toBe('2 empty files')
  })

  it("the failed import's head calls an empty file empty, not unreadable", () => {
    expect(importFaultSummary([empty('a.jsonl')], 1)).toBe('1 empty file')
    expect(importFaultSummary([line('a.jsonl', 2), unreadable('b.png'), empty('c.jsonl')], 4)).toBe('1 bad line of 2 read and 1 unreadable file and 1 empty file')
  })
})
