import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../src/main/services/import/importFiles'
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

async function importOne(name: string, content: string, format: 'spacy' | 'labelstudio' | 'jsonl' | null) {
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
})
