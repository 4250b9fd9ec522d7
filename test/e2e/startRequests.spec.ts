// The start (issue 12 §2): the boot script, which runs before the app's bundle, asks for the first
// screen's reads and the editor's code, and the screens take those reads instead of asking again.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { appPerDescribe } from './fixtures'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** API methods the page asked for, in order. */
function apiRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (u.pathname.startsWith('/api/')) seen.push(decodeURIComponent(u.pathname.slice('/api/'.length)))
  })
  return seen
}

const count = (xs: string[], x: string) => xs.filter((y) => y === x).length

test.describe('the start', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('a document link: each first read is asked once, before the app bundle has run, and the layer is painted', async ({ page }) => {
    const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { id: number; text: string }
    const at = doc.text.indexOf('Kerry')
    await apiCall(app, 'spans.create', { documentId: doc.id, annotator: 'alice', label: 'PERSON', start: at, end: at + 5 })
    const seen = apiRequests(page)
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    const atReady = [...seen]
    for (const m of ['app.info', 'schema.list', 'documents.get', 'annotations.get']) expect(count(atReady, m), m).toBe(1)
    await expect(page.locator('[data-span-id][data-label="PERSON"]')).toHaveText('Kerry')

    // The boot script asked for the document and the editor's code before the app's bundle ran.
    const order = await page.evaluate(() => {
      const appStart = performance.getEntriesByName('spanwright:app-start')[0].startTime
      const started = (part: string) => performance.getEntriesByType('resource').find((e) => e.name.includes(part))?.startTime ?? Number.NaN
      return { appStart, documentsGet: started('/api/documents.get'), editorCode: started('/assets/DocumentView-') }
    })
    expect(order.documentsGet).toBeLessThan(order.appStart)
    expect(order.editorCode).toBeLessThan(order.appStart)
    // Its copy of the transport read the token and took it out of the address bar.
    expect(page.url()).not.toContain('token=')
  })

  test('a document link: the layer is asked for by the external id while the document\'s own read is still out', async ({ page }) => {
    // documents.get is held until annotations.get has been asked for (or 10 s have passed): a layer read that waited
    // for the document's row id would only come after it.
    const seen = apiRequests(page)
    let layerAsked: (body: unknown) => void = () => undefined
    const layerRequest = new Promise<unknown>((resolve) => (layerAsked = resolve))
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/annotations.get') layerAsked(r.postDataJSON())
    })
    let askedWhileHeld: unknown = null
    await page.route('**/api/documents.get', async (route) => {
      askedWhileHeld = await Promise.race([layerRequest, new Promise((resolve) => setTimeout(() => resolve(null), 10_000))])
      await route.continue()
    })
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    expect(askedWhileHeld).toEqual({ externalId: KERRY, annotator: 'alice' })
    // The screen took that read: neither is asked twice.
    expect(count(seen, 'annotations.get')).toBe(1)
    expect(count(seen, 'documents.get')).toBe(1)
  })

  test('the library: the session, schema, first page and counts are asked once each, and no document is', async ({ page }) => {
    const seen = apiRequests(page)
    await page.goto(app.url)
    await expect(page.locator(`tr[data-document="${KERRY}"]`)).toBeVisible()
    await expect(page.getByTestId('library-summary')).toContainText('5 documents')
    for (const m of ['app.info', 'schema.list', 'documents.list', 'documents.counts']) expect(count(seen, m), m).toBe(1)
    expect(count(seen, 'documents.get')).toBe(0)
    expect(count(seen, 'annotations.get')).toBe(0)
  })

  test('a link to a missing document says so, and the library still opens from the top bar', async ({ page }) => {
    await page.goto(`${app.url}#/documents/no-such-document`)
    await expect(page.getByText('Cannot open no-such-document')).toBeVisible()
    await page.locator('.topnav a', { hasText: 'Library' }).click()
    await expect(page.locator(`tr[data-document="${KERRY}"]`)).toBeVisible()
  })

  test('the token is kept for a reload only once the document is ready (no storage wait before the first screen)', async ({ page }) => {
    // Read at the ready mark itself: the boot script took the token from the address; the tab's storage has it only later.
    await page.addInitScript(() => {
      const mark = performance.mark.bind(performance)
      performance.mark = ((name: string, opts?: PerformanceMarkOptions) => {
        if (name === 'spanwright:document-ready') (window as unknown as { kept: unknown }).kept = sessionStorage.getItem('spanwright.token')
        return mark(name, opts)
      }) as typeof performance.mark
    })
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    expect(await page.evaluate(() => (window as unknown as { kept: unknown }).kept)).toBeNull()
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('spanwright.token'))).toBe(app.token)
  })

  test('a reload right after the start keeps the session (the token is kept for the tab as the page goes)', async ({ page }) => {
    await page.goto(`${app.url}#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    expect(page.url()).not.toContain('token=')
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('.panel-error, .app-error')).toHaveCount(0)
  })
})

test.describe('a document past the library\'s first page', () => {
  let app: RunningApp
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-e2e-status-'))
  test.beforeAll(async () => {
    // 120 documents through the real CLI: the library's first page holds 100 of them.
    const jsonl = path.join(dir, 'docs.jsonl')
    fs.writeFileSync(jsonl, Array.from({ length: 120 }, (_, i) => JSON.stringify({ id: `doc-${String(i).padStart(3, '0')}`, text: `Document ${i} about Brussels.` })).join('\n'))
    const db = path.join(dir, 'status.spanwright')
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', jsonl, '--db', db], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: dir } })
    if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`)
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'alice')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('opens with its own status, not the default', async ({ page }) => {
    const last = (await apiCall(app, 'documents.get', { externalId: 'doc-119' })) as { id: number }
    await apiCall(app, 'documents.setStatus', { documentId: last.id, annotator: 'alice', status: 'done' })
    await page.goto(`${app.url}#/documents/doc-119`)
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('.annotate-head [data-doc-status]')).toHaveAttribute('data-doc-status', 'done')
  })
})
