import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { seeded } from '../../../../helpers/seededRandom'
import { DIR, decode, fixture } from './tsvTestUtil'


const PIECES = ['\t', '\n', '_', '*', '|', '[', ']', '[1]', '[0_9]', '->', '\\', '-', '9', '#Text=', '😊', '']

/** One random edit of a file: a character deleted, a piece inserted, or a line repeated or dropped. */
function mutate(content: string, rnd: () => number): string {
  const at = Math.floor(rnd() * content.length)
  const kind = Math.floor(rnd() * 4)
  if (kind === 0) return content.slice(0, at) + content.slice(at + 1)
  if (kind === 1) return content.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + content.slice(at)
  const lines = content.split('\n')
  const i = Math.floor(rnd() * lines.length)
  if (kind === 2) lines.splice(i, 0, lines[i])
  else lines.splice(i, 1)
  return lines.join('\n')
}

describe('WebAnno TSV reader on randomly damaged INCEpTION files', () => {
  it('never throws: each damaged file gives a record whose spans lie in its text, or faults on lines of the file', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.tsv'))
    const rnd = seeded(38)
    let refused = 0
    for (let n = 0; n < 1500; n++) {
      const f = files[n % files.length]
      let content = fixture(f)
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) content = mutate(content, rnd)
      const lines = content.split('\n').length
      const { record, errors } = decode(content, f)
      if (record) {
        expect(errors, `${f} #${n}`).toEqual([])
        for (const s of record.spans) expect(s.start >= 0 && s.start < s.end && s.end <= record.text.length, `${f} #${n}`).toBe(true)
        for (const r of record.relations) expect(record.spans[r.head] && record.spans[r.tail], `${f} #${n}`).toBeTruthy()
      } else {
        refused++
        for (const e of errors) expect(e.line >= 1 && e.line <= lines, `${f} #${n}: ${e.line}: ${e.reason}`).toBe(true)
      }
    }
    // The edits hit the structure often enough that most files are refused, and some still read.
    expect(refused).toBeGreaterThan(300)
    expect(refused).toBeLessThan(1500)
  })
})
