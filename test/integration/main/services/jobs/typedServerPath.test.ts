// An outsider's run (h78): in the browser mode's import dialog, "Or paths on the computer running Spanwright", the
// path a terminal or a README gives, `~/corpora/doccano.jsonl`, was refused as "~/corpora/doccano.jsonl: no such file
// or folder" although the file is there: only a shell expands `~`. And a relative path was refused as typed, without
// saying where it had been looked for. Typed paths are now read as a shell reads them.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import { typedServerPath } from '../../../../../src/main/services/jobs/typedServerPath'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { handlerApi } from '../../../../helpers/handlerApi'

const tempStore = tempStoresClosedAfterEach()
const DOCCANO = path.resolve(__dirname, '../../../../fixtures/peers/doccano/seq_export_example.jsonl')
let savedHome: string | undefined

beforeEach(() => {
  savedHome = process.env.HOME
})
afterEach(() => {
  if (savedHome === undefined) delete process.env.HOME
  else process.env.HOME = savedHome
})

describe('paths typed into the dialogs are read as a shell reads them', () => {
  it('~ is the home folder; a relative path is made absolute from where Spanwright started; others are unchanged', () => {
    expect(typedServerPath('~/corpora/a.jsonl', '/home/ana', '/srv')).toBe('/home/ana/corpora/a.jsonl')
    expect(typedServerPath('~', '/home/ana', '/srv')).toBe('/home/ana')
    expect(typedServerPath('corpora/a.jsonl', '/home/ana', '/srv/lab')).toBe('/srv/lab/corpora/a.jsonl')
    expect(typedServerPath('/data/a.jsonl', '/home/ana', '/srv')).toBe('/data/a.jsonl')
    expect(typedServerPath('~bob/a.jsonl', '/home/ana', '/srv')).toBe('/srv/~bob/a.jsonl')
    expect(typedServerPath('a~/b', '/home/ana', '/srv')).toBe('/srv/a~/b')
  })

  it('the import dialog previews and imports ~/corpora/file; export writes to ~/out', async () => {
    const ws = tempStore()
    process.env.HOME = ws.dir
    fs.mkdirSync(path.join(ws.dir, 'corpora'))
    fs.copyFileSync(DOCCANO, path.join(ws.dir, 'corpora', 'doccano.jsonl'))
    const { api } = handlerApi(ws.store)
    const args = { paths: ['~/corpora/doccano.jsonl'], annotator: 'ana', addLabels: true }
    const preview = await api<{ records: unknown[] }>('transfer.preview', args)
    expect(preview.records).toHaveLength(3)
    const job = await jobSettled((await api<JobStatus>('transfer.import', args)).id)
    expect(job.state).toBe('done')
    expect(job.importReport).toMatchObject({ documentsAdded: 3, spansAdded: 4 })
    const out = await jobSettled((await api<JobStatus>('transfer.export', { format: 'jsonl', annotator: 'ana', out: '~/exported.jsonl' })).id)
    expect(out.state).toBe('done')
    expect(fs.readFileSync(path.join(ws.dir, 'exported.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3)
  })

  it('a relative path that is not there is refused naming where it was looked for', async () => {
    const ws = tempStore()
    const { api } = handlerApi(ws.store)
    await expect(api('transfer.preview', { paths: ['corpora/missing.jsonl'] })).rejects.toThrow(`${path.join(process.cwd(), 'corpora', 'missing.jsonl')}: no such file or folder`)
  })
})
