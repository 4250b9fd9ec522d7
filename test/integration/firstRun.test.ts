// A new user's first run, from an empty HOME (no Spanwright folder, SPANWRIGHT_HOME and
// XDG_CONFIG_HOME unset or empty): `npm run web`, `npm start` where Electron cannot run,
// and `npx spanwright import/export` each create the private workspace folder and seed it.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { userDataDir } from '../../src/main/workspace/paths'
import { exited, firstLine, NO_ERROR_LINE } from '../helpers/cliRun'
import { REPO_ROOT, tempDir } from '../helpers/tempWorkspace'

const SAMPLE_COUNT = fs.readdirSync(path.join(REPO_ROOT, 'resources', 'samples')).filter((n) => n.endsWith('.txt')).length
const groups: ChildProcess[] = []

afterEach(async () => {
  for (const c of groups.splice(0)) {
    if (c.exitCode === null && !c.signalCode) {
      try {
        process.kill(-c.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
      await exited(c)
    }
  }
})

/** The environment of a user who has never run Spanwright: a fresh HOME, no overrides. */
function newUser(extra: NodeJS.ProcessEnv = {}): { home: string; env: NodeJS.ProcessEnv } {
  const home = tempDir('spanwright-home-')
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ...extra }
  delete env.SPANWRIGHT_HOME
  delete env.SPANWRIGHT_DB
  if (!('XDG_CONFIG_HOME' in extra)) delete env.XDG_CONFIG_HOME
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k] // as from a fresh shell, not from inside `npm test`
  env.npm_config_update_notifier = 'false' // npm's own "new version" notice is not ours to assert on
  return { home, env }
}

function workspaceOf(home: string): string {
  return path.join(home, '.config', 'Spanwright', 'workspace.spanwright')
}

/** Documents and labels in a workspace, read without writing. */
function contents(file: string): { documents: number; labels: number } {
  const db = new Database(file, { readonly: true })
  try {
    return {
      documents: db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number,
      labels: db.prepare('SELECT COUNT(*) FROM label_types').pluck().get() as number,
    }
  } finally {
    db.close()
  }
}

function expectPrivateFolder(home: string): void {
  const dir = path.dirname(workspaceOf(home))
  expect(fs.statSync(dir).isDirectory()).toBe(true)
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700)
}

/** A stand-in for the system browser that writes down the address it was asked to open. */
function recordingBrowser(dir: string): { command: string; opened: () => string | null } {
  const log = path.join(dir, 'opened.txt')
  const command = path.join(dir, 'browser.sh')
  fs.writeFileSync(command, `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`, { mode: 0o755 })
  return { command, opened: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : null) }
}

async function runsTheBrowserMode(script: 'web' | 'start', extra: NodeJS.ProcessEnv = {}) {
  const { home, env } = newUser(extra)
  const browser = recordingBrowser(tempDir())
  // The build goes to a folder of this test's own, so it never races other tests reading out/.
  const out = tempDir('spanwright-out-')
  const child = spawn('npm', ['run', script, '--', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...env, SPANWRIGHT_OUT: out, SPANWRIGHT_BROWSER: browser.command, SPANWRIGHT_NO_ELECTRON: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npm, node and the server are stopped together
  })
  groups.push(child)
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  const line = await firstLine(child, /^Spanwright at http:\/\/127\.0\.0\.1:/)
  const url = /^Spanwright at (\S+)/.exec(line)![1]
  const page = await fetch(url)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<div id="root">')
  for (let i = 0; i < 100 && browser.opened() === null; i++) await new Promise((r) => setTimeout(r, 50))
  expect(browser.opened()).toBe(url)
  process.kill(-child.pid!, 'SIGTERM')
  await exited(child)
  fs.rmSync(out, { recursive: true, force: true }) // the build is a few MB: not left in the temp folder
  const file = workspaceOf(home)
  expectPrivateFolder(home)
  expect(contents(file)).toMatchObject({ documents: SAMPLE_COUNT })
  expect(contents(file).labels).toBeGreaterThan(0)
  return { stderr }
}

describe('first run from an empty HOME', () => {
  it('`npm run web -- --port 0` creates ~/.config/Spanwright (0700), seeds the samples, serves, and opens the browser', async () => {
    const { stderr } = await runsTheBrowserMode('web')
    expect(stderr).not.toMatch(/ENOENT|could not open the workspace/)
  }, 180_000)

  it('`npm start` where the desktop window cannot run says why in one sentence, then serves in the browser the same way', async () => {
    const { stderr } = await runsTheBrowserMode('start', { XDG_CONFIG_HOME: '' })
    const why = stderr.split('\n').filter((l) => l.startsWith("Spanwright's desktop window"))
    expect(why).toEqual(["Spanwright's desktop window cannot start here (SPANWRIGHT_NO_ELECTRON is set), so it opens in your browser instead."])
  }, 180_000)

  for (const xdg of [undefined, '', 'relative/config']) {
    it(`\`npx spanwright import\` then \`export\` (XDG_CONFIG_HOME ${xdg === undefined ? 'unset' : JSON.stringify(xdg)}) create, seed and use the default workspace`, () => {
      const { home, env } = newUser(xdg === undefined ? {} : { XDG_CONFIG_HOME: xdg })
      const input = path.join(tempDir(), 'mine.jsonl')
      fs.writeFileSync(input, `${JSON.stringify({ id: 'mine-1', text: 'Kerry met Michel.', annotator: 'me', spans: [{ start: 0, end: 5, label: 'PERSON' }] })}\n`)
      const imp = spawnSync('npx', ['--offline', 'spanwright', 'import', input], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 })
      expect(imp.stderr).not.toMatch(/ENOENT|could not/)
      expect(imp.status).toBe(0)
      expect(imp.stdout).toMatch(/imported 1 of 1 record \(/)
      expectPrivateFolder(home)
      expect(contents(workspaceOf(home)).documents).toBe(SAMPLE_COUNT + 1)
      const out = path.join(tempDir(), 'out.jsonl')
      const exp = spawnSync('npx', ['--offline', 'spanwright', 'export', '--format', 'jsonl', '--out', out], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 })
      expect(exp.stderr).not.toMatch(NO_ERROR_LINE)
      expect(exp.status).toBe(0)
      expect(JSON.parse(fs.readFileSync(out, 'utf8').trim())).toMatchObject({ id: 'mine-1', annotator: 'me', spans: [{ start: 0, end: 5, label: 'PERSON' }] })
    }, 180_000)
  }

  it('`npx spanwright export` as the very first command creates and seeds the workspace, then reads it', () => {
    const { home, env } = newUser()
    const out = path.join(tempDir(), 'out.jsonl')
    const exp = spawnSync('npx', ['--offline', 'spanwright', 'export', '--format', 'jsonl', '--out', out], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 })
    expect(exp.stderr).not.toMatch(NO_ERROR_LINE)
    expect(exp.status).toBe(0)
    expectPrivateFolder(home)
    expect(contents(workspaceOf(home)).documents).toBe(SAMPLE_COUNT)
  }, 180_000)
})

describe('first run of `spanwright backup`', () => {
  it('creates and seeds the default workspace, then backs it up', () => {
    const { home, env } = newUser()
    const r = spawnSync('npx', ['--offline', 'spanwright', 'backup'], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 })
    expect(r.stderr).not.toMatch(NO_ERROR_LINE)
    expect(r.status).toBe(0)
    expectPrivateFolder(home)
    const backups = fs.readdirSync(path.join(path.dirname(workspaceOf(home)), 'backups'))
    expect(backups.filter((n) => n.endsWith('-manual.spanwright'))).toHaveLength(1)
    expect(contents(path.join(path.dirname(workspaceOf(home)), 'backups', backups.find((n) => n.endsWith('-manual.spanwright'))!)).documents).toBe(SAMPLE_COUNT)
  }, 180_000)
})

describe('userDataDir', () => {
  const home = '/home/someone'
  it.each([
    [{ HOME: home }, '/home/someone/.config/Spanwright'],
    [{ HOME: home, XDG_CONFIG_HOME: '' }, '/home/someone/.config/Spanwright'],
    [{ HOME: home, XDG_CONFIG_HOME: 'relative' }, '/home/someone/.config/Spanwright'],
    [{ HOME: home, XDG_CONFIG_HOME: '/xdg' }, '/xdg/Spanwright'],
    [{ HOME: home, SPANWRIGHT_HOME: '/sw', XDG_CONFIG_HOME: '/xdg' }, '/sw'],
    [{ HOME: home, SPANWRIGHT_HOME: '' }, '/home/someone/.config/Spanwright'],
  ])('on Linux, %j → %s', (env, expected) => {
    expect(userDataDir(env, 'linux')).toBe(expected)
  })
  // The README's folders on macOS and Windows (path.join here is POSIX's, so the Windows path keeps its forward slashes).
  it('on macOS, ~/Library/Application Support/Spanwright; SPANWRIGHT_HOME overrides it', () => {
    expect(userDataDir({ HOME: home }, 'darwin')).toBe('/home/someone/Library/Application Support/Spanwright')
    expect(userDataDir({ HOME: home, SPANWRIGHT_HOME: '/sw' }, 'darwin')).toBe('/sw')
  })
  it('on Windows, %APPDATA%\\Spanwright', () => {
    expect(userDataDir({ APPDATA: '/c/Users/someone/AppData/Roaming' }, 'win32')).toBe('/c/Users/someone/AppData/Roaming/Spanwright')
  })
})

describe('first run of `spanwright check` and `spanwright restore --list`', () => {
  // "Whichever comes first (… or any `spanwright` command) creates your user-data folder … and a workspace in it":
  // check said "no workspace there" and restore --list "no backups", leaving nothing made. In-process, so fast.
  it('create and seed the default workspace like every other command, then check it / list its backups', async () => {
    const { main } = await import('../../src/main/cli/main')
    const before = process.env.SPANWRIGHT_HOME
    try {
      for (const [args, said] of [
        [['check'], /: sound \(every page/],
        [['restore', '--list'], /^no backups of /],
      ] as const) {
        const home = path.join(tempDir(), 'Spanwright')
        process.env.SPANWRIGHT_HOME = home
        const lines: string[] = []
        const code = await main([...args], { log: (l) => lines.push(l), error: (l) => lines.push(l) })
        expect({ code, out: lines.join('\n') }, args.join(' ')).toMatchObject({ code: 0, out: expect.stringMatching(said) })
        expect(contents(path.join(home, 'workspace.spanwright')).documents, args.join(' ')).toBe(SAMPLE_COUNT)
        expect(fs.statSync(home).mode & 0o777, args.join(' ')).toBe(0o700)
      }
    } finally {
      if (before === undefined) delete process.env.SPANWRIGHT_HOME
      else process.env.SPANWRIGHT_HOME = before
    }
  })
})
