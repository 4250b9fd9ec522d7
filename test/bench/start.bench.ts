// A 150 ms start (issue 12 §2), in headless Chromium against `spanwright serve`
// (browser mode) and the production build:
//   small: a 5-span document, navigation -> `spanwright:document-ready` (median);
//   big: the 100k-word bench document, the same (target: small + 200 ms);
//   initial JS: the scripts index.html loads (and preloads), gzipped from the built files;
//     beside it, every script the small document's start fetched (the editor chunk included);
//   baseline in the same run: navigation -> the library's first rows (`spanwright:library-rows`).
// The hotkey -> painted p95 stays in editor.bench.ts.
// SPANWRIGHT_START_BASELINE_OUT=<dir>: also serve an older build's renderer (<dir>/renderer, built from an
// earlier commit) from the same server and data, and report its figures beside these.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium } from 'playwright-core'
import { startApp } from '../e2e/appServer'
import { apiCall } from '../e2e/pageHelpers'
import { median, QUICK, report, round } from './benchUtil'
import { BIG_DOCUMENT, bigDocumentJsonl } from './bigDocument'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const OUT = process.env.SPANWRIGHT_OUT ?? 'out'
const RENDERER = path.join(ROOT, OUT, 'renderer')
const RUNS = QUICK ? 3 : 9

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`)
}

// Always the current sources: a stale build would measure someone else's start.
run('npx', ['electron-vite', 'build'], { SPANWRIGHT_OUT: OUT })

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length
/** The scripts the page loads before anything runs: module scripts and modulepreloads in index.html. */
function initialScripts(renderer = RENDERER): string[] {
  const html = fs.readFileSync(path.join(renderer, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2])
  return refs.map((r) => path.join(renderer, r.replace(/^\.?\//, '')))
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-start-'))
const db = path.join(dir, 'bench.spanwright')
const jsonl = path.join(dir, 'docs.jsonl')
const small = {
  id: 'start-5',
  text: 'Kerry met Michel in Brussels on Monday. They spoke with Angela about Paris.',
  spans: [
    { start: 0, end: 5, label: 'PERSON' },
    { start: 10, end: 16, label: 'PERSON' },
    { start: 20, end: 28, label: 'GPE' },
    { start: 56, end: 62, label: 'PERSON' },
    { start: 69, end: 74, label: 'GPE' },
  ],
  annotator: 'bench',
}
fs.writeFileSync(jsonl, `${JSON.stringify(small)}\n${bigDocumentJsonl(BIG_DOCUMENT)}`)
run(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', jsonl, '--db', db])

const app = await startApp({ db })
await apiCall(app, 'session.setAnnotator', { name: 'bench' })
const browser = await chromium.launch({
  executablePath: process.env.SPANWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
})
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
await context.addInitScript('globalThis.__name = (f) => f')

/** A fresh page: navigation -> the mark, and the scripts it fetched. */
async function open(hash: string, mark: string): Promise<{ ms: number; scripts: string[] }> {
  const page = await context.newPage()
  await page.goto(`${app.url}${hash}`)
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, mark, { timeout: 60_000 })
  const r = await page.evaluate((mark) => {
    const m = performance.getEntriesByName(mark)[0]
    const scripts = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.js(\?|$)/.test(n))
    return { ms: m ? m.startTime : Number.NaN, scripts }
  }, mark)
  await page.close()
  return r
}

const smallRuns: number[] = []
const bigRuns: number[] = []
const libraryRuns: number[] = []
let smallScripts: string[] = []
// One warm-up of each (the server's first reads, Chromium's compile cache), not counted.
await open('#/documents/start-5', 'spanwright:document-ready')
await open('#/', 'spanwright:library-rows')
for (let i = 0; i < RUNS; i++) {
  const s = await open('#/documents/start-5', 'spanwright:document-ready')
  smallRuns.push(s.ms)
  smallScripts = s.scripts
  bigRuns.push((await open(`#/documents/bench-100k`, 'spanwright:document-ready')).ms)
  libraryRuns.push((await open('#/', 'spanwright:library-rows')).ms)
}
await app.stop()

// The older build, if asked for: same server code, same data, its own renderer.
const baselineOut = process.env.SPANWRIGHT_START_BASELINE_OUT
let baseline: Record<string, unknown> | null = null
if (baselineOut) {
  const ownOut = process.env.SPANWRIGHT_OUT
  process.env.SPANWRIGHT_OUT = path.resolve(baselineOut)
  const old = await startApp({ db })
  if (ownOut === undefined) delete process.env.SPANWRIGHT_OUT
  else process.env.SPANWRIGHT_OUT = ownOut
  const openOld = async (hash: string) => {
    const page = await context.newPage()
    await page.goto(`${old.url}${hash}`)
    await page.waitForFunction(() => performance.getEntriesByName('spanwright:document-ready').length > 0, undefined, { timeout: 60_000 })
    const ms = await page.evaluate(() => performance.getEntriesByName('spanwright:document-ready')[0].startTime)
    await page.close()
    return ms
  }
  await openOld('#/documents/start-5')
  const oldSmall: number[] = []
  const oldBig: number[] = []
  for (let i = 0; i < RUNS; i++) {
    oldSmall.push(await openOld('#/documents/start-5'))
    oldBig.push(await openOld('#/documents/bench-100k'))
  }
  await old.stop()
  baseline = {
    build: baselineOut,
    smallDocumentReadyMedianMs: round(median(oldSmall)),
    bigDocumentReadyMedianMs: round(median(oldBig)),
    initialJsGzipKiB: round(initialScripts(path.join(path.resolve(baselineOut), 'renderer')).reduce((n, f) => n + gz(f), 0) / 1024, 1),
  }
}
await browser.close()

const initial = initialScripts()
const fetchedFiles = smallScripts.map((u) => path.join(RENDERER, new URL(u).pathname.replace(/^\//, '')))
const smallMs = median(smallRuns)
report({
  start: {
    runs: RUNS,
    smallDocumentReadyMedianMs: round(smallMs),
    smallTarget: '<= 150 ms',
    bigDocumentReadyMedianMs: round(median(bigRuns)),
    bigTarget: `<= small + 200 ms (${round(smallMs + 200)} ms)`,
    baselineLibraryRowsMedianMs: round(median(libraryRuns.filter((x) => !Number.isNaN(x)))),
    initialJsGzipKiB: round(initial.reduce((n, f) => n + gz(f), 0) / 1024, 1),
    initialJsFiles: initial.map((f) => path.basename(f)),
    initialJsTarget: '<= 150 kB gzipped',
    smallDocumentAllJsGzipKiB: round(fetchedFiles.reduce((n, f) => n + gz(f), 0) / 1024, 1),
    smallDocumentJsFiles: fetchedFiles.map((f) => path.basename(f)),
    baselineOlderBuild: baseline,
  },
})
fs.rmSync(dir, { recursive: true, force: true })
