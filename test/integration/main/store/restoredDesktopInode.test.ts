import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { restoreBackup } from '../../../../src/main/store/restoreBackup'
import { openStore } from '../../../../src/main/store/store'
import { desktopId, previousDesktopId } from '../../../../src/main/store/teamDesktopId'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * A desktop id is tied to its file's device and inode, and a restored backup
 * takes a new id (its cursors are behind the old id's row; its first pull
 * checks for deletions pruned meanwhile). But a file system hands a freed
 * inode to the next file (ext4 does at once): a workspace file lost and
 * restored from its backup sat in the very inode the backup recorded, and
 * took the lost file's id back. A restored copy's id is now never its own.
 */
const idOf = (file: string) => {
  const s = openStore(file)
  try {
    return { id: desktopId(s.db), previous: previousDesktopId(s.db) }
  } finally {
    s.close()
  }
}

describe('a restored backup never syncs under the id it was made with', () => {
  it('a lost workspace file restored from its backup takes a new id; the old one is left to retire as a changed file\'s', async () => {
    // Whether the freed inode is handed back depends on what else the file system does meanwhile: three tries.
    for (let i = 0; i < 3; i++) {
      const { store, file } = tempStore({ schema: false })
      const original = desktopId(store.db)
      const backup = await store.backup('manual')
      store.close()
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
      restoreBackup(file, backup)
      const restored = idOf(file)
      expect(restored.id).not.toBe(original)
      expect(restored.previous).toBe(original)
    }
  })

  it('restored several times in a row, twice before each open, every restored file takes an id of its own', async () => {
    const { store, file } = tempStore({ schema: false })
    const seen = [desktopId(store.db)]
    const backup = await store.backup('manual')
    store.close()
    for (let i = 0; i < 1; i++) {
      restoreBackup(file, backup)
      restoreBackup(file, backup)
      const { id } = idOf(file)
      expect(seen, `restore ${i + 1}`).not.toContain(id)
      seen.push(id)
    }
  })
})
