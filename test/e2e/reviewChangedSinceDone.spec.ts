import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall, finishReviewThenChange, setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SHOTS = 'test/e2e/__screenshots__'
const TEXT = 'Kerry met Michel in Brussels on Friday.'

/** The CLI, as a user runs it. */
function cli(args: string[]): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: path.dirname(args[args.indexOf('--db') + 1]) } })
}

type Review = { document: { id: number }; layers: { annotator: string; spans: { id: number; start: number; label: string }[] }[] }

test.describe('a review marked done, then changed by an annotator', () => {
  let app: RunningApp
  let db: string
  test.beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-changed-'))
    db = path.join(dir, 'changed.spanwright')
    for (const [annotator, brussels] of [['alice', 'GPE'], ['bob', 'LOC']]) {
      const file = path.join(dir, `${annotator}.jsonl`)
      const spans = [{ start: 0, end: 5, label: 'PERSON' }, { start: 20, end: 28, label: brussels }]
      fs.writeFileSync(file, JSON.stringify({ id: 'd1', text: TEXT, meta: { title: 'Kerry in Brussels' }, annotator, spans }) + '\n')
      cli(['import', file, '--db', db])
    }
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'rita')
    // rita takes alice's GPE over bob's LOC and marks the review done; then alice marks Michel.
    await finishReviewThenChange(app, 'd1')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('the dashboard lists it, the review says it stays done and how much differs, Shift+R reopens it', async ({ page }) => {
    await page.goto(app.url)
    await page.goto(`${app.origin}/#/agreement`)
    const list = page.getByTestId('changed-reviews')
    await expect(list).toContainText('1 review marked done, changed by annotators since')
    await expect(list).toContainText('Kerry in Brussels')
    await expect(list).toContainText('1 item differs now')
    await list.getByRole('link', { name: 'Kerry in Brussels' }).click()

    await page.locator('[data-document-ready="true"]').waitFor()
    const banner = page.getByTestId('review-changed-since-done')
    await expect(banner).toContainText('Review done, but annotators changed it since: 1 item differs now')
    await expect(banner.getByTestId('review-changes-since-done')).toHaveText('alice added PERSON “Michel”')
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-review-status', 'adjudicated')
    await expect(page.getByTestId('open-count')).toContainText('1 open')
    await page.screenshot({ path: `${SHOTS}/review-changed-since-done.png` })

    await page.keyboard.press('Shift+R')
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-review-status', 'in_review')
    await expect(banner).toHaveCount(0)
    // Reopened, the review still says what changed since the last finish, while rita works on it.
    await expect(page.getByTestId('review-changes-since-last-finish')).toHaveText('alice added PERSON “Michel”')
    // Each change leads to its place.
    await page.getByTestId('review-changes-since-last-finish').getByRole('button', { name: 'alice added PERSON “Michel”' }).click()
    await expect(page.getByTestId('disagreement-card')).toContainText('“Michel”')
    await page.goto(`${app.origin}/#/agreement`)
    await expect(page.getByTestId('agreement-dashboard')).toBeVisible()
    await expect(page.getByTestId('changed-reviews')).toHaveCount(0)
  })

  test('the dashboard asks again when it is shown again: a change made meanwhile appears, a reopened review leaves; x takes the deleted item out of gold', async ({ page }) => {
    // rita settles Michel and finishes again: nothing has changed since this finish.
    const review = (await apiCall(app, 'review.layers', { externalId: 'd1' })) as Review
    const id = review.document.id
    const michel = review.layers.find((l) => l.annotator === 'alice')!.spans.find((s) => s.start === 10)!.id
    await apiCall(app, 'review.decide', { documentId: id, reviewer: 'rita', accept: { item: { kind: 'span', id: michel } } })
    await apiCall(app, 'review.done', { documentId: id, reviewer: 'rita', done: true })
    const firstAnswer = page.waitForResponse((r) => r.url().includes('/api/review.changedSinceDone'))
    await page.goto(app.url)
    await page.goto(`${app.origin}/#/agreement`)
    await expect(page.getByTestId('agreement-dashboard')).toBeVisible()
    await (await firstAnswer).finished()
    await expect(page.getByTestId('changed-reviews')).toHaveCount(0)
    // bob deletes his Kerry while the dashboard stays open; the window comes back to the front.
    await apiCall(app, 'spans.delete', { id: review.layers.find((l) => l.annotator === 'bob')!.spans.find((s) => s.start === 0)!.id })
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(page.getByTestId('changed-reviews')).toContainText('Kerry in Brussels')
    await expect(page.getByTestId('changed-reviews')).toContainText('1 item differs now')
    // Reopened in another window: the next time the page is shown, it is no longer listed.
    await apiCall(app, 'review.done', { documentId: id, reviewer: 'rita', done: false })
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await expect(page.getByTestId('changed-reviews')).toHaveCount(0)
    // rita agrees with bob: from the list she goes to Kerry, still in gold, and x takes it out.
    await page.goto(`${app.origin}/#/review/d1`)
    await page.locator('[data-document-ready="true"]').waitFor()
    await page.getByTestId('review-changes-since-last-finish').getByRole('button', { name: 'bob deleted PERSON “Kerry”' }).click()
    await page.keyboard.press('x')
    await expect(page.locator('.toast')).toContainText('Took PERSON (alice) out of gold and rejected it')
    await expect(page.getByTestId('gold-list')).not.toContainText('Kerry')
  })
})
