#!/usr/bin/env node
// `npm run web`: builds the renderer and serves the app on 127.0.0.1. The first
// line on stdout is `Spanwright at http://127.0.0.1:PORT/?token=TOKEN`; the
// build's own output goes to stderr. Extra arguments go to `spanwright serve`.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
})
if (build.status !== 0) {
  process.stderr.write(build.stdout ?? '')
  console.error('The build failed; see above.')
  process.exit(build.status ?? 1)
}
const child = spawn(process.execPath, [path.join(root, 'bin', 'spanwright.mjs'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
