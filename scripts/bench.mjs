#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*.bench.ts in its own process (so one
// benchmark's heap does not colour another's), collects the JSON each prints
// as its last line, and writes one report (bench-results/report.json, also
// printed). Every figure carries a median and a baseline measured in the same run.
//   npm run bench -- --only store     run benchmarks whose file name contains "store"
//   npm run bench -- --quick          smaller sizes, for a smoke check
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null
const quick = args.includes('--quick')
const dir = path.join(root, 'test', 'bench')
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort()

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  quick,
  results: {},
}
let failed = 0
for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, '')
  console.error(`== bench ${name}`)
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, f), ...(quick ? ['--quick'] : [])], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SPANWRIGHT_BENCH_QUICK: quick ? '1' : '' },
  })
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? ''
  try {
    report.results[name] = JSON.parse(last)
  } catch {
    failed++
    report.results[name] = { error: `exit ${r.status}; no JSON report`, output: (r.stdout ?? '').slice(-2000) }
  }
}
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true })
const out = path.join(root, 'bench-results', 'report.json')
fs.writeFileSync(out, JSON.stringify(report, null, 2))
console.log(JSON.stringify(report, null, 2))
console.error(`report written to ${path.relative(root, out)}`)
process.exit(failed ? 1 : 0)
