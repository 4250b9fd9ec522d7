import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/store/migrate'
import { migrations } from '../../../../src/main/store/migrations'
import { restoreBackup } from '../../../../src/main/store/restoreBackup'
import { openStore } from '../../../../src/main/store/store'
import { desktopId, replacedDesktopIds } from '../../../../src/main/store/teamDesktopId'
import { tempStore } from '../../../helpers/tempWorkspace'

/** A workspace that has a desktop id (as its first sync gives it), and a backup of it; closed. */
async function workspaceWithId() {
  const { store, file, dir } = tempStore({ schema: false })
  const id = desktopId(store.db)
  const backup = await store.backup('manual')
  store.close()
  return { file, dir, id, backup }
}

const replacedIn = (file: string) => {
  const store = openStore(file)
  try {
    return { replaced: replacedDesktopIds(store.db), id: desktopId(store.db) }
  } finally {
    store.close()
  }
}

describe('a restore notes, in the restored file, the desktop id of the workspace it replaced', () => {
  it('the replaced file\'s own id; and a restored file restored over again before it syncs carries the first one\'s too', async () => {
    const { file, id, backup } = await workspaceWithId()
    restoreBackup(file, backup)
    const first = replacedIn(file)
    expect(first.replaced).toEqual([id])
    expect(first.id).not.toBe(id)
    // Restored again from the same backup before it synced: the first replaced id stays to retire, beside the new id
    // the first restored file took (never registered, its retire deletes nothing).
    restoreBackup(file, backup)
    expect(replacedIn(file).replaced.sort()).toEqual([id, first.id].sort())
  })

  it('a damaged file that cannot be read is stood for by the backup\'s own id, when the backup was made from that very file', async () => {
    const { file, id, backup } = await workspaceWithId()
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(100, 0xa5), 0, 100, 0)
    fs.closeSync(fd)
    expect(restoreBackup(file, backup).previous).toMatch(/\.damaged-/)
    expect(replacedIn(file).replaced).toEqual([id])
  })

  it('a backup made before the team tables (local migration 9) notes the replaced id too: the copy is brought up to them first', async () => {
    const { file, dir, id } = await workspaceWithId()
    const old = path.join(dir, 'from-before-teams.spanwright')
    const db = new Database(old)
    migrate(db, old, migrations.filter((m) => m.version <= 8))
    db.close()
    expect(restoreBackup(file, old).restoredFrom).toBe(old)
    const after = replacedIn(file)
    expect(after.replaced).toEqual([id])
    expect(after.id).not.toBe(id)
  })

  it('a backup copied from another workspace names nothing to retire: that workspace may still be syncing', async () => {
    const other = await workspaceWithId()
    const { store, file, dir } = tempStore({ schema: false })
    store.close()
    const copy = path.join(dir, path.basename(other.backup))
    fs.copyFileSync(other.backup, copy)
    restoreBackup(file, copy)
    expect(replacedIn(file).replaced).toEqual([])
  })
})
