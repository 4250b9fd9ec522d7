import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { wholeValueTuning } from '../../../../src/main/services/import/readFiles'
import { DEFAULT_MAX_LINE_CHARS } from '../../../../src/main/services/import/lineReader'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * A file that is ONE JSON value written on one line: what `json.dump(TRAIN_DATA, f)` writes for spaCy's
 * training tuples, and Label Studio's export through its API. The import refused any line over 16 MiB, a
 * guard meant for formats with one record a line, so a 22 MB spaCy file was "the line is too long to
 * import" and nothing else could read it. Those formats read the whole file as one value anyway; their
 * lines may now be as long as the file (up to 256 MiB); one-record-a-line formats keep the guard.
 * (The padding is whitespace between the array's items, which JSON allows.)
 */

let opened: { close: () => void } | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

const PAD = ' '.repeat(DEFAULT_MAX_LINE_CHARS + 1024)

async function importOne(name: string, content: string, format: 'spacy' | 'labelstudio' | 'jsonl' | 'doccano' | null) {
  const { store, dir } = tempStore()
  opened = store
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return importFiles(store, [file], { annotator: 'alice', format, backup: false, addLabels: true })
}

describe('one JSON value on one line longer than 16 MiB', () => {
  it('a spaCy training file (json.dump of the tuples)', async () => {
    const r = await importOne('train.json', `[["Kerry met Michel", {"entities": [[0, 5, "PER"]]}],${PAD}["Paris", {"entities": [[0, 5, "LOC"]]}]]`, null)
    expect(r.spansAdded).toBe(2)
  })

  it('a Label Studio export', async () => {
    const task = (id: number, text: string, label: string) => ({ id, data: { text }, annotations: [{ id, completed_by: 1, result: [{ from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 5, text: text.slice(0, 5), labels: [label] } }] }] })
    const r = await importOne('export.json', `[${JSON.stringify(task(1, 'Kerry left', 'PER'))},${PAD}${JSON.stringify(task(2, 'Paris', 'LOC'))}]`, 'labelstudio')
    expect(r.spansAdded).toBe(2)
  })

  it('a JSONL line that long is still refused unparsed, naming the line', async () => {
    await expect(importOne('big.jsonl', `{"id": "a", "text": "x"}\n{"id": "b",${PAD}"text": "y"}\n`, 'jsonl')).rejects.toThrow(/big\.jsonl:2: the line is too long to import/u)
  })

  // doccano's JSON export (pandas to_json: its JSONL records as one array on one line); its JSONL keeps the guard.
  const doccano = [
    { id: 1, text: 'EU rejects German call to boycott British lamb.', label: [[0, 2, 'ORG']] },
    { id: 2, text: 'Peter Blackburn', label: [[0, 15, 'PERSON']] },
  ]
  it('a doccano JSON export, with --format doccano; a doccano JSONL line that long is still refused', async () => {
    const r = await importOne('export.json', `[${JSON.stringify(doccano[0])},${PAD}${JSON.stringify(doccano[1])}]`, 'doccano')
    expect([r.documentsAdded, r.spansAdded]).toEqual([2, 2])
    await expect(importOne('export.jsonl', `${JSON.stringify(doccano[0])}\n{"id": 2,${PAD}"text": "x"}\n`, 'doccano')).rejects.toThrow(/export\.jsonl:2: the line is too long to import/u)
  })

  it('past the whole-value bound, the fault says the file is one JSON value and what to do', async () => {
    const saved = wholeValueTuning.maxChars
    wholeValueTuning.maxChars = 1024 * 1024 // lowered: a file over 256 MiB meets the real bound the same way
    try {
      const big = `[${JSON.stringify(doccano[0])},${' '.repeat(2 * 1024 * 1024)}${JSON.stringify(doccano[1])}]`
      await expect(importOne('export.json', big, 'doccano')).rejects.toThrow(
        /export\.json:1: the file is one JSON value, and this line of it is longer than the 1 MiB the import holds at once; not parsed: split it, or write one record a line \(jq -c '\.\[\]' FILE > FILE\.jsonl\), which doccano reads too, and import those/u,
      )
      const tasks = `[{"data": {"text": "${'x'.repeat(2 * 1024 * 1024)}"}}]`
      await expect(importOne('tasks.json', tasks, 'labelstudio')).rejects.toThrow(/tasks\.json:1: .*not parsed: split the array into several files, and import those/u)
    } finally {
      wholeValueTuning.maxChars = saved
    }
  })
})
