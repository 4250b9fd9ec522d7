import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importWorkspace } from '../../../../src/main/services/import/importWorkspace'
import { nativeBindingFor, useNativeBinding } from '../../../../src/main/store/nativeBinding'
import { restoreBackup } from '../../../../src/main/store/restoreBackup'
import { openStore } from '../../../../src/main/store/store'
import { REPO_ROOT, tempStore } from '../../../helpers/tempWorkspace'

/**
 * The addon chosen once per process reaches every connection the store
 * makes, the ones nobody passed it to included (issue 12: importing a
 * .spanwright file from the desktop dialog loaded Node's addon inside
 * Electron). A file that cannot be loaded stands in for Electron's addon:
 * each path must fail on it, naming it, instead of quietly loading Node's.
 */

const NODE_ADDON = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
const CHOSEN = path.join(REPO_ROOT, '.native', 'electron-test-abi0-not-built', 'better_sqlite3.node')

// Made before the choice, with Node's addon named explicitly (an explicit one wins).
const target = tempStore()
target.store.close()
const other = tempStore()
const otherBackup = other.store.backupSync('manual')
other.store.close()
const store = openStore(target.file, { nativeBinding: NODE_ADDON, rollingBackups: false })
useNativeBinding(CHOSEN)

describe('the native binding chosen at startup', () => {
  it('is what a connection gets unless one is named', () => {
    expect(nativeBindingFor()).toBe(CHOSEN)
    expect(nativeBindingFor(NODE_ADDON)).toBe(NODE_ADDON)
  })

  it('cannot change later in the same process', () => {
    expect(() => useNativeBinding(NODE_ADDON)).toThrow(/already chosen/)
    expect(() => useNativeBinding(CHOSEN)).not.toThrow()
  })

  it('opens the second database of a workspace import', async () => {
    await expect(importWorkspace(store, other.file)).rejects.toThrow(/electron-test-abi0-not-built/)
  })

  it('opens the workspace store and the backup a restore checks', () => {
    expect(() => openStore(path.join(other.dir, 'fresh.spanwright'), { rollingBackups: false })).toThrow(/electron-test-abi0-not-built/)
    expect(() => restoreBackup(other.file, otherBackup)).toThrow(/electron-test-abi0-not-built/)
  })
})
