#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/,
// leaving node_modules (Node's ABI, used by the CLI and `npm test`) untouched.
// The Electron main process loads it through better-sqlite3's `nativeBinding`.
// Tries a prebuilt binary first (prebuild-install), then compiles with node-gyp.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { electronBinary, electronVersion } from './electronBinary.mjs'

/** Electron's ABI (process.versions.modules inside it), read from node-abi's table, else by asking Electron itself. */
function electronAbi(version) {
  try {
    return String(createRequire(import.meta.url)('node-abi').getAbi(version, 'electron'))
  } catch {
    const { exe } = electronBinary(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'))
    const r = exe ? spawnSync(exe, ['-p', 'process.versions.modules'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }) : null
    const abi = r?.stdout?.trim()
    if (!abi || !/^\d+$/.test(abi)) throw new Error(`cannot tell Electron ${version}'s ABI (node-abi does not know it, and Electron could not be asked)`)
    return abi
  }
}

export function nativeCacheKey(root, version) {
  const bs3 = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version
  return `electron-${version}-abi${electronAbi(version)}-better-sqlite3-${bs3}-${process.platform}-${process.arch}`
}

export function ensureElectronNative(root, { force = false } = {}) {
  const version = electronVersion(root)
  // The same key as nativeCacheKey() in src/main/electron/nativeBinding.ts: a better-sqlite3 upgrade or
  // another Electron ABI gets a build of its own instead of loading a stale one.
  const outDir = path.join(root, '.native', nativeCacheKey(root, version))
  const target = path.join(outDir, 'better_sqlite3.node')
  if (fs.existsSync(target) && !force) return { file: target, built: false }

  const src = path.join(root, 'node_modules', 'better-sqlite3')
  const work = path.join(outDir, 'src')
  fs.rmSync(work, { recursive: true, force: true })
  fs.mkdirSync(work, { recursive: true })
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    fs.cpSync(path.join(src, entry), path.join(work, entry), { recursive: true })
  }
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' }
  const bin = (name) => path.join(root, 'node_modules', '.bin', name)
  const tryRun = (cmd, args) => spawnSync(cmd, args, { cwd: work, env, stdio: 'inherit' }).status === 0
  console.error(`Building better-sqlite3 for Electron ${version} (once; kept in ${path.relative(root, outDir)})…`)
  const prebuilt = fs.existsSync(bin('prebuild-install')) && tryRun(bin('prebuild-install'), ['--runtime', 'electron', '--target', version])
  const ok =
    prebuilt ||
    tryRun(process.execPath, [
      path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${version}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ])
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node')
  if (!ok || !fs.existsSync(built)) throw new Error(`could not build better-sqlite3 for Electron ${version}`)
  fs.copyFileSync(built, target)
  fs.rmSync(work, { recursive: true, force: true })
  return { file: target, built: true }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const r = ensureElectronNative(root, { force: process.argv.includes('--force') })
  console.log(r.file)
}
