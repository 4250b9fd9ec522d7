#!/usr/bin/env node
// `npm start`: the desktop app. Needs Electron's binary; where it cannot be had
// (not installed, its download failed) this says why in one sentence and starts
// the browser mode itself, as `npm run web` does.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveInBrowser } from './browserMode.mjs'
import { electronBinary } from './electronBinary.mjs'
import { ensureElectronNative } from './native-electron.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function browserInstead(why) {
  console.error(`Spanwright's desktop window cannot start here (${why}), so it opens in your browser instead.`)
  serveInBrowser(root, process.argv.slice(2))
}

// SPANWRIGHT_NO_ELECTRON=1 asks for the browser mode even where Electron could run (tests, remote shells).
const skip = process.env.SPANWRIGHT_NO_ELECTRON ? 'SPANWRIGHT_NO_ELECTRON is set' : null
const { exe, reason } = skip ? { exe: null, reason: null } : electronBinary(root)
let native = null
if (exe) {
  try {
    ensureElectronNative(root)
    native = true
  } catch (e) {
    native = e.message
  }
}
if (skip) browserInstead(skip)
else if (!exe) browserInstead(`the Electron binary is not available: ${reason}`)
else if (native !== true) browserInstead(`SQLite could not be built for Electron: ${native}`)
else {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  const child = spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
}
