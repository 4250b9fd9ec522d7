import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface RunningApp {
  /** The URL the server printed, token included. */
  url: string
  origin: string
  token: string
  dir: string
  db: string
  stop(): Promise<void>
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Servers this worker started and has not seen exit: a test or hook that timed out never calls stop(). */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM')
})

/**
 * Starts `spanwright serve` (the real CLI, the real build, a real SQLite file in
 * a temp folder) and waits for the first line, `Spanwright at <url>`.
 * `root` runs another checkout's CLI (a benchmark's older build), `out` its build folder.
 */
export async function startApp(opts: { db?: string; args?: string[]; root?: string; out?: string } = {}): Promise<RunningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-e2e-'))
  const db = opts.db ?? path.join(dir, 'e2e.spanwright')
  const child: ChildProcess = spawn(process.execPath, [path.join(opts.root ?? ROOT, 'bin', 'spanwright.mjs'), 'serve', '--db', db, '--port', '0', ...(opts.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SPANWRIGHT_HOME: dir, ...(opts.out ? { SPANWRIGHT_OUT: opts.out } : {}) },
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  const first = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! })
    const timer = setTimeout(() => {
      child.kill('SIGTERM') // else it starts later, unowned, and serves until the machine reboots
      reject(new Error(`serve did not start in 55 s: ${stderr}`))
    }, 55_000)
    rl.once('line', (l) => {
      clearTimeout(timer)
      resolve(l)
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  const m = /^Spanwright at (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/.exec(first)
  if (!m) throw new Error(`unexpected first line from serve: ${first}`)
  const url = m[1]
  return {
    url,
    origin: new URL(url).origin,
    token: m[2],
    dir,
    db,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
