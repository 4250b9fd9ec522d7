// Browser mode cannot save a folder: an export of a folder format (brat, txt, webanno-tsv, xmi) without a path is
// offered as one ZIP of the folder's files. Read by Python's zipfile (test/helpers/python/read_zip_export.py), the
// archive must hold exactly the files the same export writes to a folder, byte for byte, and extract into a brat
// folder that a standoff reader reads cleanly. The corpus is the real BioNLP 2011 EPI sample (test/fixtures/brat).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import { jobDownload, jobSettled } from '../../../src/main/services/jobs/jobRegistry'
import type { JobStatus } from '../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../helpers/closedAfterEach'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { REPO_ROOT, tempDir } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['zipfile', 'hashlib', 'json'])
const tempStoreClosedAfterEach = tempStoresClosedAfterEach()
const EPI = path.join(REPO_ROOT, 'test', 'fixtures', 'brat', 'bionlp2011-epi')

interface Read {
  bad: string | null
  members: { name: string; dir: boolean; utf8: boolean; sha256: string }[]
}

/** Every file below `dir` as `relative/path` → SHA-256, and its empty folders as `name/`. */
function folderListing(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  const names = fs.readdirSync(dir, { withFileTypes: true })
  if (!names.length && prefix) out[prefix] = 'dir'
  for (const d of names) {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) Object.assign(out, folderListing(full, `${prefix}${d.name}/`))
    else out[`${prefix}${d.name}`] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')
  }
  return out
}

function workspace() {
  const ws = tempStoreClosedAfterEach()
  const h = createHandlers({ store: ws.store, version: 't', transport: 'http' })
  const api = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await dispatch(h, method, args)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
    return r.value as T
  }
  return { ...ws, api }
}

describe.skipIf(missing)(`a folder format exported without a path: one ZIP download${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('holds exactly the files of the folder export, and Python reads and extracts it', async () => {
    const { api, dir } = workspace()
    await jobSettled((await api<JobStatus>('transfer.import', { paths: [EPI], annotator: 'bionlp', addLabels: true })).id)
    // A document whose id is not ASCII: its file names must come out of the archive as written.
    fs.writeFileSync(path.join(dir, 'extra.jsonl'), `${JSON.stringify({ id: 'Zürich-ß', text: 'Zürich is a city.', annotator: 'bionlp', spans: [{ start: 0, end: 6, label: 'Protein' }] })}\n`)
    await jobSettled((await api<JobStatus>('transfer.import', { paths: [path.join(dir, 'extra.jsonl')], addLabels: true })).id)
    for (const args of [{ format: 'brat' }, { format: 'brat', split: 'train=0.5,dev=0.3,test=0.2', seed: 7 }, { format: 'txt' }, { format: 'webanno-tsv' }, { format: 'xmi' }]) {
      const label = JSON.stringify(args)
      const folder = path.join(dir, `desktop-${Object.values(args).join('-')}`)
      const desk = await jobSettled((await api<JobStatus>('transfer.export', { ...args, out: folder })).id)
      expect(desk.state, label).toBe('done')
      expect(desk.downloads, label).toEqual([])
      const job = await jobSettled((await api<JobStatus>('transfer.export', args)).id)
      expect(job.state, `${label}: ${job.error?.message}`).toBe('done')
      expect(job.downloads, label).toEqual([{ name: `spanwright-${args.format}.zip`, bytes: expect.any(Number) }])
      const zip = jobDownload(job.id, 0)!
      // Only the archive is left in the temp folder: the folder it was made from is gone.
      expect(fs.readdirSync(path.dirname(zip.path)), label).toEqual([path.basename(zip.path)])
      const dest = tempDir()
      const read = runPythonConsumer<Read>('read_zip_export.py', [zip.path, dest])
      expect(read.bad, label).toBeNull()
      const want = folderListing(folder)
      expect(Object.keys(want).length, label).toBeGreaterThan(2)
      const got = Object.fromEntries(read.members.map((m) => [m.name, m.dir ? 'dir' : m.sha256]))
      expect(got, label).toEqual(want)
      expect(folderListing(dest), label).toEqual(want)
      const names = read.members.map((m) => m.name)
      if (args.format === 'brat' && !('split' in args)) {
        expect(names).toContain('Zürich-ß.ann')
        expect(read.members.find((m) => m.name === 'Zürich-ß.ann')!.utf8).toBe(true)
        const ann = runPythonConsumer<{ spans: unknown[]; problems: string[] }>('read_brat_ann.py', [path.join(dest, 'PMID-11393792.ann'), path.join(dest, 'PMID-11393792.txt')])
        expect(ann.problems).toEqual([])
        expect(ann.spans.length).toBeGreaterThan(5)
      }
      if ('split' in args) expect(new Set(names.map((n) => n.split('/')[0]))).toEqual(new Set(['train', 'dev', 'test']))
    }
  })
})
