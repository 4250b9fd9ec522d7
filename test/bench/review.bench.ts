// The merged review view of issue 5 on a 10k-word document with three
// annotators' layers (1,000 spans and 200 relations each, differing in labels,
// boundaries and missing items), in headless Chromium against `spanwright serve`:
//   open: navigation -> `spanwright:document-ready` (median), baseline the same
//   document opened in the annotate view (one layer) in the same run.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { startApp } from '../e2e/appServer'
import { apiCall } from '../e2e/pageHelpers'
import { median, QUICK, report, round } from './benchUtil'
import { BIG_DOCUMENT, bigDocument } from './bigDocument'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const OUT = process.env.SPANWRIGHT_OUT ?? 'out'
const RUNS = QUICK ? 2 : 7
const DOC = { ...BIG_DOCUMENT, words: 10_000, spans: 1_000, relations: 200, id: 'review-10k' }
const LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'DATE', 'NORP', 'EVENT']

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`)
}

if (!fs.existsSync(path.resolve(ROOT, OUT, 'renderer', 'index.html'))) run('npx', ['electron-vite', 'build'], { SPANWRIGHT_OUT: OUT })

/** Three layers of one document: alice as generated, bob relabels every 7th span, carol drops every 9th and trims every 11th. */
function layers(): string {
  const d = bigDocument(DOC)
  const line = (annotator: string, spans: typeof d.spans) => {
    const ids = new Set(spans.map((s) => s.id))
    const relations = d.relations.filter((r) => ids.has(r.head) && ids.has(r.tail))
    return JSON.stringify({ id: d.id, text: d.text, meta: { title: 'Review benchmark: 10,000 words, 3 layers' }, annotator, offsets: 'utf16', spans, relations }) + '\n'
  }
  const bob = d.spans.map((s, i) => (i % 7 === 3 ? { ...s, label: LABELS[(LABELS.indexOf(s.label) + 1) % LABELS.length] } : s))
  const carol = d.spans
    .filter((_, i) => i % 9 !== 4)
    .map((s, i) => (i % 11 === 5 && s.end - s.start > 3 ? { ...s, end: s.end - 1, text: s.text.slice(0, -1) } : s))
  return line('alice', d.spans) + line('bob', bob) + line('carol', carol)
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-bench-review-'))
const db = path.join(dir, 'bench.spanwright')
const jsonl = path.join(dir, 'layers.jsonl')
fs.writeFileSync(jsonl, layers())
run(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', jsonl, '--db', db])

const app = await startApp({ db })
await apiCall(app, 'session.setAnnotator', { name: 'alice' })
const review = (await apiCall(app, 'review.layers', { externalId: DOC.id })) as { alignment: { spanGroups: { difference: string }[] } }
const disagreements = review.alignment.spanGroups.filter((g) => g.difference !== 'agreed').length
const browser = await chromium.launch({
  executablePath: process.env.SPANWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
})
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
await context.addInitScript('globalThis.__name = (f) => f')

async function open(hash: string): Promise<number> {
  const page = await context.newPage()
  await page.goto(`${app.url}${hash}`)
  await page.locator('[data-document-ready="true"]').first().waitFor({ timeout: 60_000 })
  const ms = await page.evaluate(() => performance.getEntriesByName('spanwright:document-ready')[0].startTime)
  await page.close()
  return ms
}

const merged: number[] = []
const annotate: number[] = []
for (let i = 0; i < RUNS; i++) {
  annotate.push(await open(`#/documents/${DOC.id}`))
  merged.push(await open(`#/review/${DOC.id}`))
}
await browser.close()
await app.stop()

report({
  document: { words: DOC.words, layers: 3, spansPerLayer: DOC.spans, relations: DOC.relations, disagreements },
  openMerged: { runs: RUNS, medianMs: round(median(merged)), baselineAnnotateViewMedianMs: round(median(annotate)), target: '<= 1000 ms' },
})
fs.rmSync(dir, { recursive: true, force: true })
