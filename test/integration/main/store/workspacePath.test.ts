import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundledScript } from '../../../helpers/bundledScript'
import { REPO_ROOT, tempDir } from '../../../helpers/tempWorkspace'

/**
 * Each path is opened in a child process every way Spanwright opens a workspace
 * (writer, the jobs worker's lock-free writer, read-only, the readers' export
 * path, and the CLI's import and export), so a hang fails the test at the child's
 * timeout instead of hanging the test run.
 */
function openEveryWay(target: string, dir: string): { results: Record<string, string>; status: number | null; signal: string | null } {
  const src = (p: string) => JSON.stringify(path.join(REPO_ROOT, p))
  // One script for every case (the path and the folder are its arguments), bundled once: bundledScript.ts.
  const script = bundledScript(
    `import { openStore } from ${src('src/main/store/store.ts')}
import { openWorkspaceReadOnly } from ${src('src/main/workspace/readOnlyWorkspace.ts')}
import { main } from ${src('src/main/cli/main.ts')}
import path from 'node:path'
const [file, dir] = process.argv.slice(2)
const results: Record<string, string> = {}
async function attempt(name: string, fn: () => Promise<unknown> | unknown) {
  try { const s = (await fn()) as { close?: () => void }; s?.close?.(); results[name] = 'opened' } catch (e) { results[name] = (e as Error).message }
}
async function cli(args: string[]): Promise<string> {
  const lines: string[] = []
  const code = await main(args, { log: (l) => lines.push(l), error: (l) => lines.push(l) })
  return code + ': ' + lines.join(' ')
}
;(async () => {
  await attempt('writer', () => openStore(file, { rollingBackups: false }))
  await attempt('jobs', () => openStore(file, { rollingBackups: false, lock: false }))
  await attempt('readonly', () => openStore(file, { readonly: true }))
  await attempt('reader', () => openWorkspaceReadOnly(file))
  results.cliImport = await cli(['import', ${src('resources/samples')}, '--db', file])
  results.cliExport = await cli(['export', '--format', 'jsonl', '--db', file, '--out', path.join(dir, 'out.jsonl')])
  results.cliCheck = await cli(['check', '--db', file])
  results.cliBackup = await cli(['backup', '--db', file])
  results.cliRestoreList = await cli(['restore', '--list', '--db', file])
  process.stdout.write(JSON.stringify(results))
})()
`,
  )
  const r = spawnSync(process.execPath, [script, target, dir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 25_000 })
  let results: Record<string, string> = {}
  try {
    results = JSON.parse(r.stdout) as Record<string, string>
  } catch {
    // a hang (killed at the timeout) or a crash: the assertions below say which
  }
  return { results, status: r.status, signal: r.signal }
}

describe('a --db that cannot be a workspace is refused at once, plainly, and left as it was', () => {
  let dir: string
  let fifo: string
  let socketPath: string
  let server: net.Server
  beforeAll(async () => {
    dir = tempDir()
    fifo = path.join(dir, 'pipe.spanwright')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    socketPath = path.join(dir, 'sock.spanwright')
    server = net.createServer()
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const cases: [string, () => string, RegExp][] = [
    ['a named pipe made with mkfifo', () => fifo, /is not a Spanwright workspace: it is a named pipe \(FIFO\)/],
    ['a Unix socket', () => socketPath, /is not a Spanwright workspace: it is a socket/],
    ['/dev/zero', () => '/dev/zero', /is not a Spanwright workspace: it is a character device/],
    ['/proc/self/status', () => '/proc/self/status', /is not a Spanwright workspace: it is on \/proc, a view of the running system, not a disk/],
    ['/proc/self/mem', () => '/proc/self/mem', /is not a Spanwright workspace: it is on \/proc/],
    ['a new file under /proc/1', () => '/proc/1/new.spanwright', /is not a Spanwright workspace: it is on \/proc/],
    ['/sys/kernel/notes', () => '/sys/kernel/notes', /is not a Spanwright workspace: it is on sysfs/],
    ['/proc/self/fd/0 (a symlink to whatever stdin is)', () => '/proc/self/fd/0', /is not a Spanwright workspace: it is (on \/proc|a named pipe|a character device|a socket)/],
    ['a folder', () => dir, /is not a Spanwright workspace: it is a folder/],
  ]
  for (const [name, target, reason] of cases) {
    it(name, () => {
      const file = target()
      const before = fs.statSync(file, { throwIfNoEntry: false })
      const { results, status, signal } = openEveryWay(file, dir)
      expect({ status, signal }).toEqual({ status: 0, signal: null })
      for (const way of ['writer', 'jobs', 'readonly', 'reader', 'cliImport', 'cliExport']) {
        expect(results[way], way).toMatch(reason)
        expect(results[way], way).toContain('Spanwright did not open or change it')
      }
      // check, backup and restore too (they said "no workspace there (the file is empty)" of a pipe, a device or /proc,
      // and restore --list looked for backups beside /proc/self/status).
      for (const way of ['cliCheck', 'cliBackup', 'cliRestoreList']) {
        expect(results[way], way).toMatch(reason)
        expect(results[way], way).toMatch(/^1: /)
      }
      expect(results.cliImport).toMatch(/^1: /)
      expect(results.cliExport).toMatch(/^1: /)
      // Nothing made beside it (no lock, -wal or -shm) where a folder allows it.
      if (!file.startsWith('/proc') && !file.startsWith('/sys') && !file.startsWith('/dev')) {
        for (const suffix of ['.lock', '-wal', '-shm']) expect(fs.existsSync(file + suffix), suffix).toBe(false)
      }
      const after = fs.statSync(file, { throwIfNoEntry: false })
      expect(after?.mode).toBe(before?.mode)
    })
  }

  it('a new file in an ordinary folder still becomes a workspace', () => {
    const file = path.join(dir, 'new', 'fresh.spanwright')
    const { results } = openEveryWay(file, dir)
    expect(results.writer).toBe('opened')
    expect(results.cliImport).toMatch(/^0: /)
    expect(fs.statSync(file).isFile()).toBe(true)
  })
})
