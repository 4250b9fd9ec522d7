// An outsider's first try (h78): `spanwright import corpus/*` on brat's own corpora, and choosing every file of the
// same folder in the browser's import dialog (which cannot take a folder). brat's corpora hold a README and a
// LICENSE with no extension; the README says several files named together are read as a folder's are, but both
// refused the whole import on the first: "README:1: cannot tell the file's format; pass --format". A folder import
// lists them as skipped, so a glob and the dialog now do too. A file with no extension that a format does read is
// still read, and one a format claims with a fault is still refused.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { handlerApi } from '../../../../helpers/handlerApi'

const tempStore = tempStoresClosedAfterEach()
const ESP = path.resolve(__dirname, '../../../../fixtures/brat/conll2002-esp')
const EPI = path.resolve(__dirname, '../../../../fixtures/brat/bionlp2011-epi')
const NOT_READ = 'not a file the import reads (it has no extension, and its content is in no format the import reads)'
const espFiles = () => fs.readdirSync(ESP).map((n) => path.join(ESP, n))

describe('files with no extension among several named together', () => {
  it('a shell glob of brat corpora: README and LICENSE are skipped with why, every document imports', async () => {
    const { store } = tempStore()
    const epi = ['LICENSE', 'README', 'annotation.conf', 'PMID-11393792.ann', 'PMID-11393792.txt'].map((n) => path.join(EPI, n))
    const r = await importFiles(store, [...espFiles(), ...epi], { annotator: 'esp', addLabels: true, backup: false })
    expect(r).toMatchObject({ linesRead: 11, documentsAdded: 11 })
    const skipped = r.skipped?.filter((s) => s.reason === NOT_READ).map((s) => path.relative(path.dirname(ESP), s.file))
    expect(skipped).toEqual(['conll2002-esp/README', 'bionlp2011-epi/LICENSE', 'bionlp2011-epi/README'])
    // As a folder import lists them (by extension there), nothing more and nothing less is passed over.
    expect(r.skipped?.map((s) => path.basename(s.file)).sort()).toEqual(['LICENSE', 'README', 'README', 'annotation.conf', 'tools.conf'])
  })

  it('the import dialog, every file of the folder uploaded: the preview and the import go through', async () => {
    const ws = tempStore()
    const { api, upload } = handlerApi(ws.store)
    const paths = []
    for (const f of espFiles()) paths.push(await upload(path.basename(f), fs.readFileSync(f, 'utf8')))
    const preview = await api<{ records: unknown[]; skipped?: { file: string; reason: string }[] }>('transfer.preview', { paths, annotator: 'esp', addLabels: true })
    expect(preview.skipped).toContainEqual({ file: 'README', reason: NOT_READ })
    const job = await jobSettled((await api<JobStatus>('transfer.import', { paths, annotator: 'esp', addLabels: true })).id)
    expect(job.state).toBe('done')
    expect(job.importReport).toMatchObject({ linesRead: 10, documentsAdded: 10, spansAdded: 540 })
    expect(job.importReport?.skipped?.map((s) => s.file)).toEqual(['README', 'tools.conf'])
  })

  it('a file with no extension that a format reads is read; an empty or binary one is skipped; one named alone is refused as before', async () => {
    const { store, dir } = tempStore()
    const data = path.join(dir, 'colleague')
    fs.writeFileSync(data, `${JSON.stringify({ id: 'd1', text: 'Kerry met Michel.', annotator: 'bob', spans: [{ start: 0, end: 5, label: 'PERSON' }] })}\n`)
    fs.writeFileSync(path.join(dir, 'empty'), '')
    fs.writeFileSync(path.join(dir, 'picture'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    const names = ['colleague', 'empty', 'picture'].map((n) => path.join(dir, n))
    const r = await importFiles(store, names, { annotator: null, backup: false })
    expect(r).toMatchObject({ linesRead: 1, documentsAdded: 1, spansAdded: 1 })
    expect(r.skipped?.map((s) => path.basename(s.file))).toEqual(['empty', 'picture'])
    expect(r.skipped?.[1].reason).toMatch(/^not a file the import reads \(it has no extension, and its content is in no format the import reads\): .*PNG/)
    await expect(importFiles(store, [path.join(ESP, 'README')], { annotator: 'esp', backup: false })).rejects.toThrow(/README:1: cannot tell the file's format/)
  })

  it('a file with no extension that a format claims, with a fault, still refuses the import', async () => {
    const { store, dir } = tempStore()
    fs.writeFileSync(path.join(dir, 'doc.txt'), 'Kerry met Michel.')
    // A JSON line holding both doccano's and native JSONL's annotations: ambiguous, never skipped.
    fs.writeFileSync(path.join(dir, 'both'), `${JSON.stringify({ id: 'x', text: 'Kerry', label: [[0, 5, 'PERSON']], spans: [{ start: 0, end: 5, label: 'PERSON' }] })}\n`)
    await expect(importFiles(store, [path.join(dir, 'doc.txt'), path.join(dir, 'both')], { annotator: 'a', backup: false })).rejects.toThrow(/both:1: .*ambiguous/)
  })
})
