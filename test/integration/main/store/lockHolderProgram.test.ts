// An outsider's run (h78): `spanwright serve --db w.spanwright` in one terminal, then `spanwright import … --db
// w.spanwright` (or a second `serve`) in another. The refusal said "the workspace is open in another window (pid
// 2006). Close it there first": there is no window, and the user did not know that the serve they had left running
// was it. The refusal now names the program holding the workspace, from its command line, and how to stop it.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { programOf } from '../../../../src/main/store/lockHolderProgram'
import { REPO_ROOT, tempStore } from '../../../helpers/tempWorkspace'

const BIN = path.join(REPO_ROOT, 'bin', 'spanwright.mjs')
const children: ChildProcess[] = []

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && !c.signalCode) {
      c.kill('SIGKILL')
      await new Promise((resolve) => c.once('close', resolve))
    }
  }
})

describe('a workspace refused because another program holds it names that program', () => {
  it('its command line says which program it is', () => {
    expect(programOf(['node', 'bin/spanwright.mjs', 'serve'])).toBe('spanwright serve')
    expect(programOf(['/usr/bin/node', '/home/a/proj/node_modules/.bin/spanwright', 'import', 'corpus', '--db', 'w.spanwright'])).toBe('spanwright import')
    expect(programOf(['C:\\Program Files\\nodejs\\node.exe', 'C:\\lab\\node_modules\\spanwright\\bin\\spanwright.mjs', 'export', '--format', 'jsonl'])).toBe('spanwright export')
    expect(programOf(['/opt/Spanwright/spanwright', '--no-sandbox'])).toBe('the Spanwright desktop app')
    expect(programOf(['/work/node_modules/electron/dist/electron', '.'])).toBe('the Spanwright desktop app')
    expect(programOf(['node', '--import', 'tsx', '--eval', 'openStore(x)'])).toBeNull()
    expect(programOf([])).toBeNull()
  })

  it('spanwright serve holding it: import and a second serve say so, and how to stop it', async () => {
    const { store, file, dir } = tempStore()
    store.close()
    // A stand-in for the built app: serve needs only its index.html to start.
    const out = path.join(dir, 'out')
    fs.mkdirSync(path.join(out, 'renderer'), { recursive: true })
    fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html><title>x</title>')
    const env = { ...process.env, SPANWRIGHT_HOME: dir, SPANWRIGHT_OUT: out, SPANWRIGHT_BROWSER: 'none' }
    const serve = spawn(process.execPath, [BIN, 'serve', '--db', file], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(serve)
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: serve.stdout! }).once('line', resolve)
      serve.once('exit', (code) => reject(new Error(`serve exited (${code})`)))
    })
    expect(first).toMatch(/^Spanwright at http:\/\/127\.0\.0\.1:/u)
    const said = `${file}: the workspace is in use by spanwright serve (pid ${serve.pid}). Stop it first (Ctrl+C where it runs), or wait for it to finish; if that program is gone, delete ${file}.lock.`
    const imp = spawnSync(process.execPath, [BIN, 'import', path.join(REPO_ROOT, 'resources', 'samples'), '--db', file], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 })
    expect(imp.status).toBe(1)
    expect(imp.stderr.trim()).toBe(`spanwright import: ${said}`)
    const second = spawnSync(process.execPath, [BIN, 'serve', '--db', file], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 })
    expect(second.status).toBe(1)
    expect(second.stderr).toContain(said)
    expect(second.stderr).not.toContain('another window')
  }, 240_000)
})
