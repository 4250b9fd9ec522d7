// brat files copied from Windows, DOS-era archives or a colleague's export often spell their extensions in
// capitals (`DOC.TXT` + `DOC.ANN`) or mixed (`doc.txt` + `doc.Ann`). The import looked for `DOC.txt` and `doc.ann`
// only, so (seen in an outsider's run) a folder of `B.TXT` + `B.ANN` imported the text with no spans and listed
// B.ANN as "a brat .ann without its .txt (B.txt not found)", `doc.txt` + `doc.Ann` silently gave a document without
// its spans, and `import B.ANN` was refused although its .txt lay beside it.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { handlerApi } from '../../../../helpers/handlerApi'
import { zip } from '../../../../helpers/zipFile'

const tempStore = tempStoresClosedAfterEach()

const TEXT = 'Kerry met Michel in Brussels.'
const ANN = 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tMichel\nR1\tPART_OF Arg1:T1 Arg2:T2\n'

function pair(dir: string, txt: string, ann: string): void {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, txt), TEXT)
  fs.writeFileSync(path.join(dir, ann), ANN)
}

function spansOf(store: ReturnType<typeof tempStore>['store'], id: string): number {
  const doc = store.documents.byExternalId(id)
  if (!doc) throw new Error(`no document ${id}`)
  return store.spans.layersOf([doc.id]).length
}

describe('brat pairs whose extensions are not lower-case', () => {
  it.each([
    ['B.TXT', 'B.ANN'],
    ['B.txt', 'B.Ann'],
    ['B.Txt', 'B.ann'],
  ])('a folder of %s + %s imports one brat document with its spans and skips nothing', async (txt, ann) => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'corpus')
    pair(folder, txt, ann)
    const r = await importFiles(store, [folder], { annotator: 'ann', backup: false })
    expect(r.skipped ?? []).toEqual([])
    expect(r).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2, relationsAdded: 1 })
    expect(spansOf(store, 'B')).toBe(2)
  })

  it('the .ann named alone, or both named (a shell glob), find each other', async () => {
    const { store, dir } = tempStore()
    pair(dir, 'A.TXT', 'A.ANN')
    pair(dir, 'C.TXT', 'C.ANN')
    const alone = await importFiles(store, [path.join(dir, 'A.ANN')], { annotator: 'ann', backup: false })
    expect(alone).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2 })
    const both = await importFiles(store, [path.join(dir, 'C.TXT'), path.join(dir, 'C.ANN')], { annotator: 'ann', backup: false })
    expect(both).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2 })
    expect([spansOf(store, 'A'), spansOf(store, 'C')]).toEqual([2, 2])
  })

  it('a ZIP archive of DOC.TXT + DOC.ANN reads them as one brat document', async () => {
    const { store, dir } = tempStore()
    const archive = path.join(dir, 'corpus.zip')
    fs.writeFileSync(archive, zip([{ name: 'DOC.TXT', data: TEXT }, { name: 'DOC.ANN', data: ANN }]))
    const r = await importFiles(store, [archive], { annotator: 'ann', backup: false })
    expect(r.skipped ?? []).toEqual([])
    expect(r).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2, relationsAdded: 1 })
  })

  it('DOC.TXT and DOC.ANN uploaded together (the import dialog in the browser) import as one brat document', async () => {
    const ws = tempStore()
    const { api, upload } = handlerApi(ws.store)
    const paths = [await upload('DOC.ANN', ANN), await upload('DOC.TXT', TEXT)]
    const job = await jobSettled((await api<JobStatus>('transfer.import', { paths, annotator: 'ann' })).id)
    expect(job.state).toBe('done')
    expect(job.importReport).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2, relationsAdded: 1 })
  })
})
