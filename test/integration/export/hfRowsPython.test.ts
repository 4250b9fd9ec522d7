// The Hugging Face export as Python reads it (test/helpers/python/read_hf_rows.py):
// a document two annotators labelled is two sets of rows, each row's id unique.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])

const TEXT = "Dr. Smith met Mary-Jane Watson's friend in the U.S. yesterday.\r\nThen Zoe\u0301 left 😀."
const span = (s: string, label: string) => ({ start: [...TEXT.slice(0, TEXT.indexOf(s))].length, end: [...TEXT.slice(0, TEXT.indexOf(s) + s.length)].length, label })

describe.skipIf(missing)(`hf export, read by Python${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('a document two annotators labelled: unique ids, equal lengths, valid BIO, each annotator\'s tags', async () => {
    const { store, dir } = tempStore()
    const lines = [
      { id: 'a', text: TEXT, annotator: 'ann', spans: [span('Dr. Smith', 'PER'), span('Smith', 'PER'), span('U.S.', 'GPE')] },
      { id: 'a', text: TEXT, annotator: 'bob', spans: [span("Mary-Jane Watson's", 'PER'), span('Zoe\u0301', 'PER')] },
      // its rows were a#bob#0, as bob's first rows of document a (hfRowIds)
      { id: 'a#bob', text: 'Nothing here.', annotator: 'ann', spans: [] },
      { id: 'b', text: 'Nothing here.', annotator: 'ann', spans: [] },
    ]
    lines.forEach((l, i) => fs.writeFileSync(path.join(dir, `in${i}.jsonl`), JSON.stringify(l) + '\n'))
    await importFiles(store, lines.map((_, i) => path.join(dir, `in${i}.jsonl`)), { annotator: null, addLabels: true })
    const file = path.join(dir, 'out.jsonl')
    await exportDataset(store, file, { format: 'hf' })
    const { rows, problems } = runPythonConsumer<{ rows: { id: string; document: string; ner_tags: string[] }[]; problems: string[] }>('read_hf_rows.py', [file])
    expect(problems).toEqual([])
    expect(rows.map((r) => r.document)).toEqual(['a', 'a', 'a', 'a', 'a#bob', 'b'])
    expect(rows.map((r) => r.id)).toEqual(['a#0', 'a#1', 'a#bob#0', 'a#bob#1', 'a%23bob#0', 'b#0'])
    expect(rows.map((r) => r.ner_tags.filter((t) => t.startsWith('B-')).length)).toEqual([2, 0, 1, 1, 0, 0])
  })
})
