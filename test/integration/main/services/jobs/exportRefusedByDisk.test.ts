// The export dialog's job failed with Node's own words when the disk refused its --out ("ENOTDIR: not a directory,
// mkdir '…'", or "EACCES: permission denied, open '…/x.conll.partial-1234'" in a read-only folder, naming a
// temporary file the user never chose). A failed job now says it as the CLI does: the path, and why, in words.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../../src/main/api/handlerTable'
import { jobSettled } from '../../../../../src/main/services/jobs/jobRegistry'
import type { JobStatus } from '../../../../../src/shared/api/methods/transfer'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'
import { tempDir } from '../../../../helpers/tempWorkspace'

const tempStore = tempStoresClosedAfterEach()

describe('an export job refused by the disk', () => {
  it('fails with a sentence naming the path and the reason, and writes nothing', async () => {
    const { store } = tempStore()
    const h = createHandlers({ store, version: 't', transport: 'http' })
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'a file, not a folder')
    const out = path.join(dir, 'notes.txt', 'out.conll')
    const r = await dispatch(h, 'transfer.export', { format: 'conll', out })
    expect(r.ok).toBe(true)
    const job = await jobSettled((r as { value: JobStatus }).value.id)
    expect(job.state).toBe('failed')
    expect(job.error!.message).toMatch(new RegExp(`^${path.join(dir, 'notes.txt').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/out\\.conll)?: could not (write there|use it): a file is in the way where a folder should be\\.$`))
    expect(job.error!.message).not.toMatch(/ENOTDIR|EEXIST|partial-/)
    expect(fs.readdirSync(dir)).toEqual(['notes.txt'])
  })
})
