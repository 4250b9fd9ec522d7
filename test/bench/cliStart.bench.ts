// The command line's start: `spanwright --version` (start, parse, print, exit) run from the build in out/cli
// (`npm run build`; scripts/buildCli.mjs) against the same command from the TypeScript sources through tsx
// (SPANWRIGHT_CLI=source), alternating in the same run; and `spanwright import` of one small file, which opens a
// workspace. Medians of RUNS each.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { builtCliEntry } from '../../bin/builtCli.mjs'
import { median, QUICK, report, round } from './benchUtil'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const RUNS = QUICK ? 5 : 15
const BIN = path.join(ROOT, 'bin', 'spanwright.mjs')

const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'buildCli.mjs')], { cwd: ROOT, encoding: 'utf8' })
if (build.status !== 0) throw new Error(`the command line did not build: ${build.stderr}`)
if (!builtCliEntry(ROOT)) throw new Error('a source file is newer than the build just made (is someone editing src/?)')

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-cli-'))
const file = path.join(home, 'one.jsonl')
fs.writeFileSync(file, `${JSON.stringify({ id: 'd1', text: 'Alice met Bob in Paris.', spans: [{ start: 0, end: 5, label: 'PERSON' }] })}\n`)

function timed(args: string[], source: boolean): number {
  const t = performance.now()
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: home, ...(source ? { SPANWRIGHT_CLI: 'source' } : {}) } })
  const ms = performance.now() - t
  if (r.status !== 0) throw new Error(`spanwright ${args.join(' ')} failed: ${r.stderr}`)
  return ms
}

const figures: Record<string, { builtMedianMs: number; sourceMedianMs: number; ratio: number }> = {}
for (const [name, args] of [
  ['--version', ['--version']],
  ['import of one small file', ['import', file, '--db', path.join(home, 'w.spanwright'), '--add-labels', '--annotator', 'alice']],
] as const) {
  const built: number[] = []
  const source: number[] = []
  for (let i = 0; i < RUNS; i++) {
    for (const s of i % 2 ? [true, false] : [false, true]) (s ? source : built).push(timed([...args], s))
  }
  figures[name] = { builtMedianMs: round(median(built)), sourceMedianMs: round(median(source)), ratio: round(median(built) / median(source)) }
}
fs.rmSync(home, { recursive: true, force: true })
report({ runs: RUNS, commands: figures, note: 'spawn -> exit of bin/spanwright.mjs; built = out/cli, source = the TypeScript sources through tsx, alternating' })
