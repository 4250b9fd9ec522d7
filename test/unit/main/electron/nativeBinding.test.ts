import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decideNativeBinding, nativeCacheKey } from '../../../../src/main/electron/nativeBinding'
import type { BindingFacts } from '../../../../src/main/electron/nativeBinding'
import { REPO_ROOT } from '../../../helpers/tempWorkspace'

const facts: BindingFacts = { electronVersion: '45.4.1', abi: '150', betterSqlite3Version: '12.11.1', platform: 'linux', arch: 'x64' }

describe('nativeCacheKey', () => {
  it('changes with every fact the addon must match', () => {
    const base = nativeCacheKey(facts)
    for (const [k, v] of Object.entries({ electronVersion: '46.0.0', abi: '151', betterSqlite3Version: '12.12.0', platform: 'darwin', arch: 'arm64' })) {
      expect(nativeCacheKey({ ...facts, [k]: v }), k).not.toBe(base)
    }
  })

  it('is the folder scripts/native-electron.mjs builds into', async () => {
    const script = (await import(path.join(REPO_ROOT, 'scripts', 'native-electron.mjs'))) as { nativeCacheKey(root: string, v: string): string }
    const req = createRequire(path.join(REPO_ROOT, 'package.json'))
    const electron = (req('electron/package.json') as { version: string }).version
    const abi = String((req('node-abi') as { getAbi(v: string, t: string): string }).getAbi(electron, 'electron'))
    const bs3 = (req('better-sqlite3/package.json') as { version: string }).version
    expect(script.nativeCacheKey(REPO_ROOT, electron)).toBe(
      nativeCacheKey({ electronVersion: electron, abi, betterSqlite3Version: bs3, platform: process.platform, arch: process.arch }),
    )
  })
})

describe('decideNativeBinding', () => {
  const root = '/app'
  it('takes the cached build for this Electron, ABI and better-sqlite3', () => {
    const want = path.join(root, '.native', nativeCacheKey(facts), 'better_sqlite3.node')
    expect(decideNativeBinding(root, facts, { packaged: false, exists: (f) => f === want })).toEqual({ file: want, problem: null })
  })

  it('a build for an older better-sqlite3 is not taken: it says what to run', () => {
    const stale = path.join(root, '.native', nativeCacheKey({ ...facts, betterSqlite3Version: '12.4.1' }), 'better_sqlite3.node')
    const d = decideNativeBinding(root, facts, { packaged: false, exists: (f) => f === stale })
    expect(d.file).toBeUndefined()
    expect(d.problem).toMatch(/45\.4\.1.*ABI 150.*better-sqlite3 12\.11\.1.*native-electron\.mjs/)
  })

  it('a packaged app uses the addon electron-builder rebuilt in place', () => {
    expect(decideNativeBinding(root, facts, { packaged: true, exists: () => false })).toEqual({ file: undefined, problem: null })
  })
})
