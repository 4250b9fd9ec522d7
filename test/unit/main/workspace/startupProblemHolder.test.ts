// An outsider's run (h78): the workspace held by a `spanwright serve` left running in another terminal. The lock's own
// message names the program now (lockHolderProgram); the startup problem's title, hint and the desktop dialog's
// "Close it there" said "another window", which there is not. They name the program too.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireWorkspaceLock, lockFileOf } from '../../../../src/main/store/workspaceLock'
import { startupProblemOf } from '../../../../src/main/workspace/startupProblem'
import { tempDir } from '../../../helpers/tempWorkspace'

const kills: (() => void)[] = []
afterEach(() => kills.splice(0).forEach((k) => k()))

describe('a workspace held by spanwright serve, as the startup problem says it', () => {
  it('the title, the detail and the hint name the program and say to stop it', async () => {
    const dir = tempDir()
    // A real process whose command line reads `node …/spanwright.mjs serve`, as the CLI's does.
    const script = path.join(dir, 'spanwright.mjs')
    fs.writeFileSync(script, "console.log('up'); setInterval(() => {}, 1000)\n")
    const child = spawn(process.execPath, [script, 'serve'], { stdio: ['ignore', 'pipe', 'ignore'] })
    kills.push(() => child.kill('SIGKILL'))
    await new Promise((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve))
    const file = path.join(dir, 'w.spanwright')
    fs.writeFileSync(lockFileOf(file), JSON.stringify({ pid: child.pid, host: os.hostname(), since: new Date().toISOString() }))
    let error: unknown
    try {
      acquireWorkspaceLock(file, { waitMs: 0 })
    } catch (e) {
      error = e
    }
    const problem = startupProblemOf(error, file)
    expect(problem.kind).toBe('locked')
    expect(problem.title).toBe(`The workspace is in use by spanwright serve (pid ${child.pid}).`)
    expect(problem.detail).toMatch(/Stop it, then try again\.$/u)
    expect(problem.hints).toEqual([`stop spanwright serve (pid ${child.pid}), then run this command again`])
    expect(problem.terminal).toContain(`in use by spanwright serve (pid ${child.pid}). Stop it first (Ctrl+C where it runs)`)
  })
})
