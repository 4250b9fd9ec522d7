import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../../../src/main/services/import/importFiles'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * Files saved as UTF-16 with a byte order mark, as Windows PowerShell 5 writes
 * them (`> file`, `Out-File`) and Notepad's "Unicode". The readers accept them,
 * but detection read the head as UTF-8: a Label Studio export so saved was
 * taken for JSONL and refused with 173 bogus "not valid JSON" lines, a CoNLL
 * `.txt` was imported as plain text with its tags as words, and Label Studio's
 * CSV export was "cannot tell the file's format".
 */

let opened: { close: () => void } | null = null
afterEach(() => {
  opened?.close()
  opened = null
})

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])
const utf16be = (s: string) => Buffer.from(utf16le(s).map((_, i, b) => b[i ^ 1]))
const fixtures = path.join(__dirname, '../../../fixtures/peers/labelstudio')

describe('UTF-16 files (with a BOM) are told by their content as UTF-8 ones are', () => {
  const cases: [string, string, (s: string) => Buffer, { spans: number; layers: number }][] = [
    ['tasks.json', fs.readFileSync(path.join(fixtures, 'ner_export_tasks.json'), 'utf8'), utf16le, { spans: 9, layers: 4 }],
    ['export.csv', fs.readFileSync(path.join(fixtures, 'ner_export.csv'), 'utf8'), utf16le, { spans: 9, layers: 4 }],
    ['tagged.txt', 'Kerry B-PER\nleft O\nParis B-LOC\n', utf16be, { spans: 2, layers: 1 }],
  ]
  for (const [name, content, encode, want] of cases) {
    it(`${name} (${encode === utf16le ? 'UTF-16LE' : 'UTF-16BE'})`, async () => {
      const { store, dir } = tempStore()
      opened = store
      const file = path.join(dir, name)
      fs.writeFileSync(file, encode(content))
      const report = await importFiles(store, [file], { annotator: 'alice', format: null, backup: false, addLabels: true })
      expect({ spans: report.spansAdded, layers: report.layersAdded }).toEqual(want)
    })
  }
})
