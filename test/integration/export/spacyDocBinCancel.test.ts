// A .spacy export is cancelled while it builds, as the jobs worker cancels it: the cancel arrives through the event
// loop (a message), so the build must give the loop a turn. Before, the whole DocBin was built in one synchronous
// run: a cancel issued at the first progress report was seen only once the file was written.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { tempStore } from '../../helpers/tempWorkspace'

describe('spacy-docbin export, cancelled while it builds', () => {
  it('a cancel that arrives after the first progress report stops it, and the old file stays as it was', async () => {
    const { store, dir } = tempStore()
    const lines = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ id: `d${i}`, text: `Kerry met Michel in Paris, ${i}.`, annotator: 'ann', spans: [{ start: 0, end: 5, label: 'PER' }] }))
    fs.writeFileSync(path.join(dir, 'in.jsonl'), lines.join('\n') + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true })
    const file = path.join(dir, 'train.spacy')
    fs.writeFileSync(file, 'old')
    const ctl = new AbortController()
    const run = exportDataset(store, file, { format: 'spacy-docbin', annotator: 'ann' }, { signal: ctl.signal, onProgress: (p) => p.done > 0 && p.done < 1200 && setImmediate(() => ctl.abort()) })
    await expect(run).rejects.toThrow()
    expect(fs.readFileSync(file, 'utf8')).toBe('old')
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([])
  })
})
