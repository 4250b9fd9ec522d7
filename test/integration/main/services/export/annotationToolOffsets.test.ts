// `--offsets utf16` must not make a file its tool misreads. doccano (a Python server: doccano/doccano#99) and Label
// Studio (code points since HumanSignal/label-studio#1559 / label-studio-frontend#308; #4988: the exported offsets
// of 1.9.1 are code points) count characters, as the Python that reads their exports does. With --offsets utf16 the
// doccano, doccano-rel and labelstudio exports wrote UTF-16 offsets, so after an emoji every span was one character
// later per astral character ('Michel' read as 'ichel '). They now write code points whatever --offsets says, and
// the report says so, as brat, spaCy and Prodigy do.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../../../helpers/pythonConsumer'
import { tempStore } from '../../../../helpers/tempWorkspace'

const TEXT = '😀👍 Kerry met Michel in 🇫🇷 Paris'
const at = (w: string, label: string) => ({ start: TEXT.indexOf(w), end: TEXT.indexOf(w) + w.length, label })

describe.skipIf(pythonMissing(['json']))('doccano and Label Studio exports count code points whatever --offsets says', () => {
  for (const [format, tool] of [
    ['doccano', 'doccano'],
    ['doccano-rel', 'doccano'],
    ['labelstudio', 'Label Studio'],
  ] as const) {
    it(`${format}: Python's slices give every span's words after emoji, and the report says --offsets utf16 does not apply`, async () => {
      const { store, dir } = tempStore()
      const src = path.join(dir, 'in.jsonl')
      fs.writeFileSync(src, `${JSON.stringify({ id: 'e', text: TEXT, annotator: 'alice', offsets: 'utf16', spans: [at('Kerry', 'PER'), at('Michel', 'PER'), at('Paris', 'LOC')] })}\n`)
      await importFiles(store, [src], { annotator: null, addLabels: true, backup: false })
      const out = path.join(dir, format === 'labelstudio' ? 'out.json' : 'out.jsonl')
      const r = await exportDataset(store, out, { format, unit: 'utf16' })
      expect(r.unit).toBe('codepoint')
      expect(r.warnings).toContain(`${format}: offsets are in code points, as ${tool} counts them; --offsets utf16 does not apply`)
      const read = runPythonConsumer<Record<string, { spans: [string, string][] }[]>>('read_annotation_spans.py', [`${format}:${out}`])
      expect(read[format][0].spans).toEqual([
        ['Kerry', 'PER'],
        ['Michel', 'PER'],
        ['Paris', 'LOC'],
      ])
      store.close()
    })
  }
})
