// The brat export as Python standoff readers read it
// (test/helpers/python/read_brat_ann.py: str.splitlines(), split('\t', 2)):
// a span whose text holds a line boundary Python knows must stay one line.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])

// Python's str.splitlines() breaks at \v \f \x1c \x1d \x1e \x85 \u2028 \u2029 too.
const BREAKS = ['\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']
const TEXT = BREAKS.map((b, i) => `w${i}${b}x${i}`).join(' ')

describe.skipIf(missing)(`brat export, .ann read with str.splitlines()${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('a span over each kind of line boundary is one T line, its offsets on the .txt', async () => {
    const { store, dir } = tempStore()
    const spans = BREAKS.map((b, i) => {
      const start = TEXT.indexOf(`w${i}${b}`)
      return { start, end: start + `w${i}${b}x${i}`.length, label: 'X' }
    })
    fs.writeFileSync(path.join(dir, 'in.jsonl'), JSON.stringify({ id: 'a', text: TEXT, annotator: 'ann', offsets: 'utf16', spans }) + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true })
    const out = path.join(dir, 'brat')
    await exportDataset(store, out, { format: 'brat', annotator: 'ann' })
    const got = runPythonConsumer<{ spans: { frags: [number, number][]; text: string }[]; problems: string[] }>('read_brat_ann.py', [path.join(out, 'a.ann'), path.join(out, 'a.txt')])
    expect(got.problems).toEqual([])
    expect(got.spans.map((s) => s.frags)).toEqual(spans.map((s) => [[s.start, s.end]]))
    expect(got.spans.map((s) => s.text)).toEqual(BREAKS.map((_, i) => `w${i} x${i}`))
  })
})
