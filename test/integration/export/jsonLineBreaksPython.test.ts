// Every JSON export read by Python code that splits the file with
// str.splitlines() (test/helpers/python/read_json_splitlines.py): NEL, U+2028
// and U+2029 in a text must not cut a line.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])

const TEXT = 'Kerry\u2028met\u0085Mary\u2029in Paris.'
const FORMATS: [FormatName, 'lines' | 'array'][] = [
  ['jsonl', 'lines'], ['doccano', 'lines'], ['doccano-rel', 'lines'], ['spacy', 'array'], ['spacy-jsonl', 'lines'],
  ['prodigy', 'lines'], ['labelstudio', 'array'], ['hf', 'lines'],
]

describe.skipIf(missing)(`JSON exports read with str.splitlines()${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('a text with NEL, U+2028 and U+2029 is one line of each JSONL export and reads back whole', async () => {
    const { store, dir } = tempStore()
    const line = { id: 'a', text: TEXT, annotator: 'ann', spans: [{ start: 0, end: 9, label: 'PER' }, { start: 10, end: 14, label: 'PER' }] }
    fs.writeFileSync(path.join(dir, 'in.jsonl'), JSON.stringify(line) + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true })
    const read: Record<string, unknown> = {}
    for (const [format, kind] of FORMATS) {
      const file = path.join(dir, `out-${format}`)
      await exportDataset(store, file, { format, annotator: 'ann' })
      const got = runPythonConsumer<{ values?: unknown[]; error?: string }>('read_json_splitlines.py', [file, kind])
      // hf rows are sentences, how many is the tokenizer's business.
      read[format] = got.error ?? (format === 'hf' ? 'read' : got.values!.length)
      // The text itself comes back whole (hf keeps tokens only).
      if (!got.error && format !== 'hf') expect(JSON.stringify(got.values)).toContain(JSON.stringify(TEXT).slice(1, -1))
    }
    expect(read).toEqual({ jsonl: 1, doccano: 1, 'doccano-rel': 1, spacy: 1, 'spacy-jsonl': 1, prodigy: 1, labelstudio: 1, hf: 'read' })
  })
})
