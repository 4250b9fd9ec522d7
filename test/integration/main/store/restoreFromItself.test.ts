import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupsDirOf } from '../../../../src/main/store/backups'
import { restoreBackup } from '../../../../src/main/store/restoreBackup'
import { tempStore } from '../../../helpers/tempWorkspace'

/**
 * `spanwright restore --from` naming the workspace file itself (by path, or through a hard link): before, it was
 * "restored" from a copy of its own main file (what its WAL held left out) and a before-restore backup was made.
 */
describe('restore --from the workspace itself', () => {
  it('is refused saying so, by path and through a hard link, and nothing is made or changed', async () => {
    const { store, file, dir } = tempStore()
    store.close()
    const before = fs.readFileSync(file)
    const link = path.join(dir, 'link.sqlite')
    fs.linkSync(file, link)
    for (const from of [file, path.relative(process.cwd(), file), link]) {
      expect(() => restoreBackup(file, from)).toThrow(/is the workspace itself/)
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    const backups = backupsDirOf(file)
    expect(fs.existsSync(backups) ? fs.readdirSync(backups).filter((f) => f.includes('before-restore')) : []).toEqual([])
  })
})
