import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall, finishReviewThenChange, setAnnotatorViaApi } from './pageHelpers'
import { contrastOf } from './visualChecks'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const TEXT = 'Kerry met Michel in Brussels on Friday.'
const SHOTS = process.env.SPANWRIGHT_SHOTS ?? 'test/e2e/__screenshots__'

/** Four documents with alice's and bob's layers (imported through the CLI); d1's review is done, then alice changes it. */
test.describe('the library shown again, and its badges in the dark theme', () => {
  let app: RunningApp
  const docId = async (externalId: string) => ((await apiCall(app, 'documents.get', { externalId })) as { id: number }).id
  test.beforeAll(async () => {
    test.setTimeout(120_000) // two cold starts of the CLI from its sources on a busy machine
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-library-shown-'))
    const db = path.join(dir, 'shown.spanwright')
    const file = path.join(dir, 'layers.jsonl')
    const lines = ['alice', 'bob'].flatMap((annotator) => {
      const spans = [{ start: 0, end: 5, label: 'PERSON' }, { start: 20, end: 28, label: annotator === 'alice' ? 'GPE' : 'LOC' }]
      return ['d1', 'd2', 'd3', 'd4'].map((id) => JSON.stringify({ id, text: TEXT, meta: { title: `Report ${id}` }, annotator, spans }))
    })
    fs.writeFileSync(file, lines.join('\n') + '\n')
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', file, '--db', db], { env: { ...process.env, SPANWRIGHT_HOME: dir } })
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'alice')
    await finishReviewThenChange(app, 'd1')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('the status tabs count again with the rows when the window is focused or shown again', async ({ page }) => {
    await page.goto(app.url)
    const tab = (name: RegExp) => page.getByRole('tab', { name })
    const pill = (id: string) => page.locator(`tr[data-document="${id}"]`).getByTestId('doc-status')
    // alice's span on d1 (beforeAll) put it in progress.
    await expect(tab(/To do/)).toContainText('3')
    await expect(tab(/Done/)).toContainText('0')
    await expect(pill('d2')).toHaveText('To do')

    // Marked done from outside the page (the CLI, another window, a sync); the page does not poll.
    await apiCall(app, 'documents.setStatus', { documentId: await docId('d2'), annotator: 'alice', status: 'done' })
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(pill('d2')).toHaveText('Done')
    // Before, the row said Done while its tab still counted it under To do.
    await expect(tab(/Done/)).toContainText('1')
    await expect(tab(/To do/)).toContainText('2')

    // With the Done tab chosen, a document marked done elsewhere joins its rows and its count together.
    await tab(/Done/).click()
    await expect(page.locator('tr[data-document]')).toHaveCount(1)
    await apiCall(app, 'documents.setStatus', { documentId: await docId('d3'), annotator: 'alice', status: 'done' })
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await expect(page.locator('tr[data-document]')).toHaveCount(2)
    await expect(tab(/Done/)).toContainText('2')
    await expect(page.getByTestId('library-summary')).toContainText('2 documents')
    await expect(tab(/To do/)).toContainText('1')
  })

  test('the gold pill and the "changed since done" badge are readable in both themes, and dark in the dark one', async ({ page }) => {
    await page.goto(app.url)
    const row = page.locator('tr[data-document="d1"]')
    const gold = row.locator('.gold-pill')
    const changed = row.getByTestId('changed-since-done')
    await expect(gold).toBeVisible()
    await expect(changed).toHaveText('Changed since done · 1')
    const lightness = (l: typeof gold) =>
      l.evaluate((el) => {
        const bg = getComputedStyle(el).backgroundColor
        const [r, g, b] = bg.match(/[\d.]+/g)!.map(Number)
        return ((r + g + b) / 3) * (bg.startsWith('color(') ? 255 : 1)
      })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme)
      expect(await contrastOf(gold)).toBeGreaterThanOrEqual(4.5)
      expect(await contrastOf(changed)).toBeGreaterThanOrEqual(4.5)
      await page.screenshot({ path: `${SHOTS}/library-badges-${scheme}.png` })
    }
    // Before: a pale yellow pill and badge on the dark table (gold ~226, badge ~236).
    expect(await lightness(gold)).toBeLessThan(90)
    expect(await lightness(changed)).toBeLessThan(90)
  })
})
