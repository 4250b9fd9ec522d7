// A ZIP inside a ZIP (doccano's per-user export zipped again with other files, as a download folder is sent on): read
// as the outer archive is, each entry named `outer.zip!/inner.zip!/entry` in every message, to three levels; deeper
// archives listed with why; a nested bomb refused naming the inner entry, the workspace unchanged (h68).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { openStore } from '../../../../../src/main/store/store'
import type { Store } from '../../../../../src/main/store/store'
import { cliInProcess } from '../../../../helpers/cliInProcess'
import { snapshotStore } from '../../../../helpers/storeSnapshot'
import { tempStore } from '../../../../helpers/tempWorkspace'
import { zip } from '../../../../helpers/zipFile'

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const TEXT = 'EU rejects German call to boycott British lamb.'
const doc = (id: number, label: unknown[]) => ({ id, text: TEXT, label, Comments: [] })

/** doccano's per-user export (two members), zipped again beside a plain-text note. */
const project = () =>
  zip([
    { name: 'admin.jsonl', data: jsonl([doc(1, [[0, 2, 'ORG']])]) },
    { name: 'alice.jsonl', data: jsonl([doc(1, [[0, 2, 'ORG'], [11, 17, 'NORP']])]) },
  ])

function layers(store: Store): Record<string, number> {
  const rows = store.db.prepare('SELECT a.name AS name, count(*) AS n FROM spans s JOIN annotators a ON a.id = s.annotator_id GROUP BY a.name ORDER BY a.name').all() as { name: string; n: number }[]
  return Object.fromEntries(rows.map((r) => [r.name, r.n]))
}

describe('a ZIP archive inside a ZIP archive', () => {
  it("is read as the outer one is: each <username>.jsonl that user's layer, a .txt a document named under the inner archive", async () => {
    const { store, dir } = tempStore()
    const outer = path.join(dir, 'sent.zip')
    fs.writeFileSync(outer, zip([{ name: 'exports/project-1.zip', data: project() }, { name: 'notes/read me.txt', data: 'Exported on Monday.\n' }, { name: 'exports/more.zip', data: zip([{ name: 'intro.txt', data: 'Hello.\n' }]) }]))
    const r = await importFiles(store, [outer], { annotator: null, addLabels: true, backup: false })
    expect(r.errors).toEqual([])
    expect(layers(store)).toEqual({ admin: 1, alice: 2 })
    expect(store.documents.byExternalId('exports/more/intro')?.text).toBe('Hello.\n')
    expect(store.documents.byExternalId('notes/read me')?.text).toBe('Exported on Monday.\n')
    store.close()
  })

  it('a bad line inside names outer!/inner!/entry and its line (through the command line), and nothing is written', async () => {
    const { store, dir, file: db } = tempStore()
    const before = snapshotStore(store)
    store.close()
    const outer = path.join(dir, 'sent.zip')
    const inner = zip([{ name: 'admin.jsonl', data: jsonl([doc(1, [[0, 2, 'ORG']])]) + '{"id": 2, "text": "x", "label": [[0, 9, "ORG"]]}\n' }])
    fs.writeFileSync(outer, zip([{ name: 'project-1.zip', data: inner }]))
    const run = await cliInProcess(['import', outer, '--db', db, '--add-labels'])
    expect(run.code).not.toBe(0)
    expect(run.errors.join('\n')).toContain(`${outer}!/project-1.zip!/admin.jsonl:2: `)
    const again = openStore(db)
    // The command line notes, on opening a workspace, that its schema was seeded: not the import's doing.
    expect({ ...snapshotStore(again), settings: [] }).toEqual({ ...before, settings: [] })
    again.close()
  })

  it('is read to three levels; a fourth is listed, named, with why', async () => {
    const { store, dir } = tempStore()
    const level3 = zip([{ name: 'deep.txt', data: 'Three down.\n' }, { name: 'level4.zip', data: zip([{ name: 'deeper.txt', data: 'Four down.\n' }]) }])
    const outer = path.join(dir, 'a.zip')
    fs.writeFileSync(outer, zip([{ name: 'b.zip', data: zip([{ name: 'c.zip', data: level3 }]) }]))
    const r = await importFiles(store, [outer], { annotator: 'amy', backup: false })
    expect(store.documents.byExternalId('b/c/deep')?.text).toBe('Three down.\n')
    expect(r.skipped).toEqual([{ file: `${outer}!/b.zip!/c.zip!/level4.zip`, reason: 'a ZIP archive nested 4 deep is not read (at most 3 levels); unzip it and import the folder' }])
    store.close()
  })

  it('a nested entry lying about its size, or declaring more than the limit, refuses the archive naming the inner entry', async () => {
    const { store, dir } = tempStore()
    const before = snapshotStore(store)
    const bomb = path.join(dir, 'bomb.zip')
    fs.writeFileSync(bomb, zip([{ name: 'inner.zip', data: zip([{ name: 'big.jsonl', data: Buffer.alloc(4 << 20, 0x20), size: 100 }]) }]))
    await expect(importFiles(store, [bomb], { annotator: null, backup: false })).rejects.toThrow(`${bomb}!/inner.zip!/big.jsonl: damaged ZIP entry`)
    const huge = path.join(dir, 'huge.zip')
    fs.writeFileSync(huge, zip([{ name: 'inner.zip', data: zip([{ name: 'a.jsonl', data: '{}\n' }]), size: 0xfffffff0 }]))
    await expect(importFiles(store, [huge], { annotator: null, backup: false })).rejects.toThrow(`${huge}!/inner.zip: `)
    expect(snapshotStore(store)).toEqual(before)
    store.close()
  })
})
