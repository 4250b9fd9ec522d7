// Finds Electron's binary, fetching it once where the machine can (Electron
// >= 42 no longer downloads it at `npm install`, only on first use).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export function electronBinary(root) {
  const pkg = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(pkg, 'path.txt')
  const resolve = () => {
    if (!fs.existsSync(pathFile)) return null
    const exe = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
    return fs.existsSync(exe) ? exe : null
  }
  let exe = resolve()
  if (exe) return { exe, reason: null }
  if (!fs.existsSync(pkg)) return { exe: null, reason: 'the electron package is not installed (run `npm install`)' }
  const r = spawnSync(process.execPath, [path.join(pkg, 'install.js')], { encoding: 'utf8', timeout: 300_000 })
  exe = resolve()
  if (exe) return { exe, reason: null }
  const why = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').find((l) => /error|failed/i.test(l)) ?? `exit ${r.status}`
  return { exe: null, reason: `its download failed (${why.trim()})` }
}

export function electronVersion(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
}
