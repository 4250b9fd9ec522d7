// doccano's JSON export is one array on one line (pandas to_json): past 16 MiB the line guard, meant for formats with
// one record a line, refused it. A doccano file that starts with `[` is one value, held whole up to the bound Label
// Studio and spaCy arrays have; a doccano JSONL line is still refused past 16 MiB, unparsed.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { wholeValueTuning } from '../../../../../src/main/services/import/readFiles'
import { DEFAULT_MAX_LINE_CHARS } from '../../../../../src/main/services/import/lineReader'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = 'EU rejects German call to boycott British lamb.'
const rows = [
  { id: 1, text: TEXT, label: [[0, 2, 'ORG']] },
  { id: 2, text: 'Peter Blackburn', label: [[0, 15, 'PERSON']] },
]
/** Padding between the records (JSON whitespace) takes the one line past the line guard without a big store. */
const pad = ' '.repeat(DEFAULT_MAX_LINE_CHARS + 1024)

describe('a doccano JSON export on one line longer than the 16 MiB line guard', () => {
  it('imports with --format doccano', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'export.json')
    fs.writeFileSync(file, `[${JSON.stringify(rows[0])},${pad}${JSON.stringify(rows[1])}]`)
    const r = await importFiles(store, [file], { annotator: 'alice', format: 'doccano', addLabels: true, backup: false })
    expect([r.documentsAdded, r.spansAdded]).toEqual([2, 2])
    expect(store.documents.byExternalId('1')?.text).toBe(TEXT)
    store.close()
  })

  it('a JSONL line that long is still refused unparsed, naming its line; the other lines import', async () => {
    const { store, dir } = tempStore()
    const file = path.join(dir, 'export.jsonl')
    fs.writeFileSync(file, `${JSON.stringify(rows[0])}\n{"id": 2, ${pad}"text": "x"}\n`)
    const r = await importFiles(store, [file], { annotator: 'alice', format: 'doccano', addLabels: true, skipInvalid: true, backup: false })
    expect(r.documentsAdded).toBe(1)
    expect(r.errors.map((e) => [e.line, e.reason.replace(/\(.*\)/, '(…)')])).toEqual([[2, 'the line is too long to import (…); it was not parsed']])
    store.close()
  })

  it('past the whole-value bound, the fault says the file is one JSON value and what to do', async () => {
    const { store, dir } = tempStore()
    const saved = wholeValueTuning.maxChars
    wholeValueTuning.maxChars = 1024 * 1024 // the bound lowered, as a file over 256 MiB would meet it
    try {
      const file = path.join(dir, 'export.json')
      fs.writeFileSync(file, `[${JSON.stringify(rows[0])},${' '.repeat(2 * 1024 * 1024)}${JSON.stringify(rows[1])}]`)
      await expect(importFiles(store, [file], { annotator: 'alice', format: 'doccano', addLabels: true, backup: false })).rejects.toThrow(
        `${file}:1: the file is one JSON value, and this line of it is longer than the 1 MiB the import holds at once; not parsed: split it, or write one record a line (jq -c '.[]' FILE > FILE.jsonl), which doccano reads too, and import those`,
      )
      const tasks = path.join(dir, 'tasks.json')
      fs.writeFileSync(tasks, `[{"data": {"text": "${'x'.repeat(2 * 1024 * 1024)}"}}]`)
      await expect(importFiles(store, [tasks], { annotator: 'alice', format: 'labelstudio', backup: false })).rejects.toThrow(/not parsed: split the array into several files, and import those/)
      expect(store.documents.count()).toBe(0)
    } finally {
      wholeValueTuning.maxChars = saved
      store.close()
    }
  })
})
