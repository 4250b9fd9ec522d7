import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { bundledScript } from './bundledScript'
import { REPO_ROOT } from './tempWorkspace'

export const BIN = path.join(REPO_ROOT, 'bin', 'spanwright.mjs')

/** How the CLI reports a failure (`spanwright export: …`), or a raw Node/SQLite error escaping it; warnings are allowed. */
export const NO_ERROR_LINE = /^spanwright \w+: |ENOENT|EACCES|EROFS|ENOSPC|SQLITE_|\n\s+at /m

/** Runs `spanwright ARGS` as a user does, in its own process. */
export function cli(args: string[], env: NodeJS.ProcessEnv = process.env, cwd = REPO_ROOT): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env, cwd })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** Every file in a folder (recursively) with its bytes' hash and mtime: equal states mean nothing was written. */
export function folderState(dir: string): Record<string, { sha: string; mtimeMs: number; mode: number }> {
  const out: Record<string, { sha: string; mtimeMs: number; mode: number }> = {}
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name)
      const st = fs.statSync(p)
      if (st.isDirectory()) walk(p)
      else out[path.relative(dir, p)] = { sha: crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'), mtimeMs: st.mtimeMs, mode: st.mode }
    }
  }
  walk(dir)
  return out
}

/** A child's first stdout line, or a rejection with its stderr if it exits first. */
export function firstLine(child: ChildProcess, matching: RegExp = /./): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = ''
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (matching.test(l)) resolve(l)
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before the line ${matching}: ${err}`)))
  })
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('close', (c) => resolve(c))))
}

/**
 * Runs a snippet of TypeScript-importing code in a real second process (plain node, the snippet and the sources it
 * imports bundled: bundledScript.ts). A snippet is bundled once per run: pass what changes per call (a file name) in
 * `args` (process.argv[2] on) rather than in the code.
 */
export function spawnScript(code: string, env: NodeJS.ProcessEnv = process.env, args: string[] = []): ChildProcess {
  return spawn(process.execPath, [bundledScript(code), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env })
}
