// scratch profiler (editor-perf); deleted before report
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { chromium } from 'playwright-core'
import { startApp } from '../e2e/appServer'
import { apiCall } from '../e2e/pageHelpers'
import { BIG_DOCUMENT, bigDocumentJsonl } from './bigDocument'
const dir = '/tmp/helpers/ep'
const db = path.join(dir, 'bench.spanwright')
if (!fs.existsSync(db)) {
  fs.writeFileSync(path.join(dir, 'd.jsonl'), bigDocumentJsonl(BIG_DOCUMENT))
  spawnSync(process.execPath, ['bin/spanwright.mjs', 'import', path.join(dir, 'd.jsonl'), '--db', db], { stdio: 'inherit' })
}
const mode = process.argv[2] ?? 'open'
const app = await startApp({ db })
await apiCall(app, 'session.setAnnotator', { name: 'bench' })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
await context.addInitScript('globalThis.__name = (f) => f')
await context.addInitScript(`new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'spanwright:document-ready') requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now()))) }).observe({ type: 'mark' })`)
if (process.env.EP_CSS_EARLY) await context.addInitScript(`document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(process.env.EP_CSS_EARLY)}; document.head.append(s) })`)
const page = await context.newPage()
const cdp = await context.newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
if (mode === 'open') await cdp.send('Profiler.start')
await page.goto(`${app.url}#/documents/bench-100k`)
await page.locator('[data-document-ready="true"]').waitFor({ timeout: 60_000 })
if (process.env.EP_CSS) await page.addStyleTag({ content: process.env.EP_CSS })
const ms = await page.evaluate(() => performance.getEntriesByName('spanwright:document-ready')[0].startTime)
const nav = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('resource').map((r) => [r.name.replace(/.*\/api\//, ''), Math.round(r.startTime), Math.round(r.responseEnd)])))
await page.waitForFunction(() => (window as any).__painted); console.log('ready', ms, 'painted', await page.evaluate(() => (window as any).__painted))
if (mode === 'hotkey') {
  if (process.env.EP_TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'], path: '/tmp/helpers/ep/trace.json' })
  else await cdp.send('Profiler.start')
  for (let i = 0; i < 10; i++) {
    await page.evaluate((i) => {
      const cands: { node: Text; start: number; end: number }[] = []
      for (const p of document.querySelectorAll('.article p')) {
        const r = p.getBoundingClientRect()
        if (r.bottom < 0 || r.top > innerHeight) continue
        for (const n of p.childNodes) if (n instanceof Text) for (const m of n.data.matchAll(/[A-Za-z]{4,}/g)) cands.push({ node: n, start: m.index, end: m.index + m[0].length })
      }
      const c = cands[(i * 7) % cands.length]
      const range = document.createRange(); range.setStart(c.node, c.start); range.setEnd(c.node, c.end)
      getSelection()!.removeAllRanges(); getSelection()!.addRange(range)
    }, i)
    await page.keyboard.press('p')
    await page.waitForTimeout(300)
  }
  if (process.env.EP_TRACE) {
    await browser.stopTracing()
    const ev = JSON.parse(fs.readFileSync('/tmp/helpers/ep/trace.json', 'utf8')).traceEvents as { name: string; dur?: number; ph: string; args?: any }[]
    const agg = new Map<string, number>()
    for (const e of ev) if (e.ph === 'X' && e.dur) agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000)
    for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k)
    for (const e of ev) if (e.name === 'EventDispatch' && e.args?.data?.type === 'keydown') console.log('keydown task', (e.dur! / 1000).toFixed(1))
    await browser.close(); await app.stop(); process.exit(0)
  }
}
if (mode === 'trace') {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'], path: '/tmp/helpers/ep/trace.json' })
  await page.evaluate(() => new Promise<void>((res) => { const s = document.querySelector('.document-scroll')!; let n = 0; const f = () => { s.scrollTop += 300; if (++n < 200) requestAnimationFrame(f); else res() }; requestAnimationFrame(f) }))
  await browser.stopTracing()
  const ev = JSON.parse(fs.readFileSync('/tmp/helpers/ep/trace.json', 'utf8')).traceEvents as { name: string; dur?: number; ph: string; tid: number }[]
  const agg = new Map<string, number>()
  for (const e of ev) if (e.ph === 'X' && e.dur) agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000)
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1).padStart(8), k)
  const frames = ev.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 30000).map((e) => (e.dur! / 1000).toFixed(0))
  console.log('long tasks', frames.join(' '))
  const deltas = await page.evaluate(() => new Promise<number[]>((res) => { const s = document.querySelector('.document-scroll')!; const d: number[] = []; let last = performance.now(); const f = (t: number) => { d.push(t - last); last = t; s.scrollTop += 300; if (d.length < 200) requestAnimationFrame(f); else res(d.slice(1)) }; requestAnimationFrame(f) }))
  deltas.sort((a, b) => a - b)
  console.log('frames max', deltas.at(-1)!.toFixed(1), 'p95', deltas[Math.floor(deltas.length * 0.95)].toFixed(1), 'median', deltas[deltas.length >> 1].toFixed(1))
  await browser.close()
  await app.stop()
  process.exit(0)
}
if (mode === 'scroll') {
  await cdp.send('Profiler.start')
  await page.evaluate(() => new Promise<void>((res) => { const s = document.querySelector('.document-scroll')!; let n = 0; const f = () => { s.scrollTop += 300; if (++n < 200) requestAnimationFrame(f); else res() }; requestAnimationFrame(f) }))
}
const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[]; samples: number[]; timeDeltas: number[] } }
const self = new Map<string, number>()
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i])!
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
  self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)
for (const [k, v] of top) console.log(v.toFixed(1).padStart(8), k)
await browser.close()
await app.stop()
