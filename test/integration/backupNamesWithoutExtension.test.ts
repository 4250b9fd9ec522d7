import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listBackups } from '../../src/main/store/backups'
import { restoreBackup } from '../../src/main/store/restoreBackup'
import { openStore } from '../../src/main/store/store'
import { tempDir } from '../helpers/tempWorkspace'
import { countDocs } from '../helpers/documentCount'


/**
 * `notes` (no extension) and `notes.spanwright` in one folder: their backups were both named
 * `notes-<stamp>-<reason>.spanwright`, so each listed the other's, keep-K rotation of one deleted the other's, and
 * "restore the latest" could put the other workspace's content in place.
 */
describe('backups of a workspace without an extension beside one with .spanwright', () => {
  it('never mix: each lists, keeps and restores only its own', async () => {
    const dir = tempDir()
    const bare = path.join(dir, 'notes')
    const named = path.join(dir, 'notes.spanwright')
    const a = openStore(bare)
    const b = openStore(named)
    a.settings.set('backup.keep', '2')
    b.settings.set('backup.keep', '2')
    a.documents.insert({ externalId: 'a1', title: 'a1', text: 'one', meta: {} })
    for (const id of ['b1', 'b2', 'b3']) b.documents.insert({ externalId: id, title: id, text: id, meta: {} })
    await a.backup('manual')
    await b.backup('manual')
    await b.backup('manual')
    await b.backup('manual') // keep 2: rotates b's oldest away, never a's
    a.close()
    b.close()

    const mine = listBackups(bare)
    expect(mine).toHaveLength(1)
    expect(mine[0].name).toMatch(/^notes-\d{4}-.*-manual$/)
    expect(countDocs(mine[0].path)).toBe(1)
    const theirs = listBackups(named)
    expect(theirs).toHaveLength(2)
    expect(theirs.every((x) => x.name.endsWith('-manual.spanwright') || /-manual-\d+\.spanwright$/.test(x.name))).toBe(true)
    expect(theirs.map((x) => countDocs(x.path))).toEqual([3, 3])

    // The extension-less workspace changes, then is restored: from its own backup, not the other's newer one.
    const again = openStore(bare)
    again.documents.insert({ externalId: 'a2', title: 'a2', text: 'two', meta: {} })
    again.close()
    expect(restoreBackup(bare).restoredFrom).toBe(mine[0].path)
    expect(countDocs(bare)).toBe(1)
    expect(countDocs(named)).toBe(3)
  })
})
