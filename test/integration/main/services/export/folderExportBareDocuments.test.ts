// A brat or txt export without a filter writes every document, also the ones no layer touched (brat: an empty
// .ann). Its report must not also say those documents were left out (it did: "left out 1 document(s): they have
// no layer at all", beside the very files it had written).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { tempDir } from '../../../../helpers/tempWorkspace'

function corpus(dir: string): string {
  const folder = path.join(dir, 'corpus')
  fs.mkdirSync(folder)
  fs.writeFileSync(path.join(folder, 'a.txt'), 'Kerry met Michel in Brussels.')
  fs.writeFileSync(path.join(folder, 'a.ann'), 'T1\tPERSON 0 5\tKerry\n')
  fs.writeFileSync(path.join(folder, 'b.txt'), 'Nobody labelled this one.')
  return folder
}

describe('folder exports write the documents no layer touched, and do not report them as left out', () => {
  for (const format of ['brat', 'txt'] as const) {
    it(`${format}: every document is written and nothing is said to be left out`, async () => {
      const dir = tempDir()
      const db = path.join(dir, 'w.spanwright')
      expect((await cliInProcess(['import', corpus(dir), '--db', db, '--annotator', 'ann'])).code).toBe(0)
      const out = path.join(dir, `out-${format}`)
      const r = await cliInProcess(['export', '--db', db, '--format', format, '--out', out])
      expect(r.code).toBe(0)
      expect(fs.readFileSync(path.join(out, 'b.txt'), 'utf8')).toContain('Nobody labelled this one.')
      if (format === 'brat') expect(fs.readFileSync(path.join(out, 'b.ann'), 'utf8')).toBe('')
      expect(r.errors.filter((l) => l.startsWith('left out'))).toEqual([])
    })
  }

  it('a one-file format still reports the document no layer touched as left out', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'w.spanwright')
    expect((await cliInProcess(['import', corpus(dir), '--db', db, '--annotator', 'ann'])).code).toBe(0)
    const r = await cliInProcess(['export', '--db', db, '--format', 'jsonl', '--out', path.join(dir, 'x.jsonl')])
    expect(r.code).toBe(0)
    expect(r.errors.some((l) => l.startsWith('left out 1 document') && l.includes('no layer at all'))).toBe(true)
    expect(fs.readFileSync(path.join(dir, 'x.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1)
  })
})
