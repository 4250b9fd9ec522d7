// In the browser the import dialog cannot take a folder: a user selects every file of a brat corpus folder, which
// brings brat's annotation.conf, visual.conf, tools.conf and kb_shortcuts.conf (and maybe a README.md) along. The
// import refused them all, on the first: "annotation.conf:1: cannot tell the file's format; pass --format". The
// CLI's `import corpus/*` (a shell glob) did the same. Several files named together are now read as a folder's
// are: files of a kind the import never reads are listed as skipped, by their own names, and the rest imports.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { handlerApi } from '../../../../helpers/handlerApi'

const tempStore = tempStoresClosedAfterEach()

const TEXT = 'Kerry met Michel in Brussels.'
const ANN = 'T1\tPERSON 0 5\tKerry\nT2\tPERSON 10 16\tMichel\nR1\tPART_OF Arg1:T1 Arg2:T2\n'
const CONF = '[entities]\nPERSON\n[relations]\nPART_OF\tArg1:PERSON, Arg2:PERSON\n[events]\n[attributes]\n'

describe('several files named together, as a folder selected whole', () => {
  it('uploaded: brat .conf files and a README are skipped by name, the brat document imports', async () => {
    const ws = tempStore()
    const { api, upload } = handlerApi(ws.store)
    const paths = [await upload('annotation.conf', CONF), await upload('doc.ann', ANN), await upload('doc.txt', TEXT), await upload('visual.conf', '[labels]\n'), await upload('README.md', '# corpus\n')]
    const preview = await api<{ records: unknown[]; skipped?: { file: string; reason: string }[] }>('transfer.preview', { paths, annotator: 'ann' })
    expect(preview.records).toHaveLength(1)
    expect(preview.skipped?.map((s) => s.file)).toEqual(['annotation.conf', 'visual.conf', 'README.md'])
    const job = await jobSettled((await api<JobStatus>('transfer.import', { paths, annotator: 'ann' })).id)
    expect(job.state).toBe('done')
    expect(job.importReport).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2, relationsAdded: 1 })
    expect(job.importReport?.skipped?.map((s) => s.file)).toEqual(['annotation.conf', 'visual.conf', 'README.md'])
    expect(job.importReport?.skipped?.[0].reason).toBe("brat's configuration, not annotated documents: labels are read from the .ann files (add those the schema lacks with Add missing labels or --add-labels)")
  })

  it('on the command line (a shell glob), the same; one such file named alone is still refused', async () => {
    const { store, dir } = tempStore()
    for (const [name, text] of [['annotation.conf', CONF], ['doc.ann', ANN], ['doc.txt', TEXT], ['notes.md', 'x']]) fs.writeFileSync(path.join(dir, name), text)
    const names = ['annotation.conf', 'doc.ann', 'doc.txt', 'notes.md'].map((n) => path.join(dir, n))
    const r = await importFiles(store, names, { annotator: 'ann', backup: false })
    expect(r).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 2 })
    expect(r.skipped?.map((s) => s.file)).toEqual([path.join(dir, 'annotation.conf'), path.join(dir, 'notes.md')])
    await expect(importFiles(store, [path.join(dir, 'notes.md')], { annotator: 'ann', backup: false })).rejects.toThrow(/notes\.md/)
  })
})
