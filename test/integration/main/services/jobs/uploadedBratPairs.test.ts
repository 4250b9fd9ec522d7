// The import dialog in the browser uploads each chosen file on its own (a temp folder each). brat's `.txt` and
// `.ann` chosen together must still meet, as they do on disk: before, the import failed with "a brat .ann file
// needs its .txt beside it (/tmp/spanwright-transfer-N/upload-XYZ/doc.txt not found)", naming a temp path.
import { describe, expect, it } from 'vitest'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { handlerApi } from '../../../../helpers/handlerApi'
import { snapshotStore } from '../../../../helpers/storeSnapshot'

const tempStore = tempStoresClosedAfterEach()

function workspace() {
  const ws = tempStore()
  const { api, upload } = handlerApi(ws.store)
  return { ...ws, api, upload }
}

const TEXT = 'Kerry met Michel in Brussels.'
const ANN = 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tMichel\nR1\tPART_OF Arg1:T1 Arg2:T2\n'

describe('uploaded brat pairs', () => {
  it('a .txt and its .ann uploaded together are previewed and imported as one brat document', async () => {
    const { store, api, upload } = workspace()
    const paths = [await upload('doc.ann', ANN), await upload('doc.txt', TEXT), await upload('plain.txt', 'Nothing labelled here.')]
    const preview = await api<{ records: { documentId: string; spans: number; relations: number; file: string }[]; sources: { file: string; format: string }[] }>('transfer.preview', { paths, annotator: 'ann' })
    expect(preview.records.map((r) => [r.documentId, r.spans, r.relations, r.file])).toEqual([
      ['doc', 2, 1, 'doc.ann'],
      ['plain', 0, 0, 'plain.txt'],
    ])
    const job = await jobSettled((await api<JobStatus>('transfer.import', { paths, annotator: 'ann' })).id)
    expect(job.state).toBe('done')
    expect(job.importReport).toMatchObject({ linesRead: 2, imported: 2, documentsAdded: 2, spansAdded: 2, relationsAdded: 1 })
    expect(store.documents.byExternalId('doc')?.text).toBe(TEXT)
  })

  it('a lone uploaded .ann is refused by its own name, not its temp folder, and nothing is written', async () => {
    const { store, api, upload } = workspace()
    const paths = [await upload('lone.ann', ANN), await upload('other.txt', TEXT)]
    const snap = snapshotStore(store)
    await expect(api('transfer.import', { paths, annotator: 'ann' })).rejects.toThrow(/^lone\.ann: a brat \.ann file needs its \.txt beside it \(lone\.txt not found\)$/)
    await expect(api('transfer.preview', { paths, annotator: 'ann' })).rejects.toThrow(/^lone\.ann: a brat \.ann file needs its \.txt beside it/)
    expect(snapshotStore(store)).toEqual(snap)
  })
})
