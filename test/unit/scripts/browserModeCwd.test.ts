import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, tempDir } from '../../helpers/tempWorkspace'

/**
 * `npm run web -- --db my.spanwright` run from a project folder: npm runs the script in Spanwright's own folder,
 * and the server made my.spanwright there, not where the user typed the command.
 */
describe('npm run web: where a relative --db lands', () => {
  it('runs the server in the folder npm was called from (INIT_CWD), else the current folder', () => {
    const here = tempDir()
    // A stand-in checkout: a build that succeeds at once and a `spanwright` that says where it runs.
    const root = tempDir()
    fs.mkdirSync(path.join(root, 'node_modules', 'electron-vite', 'bin'), { recursive: true })
    fs.writeFileSync(path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), '')
    fs.mkdirSync(path.join(root, 'bin'))
    fs.writeFileSync(path.join(root, 'bin', 'spanwright.mjs'), 'console.log(JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2) }))\n')
    const script = `import { serveInBrowser } from ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'browserMode.mjs'))}
      serveInBrowser(${JSON.stringify(root)}, ['--db', 'my.spanwright'])`
    const run = (env: Record<string, string | undefined>) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, env: { ...process.env, SPANWRIGHT_BROWSER: 'none', ...env }, encoding: 'utf8' })
      expect(r.status, r.stderr).toBe(0)
      return JSON.parse(r.stdout) as { cwd: string; args: string[] }
    }
    expect(run({ INIT_CWD: here })).toEqual({ cwd: fs.realpathSync(here), args: ['serve', '--db', 'my.spanwright'] })
    // Not run by npm (or INIT_CWD unusable): the current folder.
    expect(run({ INIT_CWD: undefined }).cwd).toBe(fs.realpathSync(REPO_ROOT))
    expect(run({ INIT_CWD: 'relative' }).cwd).toBe(fs.realpathSync(REPO_ROOT))
  })
})

/** The README: the address opens in the system browser where there is one, else it is only printed. */
describe('npm run web / npm start: which command opens the address', () => {
  type Opener = { cmd: string; args: string[] } | null
  const load = async () =>
    (await import(path.join(REPO_ROOT, 'scripts', 'browserMode.mjs'))) as { browserOpener: (env: Record<string, string | undefined>, platform: string) => Opener }
  it('xdg-open with a display on Linux (only when it is installed), open on macOS, start on Windows; otherwise none', async () => {
    const { browserOpener } = await load()
    const bin = tempDir()
    fs.writeFileSync(path.join(bin, 'xdg-open'), '#!/bin/sh\n', { mode: 0o755 })
    expect(browserOpener({ PATH: bin, DISPLAY: ':0' }, 'linux')).toEqual({ cmd: 'xdg-open', args: [] })
    expect(browserOpener({ PATH: bin, WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ cmd: 'xdg-open', args: [] })
    // No display: xdg-open would start a text browser in the terminal; no xdg-open: nothing to run.
    expect(browserOpener({ PATH: bin }, 'linux')).toBeNull()
    expect(browserOpener({ PATH: tempDir(), DISPLAY: ':0' }, 'linux')).toBeNull()
    expect(browserOpener({}, 'darwin')).toEqual({ cmd: 'open', args: [] })
    expect(browserOpener({}, 'win32')).toEqual({ cmd: 'cmd', args: ['/c', 'start', '""'] })
  })
  it('SPANWRIGHT_BROWSER=none turns it off, or names another command', async () => {
    const { browserOpener } = await load()
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(browserOpener({ SPANWRIGHT_BROWSER: 'none', DISPLAY: ':0' }, platform)).toBeNull()
      expect(browserOpener({ SPANWRIGHT_BROWSER: 'firefox' }, platform)).toEqual({ cmd: 'firefox', args: [] })
    }
  })
})
