import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { seeded } from '../../../../helpers/seededRandom'
import { checkDamagedFiles, DIR, decode, fixture } from './tsvTestUtil'

const PIECES = ['\t', '\n', '_', '*', '|', '[', ']', '[1]', '[0_9]', '->', '\\', '-', '9', '#Text=', '😊', '']

describe('WebAnno TSV reader on randomly damaged INCEpTION files', () => {
  it('never throws: each damaged file gives a record whose spans lie in its text, or faults on lines of the file', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.tsv')).map((name) => ({ name, content: fixture(name) }))
    const refused = checkDamagedFiles(files, 1500, seeded(38), PIECES, ({ content, name: f, round: n, lines }) => {
      const { record, errors } = decode(content, f)
      if (record) {
        expect(errors, `${f} #${n}`).toEqual([])
        for (const s of record.spans) expect(s.start >= 0 && s.start < s.end && s.end <= record.text.length, `${f} #${n}`).toBe(true)
        for (const r of record.relations) expect(record.spans[r.head] && record.spans[r.tail], `${f} #${n}`).toBeTruthy()
        return false
      }
      for (const e of errors) expect(e.line >= 1 && e.line <= lines, `${f} #${n}: ${e.line}: ${e.reason}`).toBe(true)
      return true
    })
    // The edits hit the structure often enough that most files are refused, and some still read.
    expect(refused).toBeGreaterThan(300)
    expect(refused).toBeLessThan(1500)
  })
})
