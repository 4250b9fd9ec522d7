// CoNLL files go by many extensions (`.conllu` from UD tools, `.bioes`/`.iobes`/`.bilou`/`.biluo` from tagging
// scripts). Named alone, each was read as CoNLL; in a folder or a ZIP archive, `.conllu`, `.bioes`, `.iobes`,
// `.bilou` and `.biluo` were passed over as "not a file the import reads (by its extension)" (seen in an outsider's
// run: a folder of a.conllu, b.bioes and c.iob2 imported c.iob2 alone). The import dialog's file chooser hid them too.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { streamCodec, STREAM_FORMATS } from '../../../../../src/main/services/formats/formatRegistry'
import { IMPORT_FILE_EXTENSIONS, TOKEN_EXTENSIONS } from '../../../../../src/shared/formats/fileExtensions'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { zip } from '../../../../helpers/zipFile'

const tempStore = tempStoresClosedAfterEach()

const BIO = 'Kerry B-PERSON\nmet O\nMichel B-PERSON\n\n'
const CONLLU = '# newdoc id = ud\n1\tKerry\t_\t_\t_\t_\t_\t_\t_\tNE=B-PERSON\n2\tmet\t_\t_\t_\t_\t_\t_\t_\tNE=O\n\n'
const FILES: [string, string][] = [
  ['a.conllu', CONLLU],
  ['b.bioes', BIO],
  ['c.iobes', BIO],
  ['d.bilou', BIO],
  ['e.biluo', BIO],
  ['f.iob2', BIO],
  ['g.CONLL03', BIO],
]

describe('token-per-line files by every CoNLL extension', () => {
  it('a folder of them reads each as CoNLL and skips none', async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'tagged')
    fs.mkdirSync(folder)
    for (const [name, text] of FILES) fs.writeFileSync(path.join(folder, name), text)
    const r = await importFiles(store, [folder], { annotator: 'ann', backup: false })
    expect(r.skipped ?? []).toEqual([])
    expect(r).toMatchObject({ linesRead: FILES.length, documentsAdded: FILES.length, spansAdded: 1 + 2 * (FILES.length - 1) })
  })

  it('a ZIP archive of them does the same', async () => {
    const { store, dir } = tempStore()
    const archive = path.join(dir, 'tagged.zip')
    fs.writeFileSync(archive, zip(FILES.map(([name, data]) => ({ name, data }))))
    const r = await importFiles(store, [archive], { annotator: 'ann', backup: false })
    expect(r.skipped ?? []).toEqual([])
    expect(r).toMatchObject({ linesRead: FILES.length, documentsAdded: FILES.length })
  })

  it('the file chooser offers every extension a codec or CoNLL reads', () => {
    const read = [...TOKEN_EXTENSIONS, ...STREAM_FORMATS.flatMap((f) => streamCodec(f).extensions), '.txt', '.ann', '.xmi', '.zip', '.spacy', '.csv']
    expect(read.filter((e) => !IMPORT_FILE_EXTENSIONS.includes(e))).toEqual([])
  })
})
