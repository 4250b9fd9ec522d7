// A huge plain-text document (one paragraph per line) opening, in headless Chromium against `spanwright serve` and
// the production build: navigation -> `spanwright:document-ready` and -> the first frame after it (`painted`: what
// the reader waits for), for texts of 50,000 and 200,000 lines of ~58 characters (3 and 12 MB, no spans), beside
// the same figures for a small document (40 lines) measured in the same run (the baseline: chunking,
// editor/chunking.ts, starts above its threshold of lines and must leave a small text's open unchanged).
// And -> settled: the first frame after the page was once idle (below the threshold, the frame that lays out every
// line). Each open is a fresh tab in one browser context; opens are interleaved (small, 50k, 200k, small, …) so the
// machine's changing load falls on all of them alike.
//   SPANWRIGHT_HUGE_BASELINE_OUT=<dir>: an older build (`SPANWRIGHT_OUT=<dir> npx electron-vite build` on an older
//     commit) served by its own server on a copy of the same workspace, its opens interleaved with these.
//   SPANWRIGHT_HUGE_LINES=50000,200000: the sizes; SPANWRIGHT_HUGE_RUNS=3: opens of each; --quick: 50,000 only, 2 runs.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { chromium } from 'playwright-core'
import type { RunningApp } from '../e2e/appServer'
import { apiCall } from '../e2e/pageHelpers'
import { median, QUICK, report, round, seeded } from './benchUtil'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const RUNS = Number(process.env.SPANWRIGHT_HUGE_RUNS ?? (QUICK ? 2 : 3))
const SIZES = (process.env.SPANWRIGHT_HUGE_LINES ?? (QUICK ? '50000' : '50000,200000')).split(',').map(Number)
const BASELINE_OUT = process.env.SPANWRIGHT_HUGE_BASELINE_OUT

function plainText(lines: number, seed: number): string {
  const words = 'the a of in on at to from with by for and or but after before officials said government minister police city country report'.split(' ')
  const rand = seeded(seed)
  const out: string[] = []
  for (let i = 0; i < lines; i++) {
    let l = ''
    while (l.length < 58) l += words[Math.floor(rand() * words.length)] + ' '
    out.push(l.trimEnd())
  }
  return out.join('\n')
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-huge-bench-'))
const db = path.join(dir, 'huge.spanwright')
const jsonl = path.join(dir, 'docs.jsonl')
const docs = [{ id: 'small-40', lines: 40 }, ...SIZES.map((n) => ({ id: `plain-${n}`, lines: n }))]
fs.writeFileSync(jsonl, docs.map((d, i) => JSON.stringify({ id: d.id, text: plainText(d.lines, 7 + i), meta: { title: d.id } })).join('\n') + '\n')
const imported = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', jsonl, '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: dir } })
if (imported.status !== 0) throw new Error(imported.stderr || imported.stdout)

/**
 * `spanwright serve` on a workspace, waiting up to 3 minutes for its address: on a loaded machine the command line
 * (from the sources, through tsx) can take longer than the e2e helper's 30 s to start.
 */
async function serve(workspace: string, out?: string): Promise<RunningApp> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'serve', '--db', workspace, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SPANWRIGHT_HOME: dir, ...(out ? { SPANWRIGHT_OUT: out } : {}) },
  })
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('serve did not start in 3 minutes'))), 180_000)
    readline.createInterface({ input: child.stdout! }).once('line', (l) => (clearTimeout(timer), resolve(l)))
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
  const m = /^Spanwright at (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/.exec(first)
  if (!m) throw new Error(`unexpected first line from serve: ${first}`)
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))
  return { url: m[1], origin: new URL(m[1]).origin, token: m[2], dir, db: workspace, stop }
}

const builds: { name: string; out?: string }[] = [{ name: 'this' }, ...(BASELINE_OUT ? [{ name: 'baseline', out: BASELINE_OUT }] : [])]
const apps: RunningApp[] = []
for (const [k, b] of builds.entries()) {
  const copy = `${db}.${k}`
  fs.copyFileSync(db, copy)
  const app = await serve(copy, b.out)
  await apiCall(app, 'session.setAnnotator', { name: 'bench' })
  apps.push(app)
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] })
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
await context.addInitScript('globalThis.__name = (f) => f')
// The frame that shows the document: a rAF after the ready mark, then a task (the frame has been produced).
// Settled: the same after the root gets data-laid-out (deferredLayout.ts: the page was idle once and a text below
// the chunking threshold then lays out all its lines, a frame that blocks input).
await context.addInitScript(`
  const after = (name) => requestAnimationFrame(() => setTimeout(() => { performance.mark('bench:' + name); console.debug('bench-mark ' + name) }))
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'spanwright:document-ready') {
    after('painted')
    const root = document.querySelector('.document-root')
    const settled = () => { if (root.getAttribute('data-laid-out') === 'true') { after('settled'); return true } return false }
    if (!settled()) { const o = new MutationObserver(() => { if (settled()) o.disconnect() }); o.observe(root, { attributes: true }) }
  } }).observe({ type: 'mark', buffered: true })
`)

/** Navigation -> ready, painted and settled (ms), in a fresh tab. */
async function open(app: RunningApp, id: string): Promise<[number, number, number]> {
  const page = await context.newPage()
  const settled = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench-mark settled', timeout: 600_000 })
  await page.goto(`${app.url}#/documents/${id}`)
  await settled
  const t = (await page.evaluate(() => ['spanwright:document-ready', 'bench:painted', 'bench:settled'].map((n) => performance.getEntriesByName(n)[0].startTime))) as [number, number, number]
  await page.close()
  return t
}

// One warm-up open of the small document per build (the HTTP cache), not counted.
for (const app of apps) await open(app, 'small-40')
const runs: Record<string, [number, number, number][]> = {}
const loads: number[] = []
for (let i = 0; i < RUNS; i++)
  for (const d of docs)
    for (const [k, app] of apps.entries()) {
      const key = `${builds[k].name} ${d.id}`
      ;(runs[key] ??= []).push(await open(app, d.id))
      loads.push(os.loadavg()[0])
      console.error(key, runs[key].at(-1)!.map(Math.round).join(' '), 'load', os.loadavg()[0].toFixed(1))
    }
await browser.close()
for (const app of apps) await app.stop()
fs.rmSync(dir, { recursive: true, force: true })

const figures: Record<string, unknown> = {}
for (const [key, rs] of Object.entries(runs)) {
  const ready = median(rs.map((r) => r[0]))
  const painted = median(rs.map((r) => r[1]))
  const [build, id] = key.split(' ')
  const small = runs[`${build} small-40`]
  const smallPainted = median(small.map((r) => r[1]))
  const settled = median(rs.map((r) => r[2]))
  figures[key] = { readyMs: round(ready, 0), paintedMs: round(painted, 0), settledMs: round(settled, 0), runs: rs.map((r) => r.map((x) => round(x, 0))), paintedVsSmall: id === 'small-40' ? 1 : round(painted / smallPainted, 1) }
}
report({ runs: RUNS, sizes: SIZES, loadAverage: { min: round(Math.min(...loads), 1), max: round(Math.max(...loads), 1) }, figures })
process.exit(0)
