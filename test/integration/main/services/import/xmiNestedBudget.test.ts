// The archives nested in an INCEpTION export (annotation/<document>/<user>.zip, one CAS each) were inflated to look
// for XMI with no budget in all: each up to the 512 MiB an entry may hold, as many as the archive lists, while ZIPs
// in ZIPs read as data had a budget of 1 GiB in all. Now the XMI walk shares it: the nested archives' declared
// sizes (which bound what inflating them may give) are summed before any is inflated, and an archive past 1 GiB is
// refused naming the nested entry that crosses it; nothing is stored.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { zipEntries, zipEntryData } from '../../../../../src/main/services/import/zipArchive'
import { parseLabelMap } from '../../../../../src/shared/formats/labelMap'
import { MAX_NESTED_BYTES } from '../../../../../src/main/services/import/zipDataSources'
import { REPO_ROOT, tempStore } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'
import type { Entry } from '../../../../helpers/zipFile'

const EXPORT = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'xmi', 'inception_export_made_with_infozip.zip')

/** INCEpTION's own export's entries (alice's XMI, bob's and carol's per-user archives, the source text), re-zipped. */
function exportEntries(): Entry[] {
  const archive = fs.readFileSync(EXPORT)
  return zipEntries(archive).map((e) => ({ name: e.name, data: zipEntryData(archive, e) }))
}

const count = (db: { prepare: (sql: string) => { get: () => unknown } }) => db.prepare('SELECT COUNT(*) AS n FROM documents').get()

describe('the archives nested in an XMI export share the 1 GiB budget', () => {
  it('per-user archives declaring more than 1 GiB in all: refused naming the one that crosses it, before any is inflated', async () => {
    const { store, dir } = tempStore()
    const entries = exportEntries()
    const alice = entries.find((e) => e.name.endsWith('alice.xmi'))!
    const perUser = (user: string): Entry => ({ name: `annotation/other.txt/${user}.zip`, data: zip([{ name: 'other.txt.xmi', data: alice.data }]), size: 400 * 1024 * 1024 })
    const outer = path.join(dir, 'project-export.zip')
    fs.writeFileSync(outer, zip([...entries, perUser('dave'), perUser('erin'), perUser('frank')]))
    const why = `${outer}!/annotation/other.txt/frank.zip: the archives nested in ${outer} inflate to more than ${MAX_NESTED_BYTES / 1024 / 1024} MiB in all (a ZIP bomb?); unzip them and import the folder`
    await expect(importFiles(store, [outer], { annotator: null, addLabels: true })).rejects.toThrow(why)
    expect(count(store.db)).toEqual({ n: 0 })
    store.close()
  })

  it('the same export within the budget still imports its per-user archives', async () => {
    const { store, dir } = tempStore()
    const outer = path.join(dir, 'project-export.zip')
    fs.writeFileSync(outer, zip(exportEntries()))
    const r = await importFiles(store, [outer], { annotator: null, addLabels: true, labelMap: parseLabelMap([0, 1, 2, 3, 4].map((i) => `NE ${i}=NE_${i}`)) })
    expect(r.documentsAdded).toBe(1)
    expect(r.layersAdded).toBe(3)
    store.close()
  })
})
