// A JSONL line with two labels the schema lacks: the failed import says "1 bad line of 2 read" and lists both
// faults (before: "2 bad lines of 2 read"). The same through "Skip invalid records": 1 of 2 rejected.
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { AppError } from '../../../../../src/shared/api/errors'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../../helpers/tempWorkspace'

it('a line with two bad labels is one bad line of the lines read, both faults listed', async () => {
  const { store, dir } = tempStore()
  const file = path.join(dir, 'two.jsonl')
  const bad = { id: 'a', text: 'Kerry met Michel', annotator: 'x', spans: [{ start: 0, end: 5, label: 'NOPE' }, { start: 10, end: 16, label: 'NADA' }] }
  fs.writeFileSync(file, `${JSON.stringify(bad)}\n${JSON.stringify({ id: 'b', text: 'ok', annotator: 'x', spans: [] })}\n`)
  const e = await importFiles(store, [file], { annotator: null, addLabels: false }).then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AppError)
  const lines = (e as AppError).message.split('\n')
  expect(lines[0]).toBe('import failed: 1 bad line of 2 read; nothing was imported')
  expect(lines.slice(1).map((l) => l.replace(dir, ''))).toEqual([expect.stringMatching(/^\/two\.jsonl:1: .*"NOPE"/), expect.stringMatching(/^\/two\.jsonl:1: .*"NADA"/)])
  const report = await importFiles(store, [file], { annotator: null, addLabels: false, skipInvalid: true })
  expect([report.imported, report.rejected, report.linesRead, report.errors.length]).toEqual([1, 1, 2, 2])
})
