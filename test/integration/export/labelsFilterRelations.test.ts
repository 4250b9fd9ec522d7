// `--labels` keeps the spans of the labels named and the relations between kept spans. A relation whose head or
// tail has another label is not written (its span is not), and the export says so, by relation label: it used to
// vanish without a word, even when its own label was named (`--labels PERSON,LIVES_IN` wrote no LIVES_IN).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])
const TEXT = 'Zoe met Ana in Tel Aviv.'
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length })
const LINE = {
  id: 'd1',
  text: TEXT,
  annotator: 'ann',
  spans: [{ id: 'T1', ...at('Zoe'), label: 'PERSON' }, { id: 'T2', ...at('Ana'), label: 'PERSON' }, { id: 'T3', ...at('Tel Aviv'), label: 'GPE' }],
  relations: [{ id: 'R1', head: 'T1', tail: 'T3', label: 'LIVES_IN' }, { id: 'R2', head: 'T2', tail: 'T3', label: 'LIVES_IN' }, { id: 'R3', head: 'T1', tail: 'T2', label: 'KNOWS' }],
}

describe.skipIf(missing)(`export --labels and relations${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('a relation left out with its end is named in a warning; the file holds only relations between written spans', async () => {
    const { store, dir } = tempStore()
    fs.writeFileSync(path.join(dir, 'in.jsonl'), `${JSON.stringify(LINE)}\n`)
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true, backup: false })
    const out = path.join(dir, 'out.jsonl')
    const report = await exportDataset(store, out, { format: 'doccano-rel', labels: ['PERSON', 'LIVES_IN', 'KNOWS'] })
    const read = runPythonConsumer<Record<string, { spans: string[][]; relations: string[][]; problems: string[] }[]>>('read_annotation_spans.py', [`doccano-rel:${out}`])['doccano-rel']
    expect(read).toEqual([{ spans: [['Zoe', 'PERSON'], ['Ana', 'PERSON']], relations: [['Zoe', 'Ana', 'KNOWS']], problems: [] }])
    expect(report.warnings).toContain('--labels: 2 relations were left out because their head or tail span has a label not in --labels (LIVES_IN 2); name the labels of both ends to keep them')
    // With both ends' labels named, nothing is left out and nothing is said.
    const all = await exportDataset(store, out, { format: 'doccano-rel', labels: ['PERSON', 'GPE'] })
    expect(all.relations).toBe(3)
    expect(all.warnings.filter((w) => w.startsWith('--labels'))).toEqual([])
    store.close()
  })
})
