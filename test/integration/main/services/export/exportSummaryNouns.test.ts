// The CLI's `wrote …` line names what the path holds. A brat export of 3 documents, 1 of them labelled, said
// 'wrote 3 layers to out/': the 3 were .txt/.ann pairs (documents), 2 of them no layer at all. Every export's line
// now says its noun and count (layers for a file format, documents for brat and txt folders, files for WebAnno TSV
// and XMI folders), in the singular for one, as the report's own fields do.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe("the export's summary lines say what was written", () => {
  it('brat and txt: documents; webanno-tsv and xmi: files; line formats: layers; one is singular', async () => {
    const { store, dir, file: db } = tempStore()
    const f = path.join(dir, 'in.jsonl')
    fs.writeFileSync(
      f,
      [
        { id: 'a', text: 'Kerry met Michel in Paris .', annotator: 'ann', spans: [{ start: 0, end: 5, label: 'PER' }] },
        { id: 'b', text: 'Nothing here .' },
        { id: 'c', text: 'Nor here .' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    )
    await importFiles(store, [f], { annotator: null, backup: false, addLabels: true })
    store.close()
    const wrote = async (format: string, out: string) => {
      const r = await cliInProcess(['export', '--format', format, '--out', path.join(dir, out), '--db', db])
      expect(r.code).toBe(0)
      return r.lines.filter((l) => l.startsWith('wrote ') || l.startsWith('exported '))
    }
    expect(await wrote('brat', 'brat')).toEqual([`wrote 3 documents (a .txt and an .ann each) to ${path.join(dir, 'brat')}`, 'exported 1 layer (1 span, 0 relations) as brat, offsets in code points'])
    expect((await wrote('txt', 'txt'))[0]).toBe(`wrote 3 documents (a .txt each) to ${path.join(dir, 'txt')}`)
    expect((await wrote('xmi', 'xmi'))[0]).toBe(`wrote 1 file (one .xmi per layer) to ${path.join(dir, 'xmi')}`)
    expect((await wrote('webanno-tsv', 'tsv'))[0]).toBe(`wrote 1 file (one .tsv per layer) to ${path.join(dir, 'tsv')}`)
    expect((await wrote('jsonl', 'out.jsonl'))[0]).toBe(`wrote 1 layer to ${path.join(dir, 'out.jsonl')}`)
  })
})
