// A document id the file gave as a JSON number (doccano's and Label Studio's database ids) came back from every JSON
// export as a string ("17"), so a consumer joining the export on the tool's ids (a pandas merge, a dict lookup, a SQL
// join) found nothing. Now the id keeps its JSON type (jsonIdType.ts), read by Python as the consumer reads it; a
// string id, even one of digits, stays a string.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import type { FormatName } from '../../../src/shared/formats/formatCodec'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

type Read = { id: unknown; type: string; data_id_type: string | null; joined: boolean }

describe.skipIf(pythonMissing(['json']))('numeric document ids in the JSON exports', () => {
  it('doccano ids 17 and 18 come back as numbers from doccano, doccano-rel, jsonl, labelstudio and prodigy; "0042" and "A7" as strings', async () => {
    const { store, dir } = tempStore()
    const doccano = path.join(dir, 'doccano.jsonl')
    fs.writeFileSync(
      doccano,
      [
        { id: 17, text: 'Kerry met Michel.', label: [[0, 5, 'PER']] },
        { id: 18, text: 'Paris is big.', label: [[0, 5, 'LOC']] },
        { id: '0042', text: 'Rome is old.', label: [[0, 4, 'LOC']] },
        { id: 'A7', text: 'Bonn is small.', label: [] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    )
    await importFiles(store, [doccano], { annotator: 'ann', addLabels: true, format: 'doccano', backup: false })
    const wanted = JSON.stringify([17, 18, '0042', 'A7'])
    for (const format of ['doccano', 'doccano-rel', 'jsonl', 'labelstudio', 'prodigy'] as FormatName[]) {
      const out = path.join(dir, `out-${format}.json`)
      await exportDataset(store, out, { format, annotator: 'ann' })
      const read = runPythonConsumer<Read[]>('read_document_ids.py', [out, wanted])
      const ids = (r: Read) => (format === 'labelstudio' ? r.data_id_type : r.type)
      expect([format, read.map(ids).sort()]).toEqual([format, ['int', 'int', 'str', 'str']])
      expect([format, read.every((r) => r.joined)]).toEqual([format, true])
      // The mark that keeps the type is not written out.
      expect([format, fs.readFileSync(out, 'utf8').includes('idType')]).toEqual([format, false])
    }
    store.close()
  })

  it('a Label Studio task id 17 exported as doccano and jsonl is 17', async () => {
    const { store, dir } = tempStore()
    const ls = path.join(dir, 'tasks.json')
    fs.writeFileSync(ls, JSON.stringify([{ id: 17, data: { text: 'Kerry met Michel.' }, annotations: [{ completed_by: 1, result: [{ id: 'a', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 5, labels: ['PER'] } }] }] }]))
    await importFiles(store, [ls], { annotator: null, addLabels: true, backup: false })
    for (const format of ['doccano', 'jsonl'] as FormatName[]) {
      const out = path.join(dir, `out-${format}.jsonl`)
      await exportDataset(store, out, { format })
      expect(runPythonConsumer<Read[]>('read_document_ids.py', [out, '[17]']).map((r) => [r.id, r.type, r.joined])).toEqual([[17, 'int', true]])
    }
    store.close()
  })
})
