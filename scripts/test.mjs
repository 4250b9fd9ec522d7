#!/usr/bin/env node
// `npm test`: lint (with the layer rule), typecheck, vitest, build, Playwright.
// Prints one summary line per step, then one line of totals across vitest and
// Playwright, exactly `N passed, N failed, N skipped`. Exits non-zero if anything failed.
//   --only unit   lint, typecheck and vitest only
//   --only e2e    build and Playwright only
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
fs.mkdirSync('.test-results', { recursive: true })

const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const summary = []
let failedSteps = 0
const totals = { passed: 0, failed: 0, skipped: 0 }

function run(label, cmd, args, { quiet = false } = {}) {
  const t0 = Date.now()
  const r = spawnSync(cmd, args, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } })
  const secs = ((Date.now() - t0) / 1000).toFixed(1)
  if (quiet && r.status !== 0) process.stdout.write(`${r.stdout ?? ''}${r.stderr ?? ''}`)
  return { ok: r.status === 0, secs, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, label }
}

/** `run` with its output kept (printed only on failure), without waiting: steps that do not depend on each other overlap. */
function runQuietAsync(label, cmd, args) {
  const t0 = Date.now()
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.on('error', (e) => (out += `${e.message}\n`))
    child.on('close', (code) => {
      if (code !== 0) process.stdout.write(out)
      resolve({ ok: code === 0, secs: ((Date.now() - t0) / 1000).toFixed(1), out, label })
    })
  })
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

// The command line's build first (out/cli, under a second): every test that runs `bin/spanwright.mjs` then starts
// it in about 0.2 s instead of 0.55 s through tsx. It is the code a user runs after `npm run build`; the sources
// through tsx are still run by the tests that ask for them (SPANWRIGHT_CLI=source) and wherever the build is stale.
const cliBuild = run('build', process.execPath, [path.join('scripts', 'buildCli.mjs')], { quiet: true })
summary.push(`command-line build: ${cliBuild.ok ? 'ok' : 'FAILED (see above)'} (${cliBuild.secs}s)`)
if (!cliBuild.ok) failedSteps++

if (only !== 'e2e') {
  const lint = run('lint', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs'], { quiet: true })
  const mods = /(\d+) modules/.exec(lint.out)?.[1] ?? '?'
  summary.push(`lint: ${lint.ok ? `ok, no layer violations in ${mods} modules` : 'FAILED (layer rule violated, see above)'} (${lint.secs}s)`)
  if (!lint.ok) failedSteps++

  // The three sides' typechecks at once (each is mostly one core's work).
  const [tc1, tc2, tc3] = await Promise.all(['node', 'web', 'e2e'].map((side) => runQuietAsync('typecheck', bin('tsc'), ['-p', `tsconfig.${side}.json`, '--noEmit'])))
  const tcOk = tc1.ok && tc2.ok && tc3.ok
  summary.push(`typecheck: ${tcOk ? 'ok' : 'FAILED (see above)'} (node ${tc1.secs}s, web ${tc2.secs}s, e2e ${tc3.secs}s)`)
  if (!tcOk) failedSteps++

  const vitestJson = path.join('.test-results', 'vitest.json')
  fs.rmSync(vitestJson, { force: true })
  const vt = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
  const v = readJson(vitestJson)
  if (v) {
    const passed = v.numPassedTests
    const failed = v.numFailedTests + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0)
    const skipped = (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
    totals.passed += passed
    totals.failed += failed
    totals.skipped += skipped
    summary.push(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped (${vt.secs}s)`)
  } else {
    totals.failed += 1
    summary.push(`vitest: FAILED to report (exit ${vt.ok ? 0 : 'non-zero'})`)
  }
  if (!vt.ok && v && totals.failed === 0) totals.failed += 1

  // The short crash test (20 SIGKILL cycles): its own vitest config, its counts join the totals.
  const crashJson = path.join('.test-results', 'crash.json')
  fs.rmSync(crashJson, { force: true })
  const ct = run('crash', bin('vitest'), ['run', '--config', 'test/crash/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${crashJson}`])
  const c = readJson(crashJson)
  if (c) {
    const failed = c.numFailedTests + (c.numFailedTestSuites && !c.numFailedTests ? c.numFailedTestSuites : 0) + (!ct.ok && !c.numFailedTests ? 1 : 0)
    totals.passed += c.numPassedTests
    totals.failed += failed
    totals.skipped += (c.numPendingTests ?? 0) + (c.numTodoTests ?? 0)
    summary.push(`crash: ${c.numPassedTests} passed, ${failed} failed (${ct.secs}s)`)
  } else {
    totals.failed += 1
    summary.push('crash: FAILED to report (see above)')
  }
}

if (only !== 'unit') {
  const build = run('build', bin('electron-vite'), ['build'], { quiet: true })
  summary.push(`build: ${build.ok ? 'ok' : 'FAILED (see above)'} (${build.secs}s)`)
  if (!build.ok) failedSteps++
  const pwJson = path.join('.test-results', 'playwright.json')
  fs.rmSync(pwJson, { force: true })
  const pw = build.ok ? run('playwright', bin('playwright'), ['test']) : { ok: false, secs: '0' }
  const p = readJson(pwJson)
  if (p?.stats) {
    const passed = p.stats.expected + (p.stats.flaky ?? 0)
    const failed = p.stats.unexpected
    const skipped = p.stats.skipped
    totals.passed += passed
    totals.failed += failed
    totals.skipped += skipped
    summary.push(`playwright: ${passed} passed, ${failed} failed, ${skipped} skipped (${pw.secs}s)`)
    if (!pw.ok && failed === 0) totals.failed += 1
  } else {
    totals.failed += 1
    summary.push('playwright: FAILED to report (did the build or the browser fail to start? see above)')
  }
}

totals.failed += failedSteps
console.log('')
for (const line of summary) console.log(line)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
