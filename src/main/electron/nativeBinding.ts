import fs from 'node:fs'
import path from 'node:path'
import { useNativeBinding } from '../store/nativeBinding'

/** What the addon must match: the runtime's ABI and the better-sqlite3 it was built from. */
export interface BindingFacts {
  electronVersion: string
  /** `process.versions.modules`: the ABI the addon is compiled against. */
  abi: string
  betterSqlite3Version: string
  platform: string
  arch: string
}

/**
 * The `.native/<key>/` folder name: a better-sqlite3 upgrade or another
 * Electron (ABI) gets a build of its own instead of a stale one.
 * Keep in step with scripts/native-electron.mjs.
 */
export function nativeCacheKey(f: BindingFacts): string {
  return `electron-${f.electronVersion}-abi${f.abi}-better-sqlite3-${f.betterSqlite3Version}-${f.platform}-${f.arch}`
}

/** The addon file (undefined: better-sqlite3's own build), or why there is none to load. */
export interface BindingDecision {
  file: string | undefined
  problem: string | null
}

/**
 * better-sqlite3 compiled for Electron's ABI lives apart from node_modules
 * (scripts/native-electron.mjs builds it), so `npm test` keeps Node's build.
 * A packaged app (electron-builder rebuilds the addon in place) uses the
 * packaged one. Missing: say so, instead of loading Node's build and failing
 * with an ABI error at the first store.
 */
export function decideNativeBinding(root: string, f: BindingFacts, opts: { packaged: boolean; exists?: (file: string) => boolean }): BindingDecision {
  if (opts.packaged) return { file: undefined, problem: null }
  const exists = opts.exists ?? fs.existsSync
  const file = path.join(root, '.native', nativeCacheKey(f), 'better_sqlite3.node')
  if (exists(file)) return { file, problem: null }
  return {
    file: undefined,
    problem: `SQLite is not built for this Electron (${f.electronVersion}, ABI ${f.abi}) and better-sqlite3 ${f.betterSqlite3Version}: run \`node scripts/native-electron.mjs\` (or \`npm start\`, which runs it), then start again.`,
  }
}

/** The facts of this process: Electron's, and the better-sqlite3 installed beside the app. */
export function bindingFacts(root: string): BindingFacts {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }
  return {
    electronVersion: process.versions.electron ?? 'none',
    abi: process.versions.modules,
    betterSqlite3Version: pkg.version,
    platform: process.platform,
    arch: process.arch,
  }
}

/**
 * Decides the addon once, at Electron startup, before any store opens, and
 * installs it for every connection this thread makes; the API workers get the
 * same file in their setup. Returns the file (undefined: better-sqlite3's own).
 */
export function installElectronNativeBinding(root: string, packaged: boolean): BindingDecision {
  const decision = packaged ? { file: undefined, problem: null } : decideNativeBinding(root, bindingFacts(root), { packaged })
  useNativeBinding(decision.file)
  return decision
}
