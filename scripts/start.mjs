#!/usr/bin/env node
// `npm start`: the desktop app. Needs Electron's binary; where it is missing
// (and cannot be downloaded) this says so and points to the browser mode.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary } from './electronBinary.mjs'
import { ensureElectronNative } from './native-electron.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { exe, reason } = electronBinary(root)
if (!exe) {
  console.error(
    `Spanwright's desktop window needs the Electron binary, which is not available on this machine: ${reason}.\n` +
      'Run `npm run web` instead: it serves the same app to your browser on 127.0.0.1.',
  )
  process.exit(1)
}
try {
  ensureElectronNative(root)
} catch (e) {
  console.error(`${e.message}.\nRun \`npm run web\` to use Spanwright in your browser meanwhile.`)
  process.exit(1)
}
const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const child = spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
