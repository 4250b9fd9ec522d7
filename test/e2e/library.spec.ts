import { expect, test } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const N = 3000
const TOPICS = ['Harbour strike', 'Budget vote', 'River floods', 'Rail works', 'Museum opening', 'Court ruling']
const id = (i: number) => `news-${String(i).padStart(4, '0')}`
const title = (i: number) => `${TOPICS[i % TOPICS.length]} ${i}`
const text = (i: number) =>
  `${title(i)}\n\nOfficials met on day ${i % 28} to discuss the plans. ` +
  (i % 50 === 7 ? 'Dockers in Zeebrugge walked out at dawn, and the port stayed shut. ' : 'The talks went on late into the evening. ') +
  'A spokesperson said more would follow.'

/**
 * A corpus of 3,000 documents imported through the real CLI: alice's layer on
 * every 2nd, bob's on every 3rd, so every 6th has two layers to compare.
 */
function buildWorkspace(dir: string): string {
  const db = path.join(dir, 'corpus.spanwright')
  const lines = (annotator: string | null, every: number) =>
    Array.from({ length: N }, (_, i) => i)
      .filter((i) => i % every === 0)
      .map((i) => {
        const t = text(i)
        const at = t.indexOf('Officials')
        return JSON.stringify({
          id: id(i),
          text: t,
          meta: { title: title(i) },
          ...(annotator ? { annotator, spans: [{ id: 'T1', start: at, end: at + 9, label: 'PERSON' }] } : {}),
        })
      })
      .join('\n') + '\n'
  const files = [path.join(dir, 'base.jsonl'), path.join(dir, 'alice.jsonl'), path.join(dir, 'bob.jsonl')]
  fs.writeFileSync(files[0], lines(null, 1))
  fs.writeFileSync(files[1], lines('alice', 2))
  fs.writeFileSync(files[2], lines('bob', 3))
  for (const f of files) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', f, '--db', db, '--add-labels'], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: dir } })
    if (r.status !== 0) throw new Error(`import ${f} failed: ${r.stderr}`)
  }
  return db
}

test.describe('the library at corpus scale (3,000 documents)', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    test.setTimeout(120_000) // a 3,000-document import and a cold start of serve, beside three other test files on a busy machine
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-library-'))
    app = await startApp({ db: buildWorkspace(dir) })
    await setAnnotatorViaApi(app, 'alice')
    // alice finished two documents (an import adds layers, it sets no status).
    for (const i of [0, 6]) {
      const doc = (await apiCall(app, 'documents.get', { externalId: id(i) })) as { id: number }
      await apiCall(app, 'documents.setStatus', { documentId: doc.id, annotator: 'alice', status: 'done' })
    }
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('paints the first rows with only a screenful mounted, and scrolling fetches more', async ({ page }) => {
    const pages: number[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/documents.list')) pages.push(JSON.parse(r.postData() ?? '{}').offset ?? 0)
    })
    await page.setViewportSize({ width: 1360, height: 860 })
    await page.goto(app.url)
    const rows = page.locator('[data-testid="library"] tbody tr[data-document]')
    await expect(rows.first()).toHaveAttribute('data-document', id(0))
    await expect(page.getByTestId('library-summary')).toContainText('3,000 documents')
    await expect(page.getByRole('tab', { name: /All/ })).toContainText('3,000')
    await expect(page.getByRole('tab', { name: /Done/ })).toContainText('2')
    await expect(page.getByRole('tab', { name: /To do/ })).toContainText('2,998')
    const mounted = await rows.count()
    expect(mounted).toBeGreaterThan(10)
    expect(mounted).toBeLessThan(80)
    expect(pages).toEqual([0])

    // Layers and Review: two layers (alice and bob) offer Review; one layer or none do not.
    const row = (i: number) => page.locator(`tr[data-document="${id(i)}"]`)
    await expect(row(0).getByTestId('layer-count')).toHaveAttribute('data-layers', '2')
    await expect(row(0).getByRole('link', { name: 'Review' })).toBeVisible()
    await expect(row(2).getByTestId('layer-count')).toHaveAttribute('data-layers', '1')
    await expect(row(2).getByRole('link', { name: 'Review' })).toHaveCount(0)
    await expect(row(2).getByTestId('review-status')).toContainText('One layer')
    await expect(row(1).getByTestId('layer-count')).toHaveAttribute('data-layers', '0')
    await expect(row(1).getByTestId('review-status')).toContainText('Not annotated')
    // At 1400 px the table takes the window's width, less its margins, so titles get the room it has (at most
    // 1280 px the table was ~1216 px wide and titles were cut at ~250 px while 60 px a side stayed empty).
    const table = (await page.locator('table.doc-table').first().boundingBox())!
    expect(table.width).toBeGreaterThan(1280)
    await page.screenshot({ path: 'test/e2e/__screenshots__/library-corpus.png' })

    // Deep into the corpus: the rows there are fetched and mounted, the first ones are not.
    await page.getByTestId('library-scroller').evaluate((el) => (el.scrollTop = 46 * 2400))
    await expect(rows.filter({ hasText: title(2400) }).first()).toBeVisible()
    await expect(row(0)).toHaveCount(0)
    expect(Math.max(...pages)).toBeGreaterThanOrEqual(2300)
    expect(await rows.count()).toBeLessThan(80)
  })

  test('search shows highlighted snippets, counts from the store, and hostile queries just find nothing', async ({ page }) => {
    await page.setViewportSize({ width: 1360, height: 860 })
    await page.goto(app.url)
    const rows = page.locator('[data-testid="library"] tbody tr[data-document]')
    await expect(rows.first()).toBeVisible()
    await page.getByLabel('Search documents').fill('zeebrug')
    await expect(page.getByTestId('library-summary')).toContainText('60 documents match')
    await expect(rows.first()).toHaveAttribute('data-document', /news-\d+7$/)
    const snippet = rows.first().getByTestId('snippet')
    await expect(snippet.locator('mark')).toHaveText('Zeebrugge')
    await expect(snippet).toContainText('Dockers in Zeebrugge walked out')
    await page.screenshot({ path: 'test/e2e/__screenshots__/library-corpus-search.png' })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    // The status pills take the theme (they were light pills with grey text on the dark table).
    const pill = await rows.first().getByTestId('doc-status').evaluate((el) => {
      const bg = getComputedStyle(el).backgroundColor
      const [r, g, b] = bg.match(/[\d.]+/g)!.map(Number)
      return ((r + g + b) / 3) * (bg.startsWith('color(') ? 255 : 1)
    })
    expect(pill).toBeLessThan(90)
    await page.screenshot({ path: 'test/e2e/__screenshots__/library-corpus-search-dark.png' })
    await page.emulateMedia({ colorScheme: 'light' })

    // Best matches first, on request; the snippets stay.
    await page.getByRole('button', { name: 'Show best matches first' }).click()
    await expect(page.getByTestId('library-summary')).toContainText('60 documents match · best matches first')
    await expect(rows.first().getByTestId('snippet').locator('mark')).toHaveText('Zeebrugge')
    await page.getByRole('button', { name: 'Show in corpus order' }).click()
    await expect(rows.first()).toHaveAttribute('data-document', id(7))

    // Filters compose with the search: bob's layer (every 3rd) among the 60.
    await page.getByLabel('Filter by annotator').selectOption('bob')
    await expect(page.getByTestId('library-summary')).toContainText('20 documents match')
    await page.getByLabel('Filter by annotator').selectOption('')

    for (const q of ['"', 'AND', '-', 'NEAR(', '<b>x</b>']) {
      // The summary already says "N documents match" from the search before: wait for the store's answers to this one.
      const answered = (method: string) =>
        page.waitForResponse((r) => r.url().endsWith(`/api/${method}`) && (r.request().postDataJSON() as { query?: string }).query === q)
      const replies = Promise.all([answered('documents.list'), answered('documents.counts')])
      await page.getByLabel('Search documents').fill(q)
      for (const reply of await replies) expect(((await reply.json()) as { ok: boolean }).ok, `${q}: ${reply.url()}`).toBe(true)
      await expect(page.getByTestId('library-summary')).toContainText(/\d+ documents? match/)
      await expect(page.locator('.form-error')).toHaveCount(0)
    }
    await page.getByLabel('Search documents').fill('"')
    await expect(page.locator('[data-testid="library"] .empty')).toContainText('No documents match')
    // Markup in the query is text, never HTML.
    await expect(page.locator('[data-testid="library"] b')).toHaveCount(0)
  })

  test('sorts by a column in the store, and a second click reverses it', async ({ page }) => {
    await page.goto(app.url)
    const rows = page.locator('[data-testid="library"] tbody tr[data-document]')
    await expect(rows.first()).toHaveAttribute('data-document', id(0))
    const titleHeader = page.getByRole('columnheader', { name: /Title/ })
    await titleHeader.getByRole('button').click()
    await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending')
    // "Budget vote 1" sorts first by title (case-insensitive, then corpus order).
    await expect(rows.first()).toHaveAttribute('data-document', id(1))
    await titleHeader.getByRole('button').click()
    await expect(titleHeader).toHaveAttribute('aria-sort', 'descending')
    await expect(rows.first()).toHaveAttribute('data-document', id(998)) // "River floods 998"
  })
})
