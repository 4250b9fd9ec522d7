import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const TEXT = 'Kerry met Michel in Brussels on Friday.'

type Review = { document: { id: number }; layers: { annotator: string; spans: { id: number; start: number }[] }[] }

test.describe('the library row of a review marked done, then changed by an annotator', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-library-changed-'))
    const db = path.join(dir, 'changed.spanwright')
    for (const [annotator, brussels] of [['alice', 'GPE'], ['bob', 'LOC']]) {
      const file = path.join(dir, `${annotator}.jsonl`)
      const spans = [{ start: 0, end: 5, label: 'PERSON' }, { start: 20, end: 28, label: brussels }]
      const line = (id: string, title: string) => JSON.stringify({ id, text: TEXT, meta: { title }, annotator, spans })
      fs.writeFileSync(file, [line('d1', 'Changed after the finish'), line('d2', 'Done and unchanged'), line('d3', 'Not reviewed')].join('\n') + '\n')
      execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', file, '--db', db], { env: { ...process.env, SPANWRIGHT_HOME: dir } })
    }
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'alice')
    // rita settles Brussels on d1 and d2 and marks both done; then alice marks Michel on d1 only.
    for (const externalId of ['d1', 'd2']) {
      const review = (await apiCall(app, 'review.layers', { externalId })) as Review
      const at20 = (a: string) => review.layers.find((l) => l.annotator === a)!.spans.find((s) => s.start === 20)!.id
      await apiCall(app, 'review.decide', { documentId: review.document.id, reviewer: 'rita', accept: { item: { kind: 'span', id: at20('alice') } }, reject: [{ kind: 'span', id: at20('bob') }] })
      await apiCall(app, 'review.done', { documentId: review.document.id, reviewer: 'rita', done: true })
    }
    const d1 = (await apiCall(app, 'documents.get', { externalId: 'd1' })) as { id: number }
    await apiCall(app, 'spans.create', { documentId: d1.id, annotator: 'alice', label: 'PERSON', start: 10, end: 16 })
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('says "changed since done" with the count, asked once for the page, and plain "Review done" where nothing changed', async ({ page }) => {
    const asked: string[] = []
    page.on('request', (r) => r.url().includes('/api/review.changedSinceDone') && asked.push(r.postData() ?? ''))
    await page.goto(app.url)
    const review = (id: string) => page.locator(`tr[data-document="${id}"] [data-testid="review-status"]`)
    await expect(review('d1').getByTestId('changed-since-done')).toHaveText('Changed since done · 1')
    await expect(review('d1').getByTestId('changed-since-done')).toHaveAttribute('title', /annotators changed it since: 1 item differs now/)
    await expect(review('d1')).toHaveAttribute('data-review-status', 'adjudicated')
    await expect(review('d2')).toHaveText(/^Review done\s*Review$/)
    await expect(review('d3')).toContainText('Unreviewed')
    await page.screenshot({ path: 'test/e2e/__screenshots__/library-changed-since-done.png' })
    // One request for the page, naming only its two done rows.
    expect(asked).toHaveLength(1)
    expect(JSON.parse(asked[0]).documentIds).toHaveLength(2)

    // Reopened elsewhere while the library is open: shown again (focus), the row reads "In review" without a reload,
    // and a page with no done review asks nothing.
    const d1 = (await apiCall(app, 'documents.get', { externalId: 'd1' })) as { id: number }
    await apiCall(app, 'review.done', { documentId: d1.id, reviewer: 'rita', done: false })
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(review('d1')).toContainText('In review')
    await expect(review('d1').getByTestId('changed-since-done')).toHaveCount(0)
    await expect(review('d2')).toHaveText(/^Review done\s*Review$/)
    // d2's row shows from the page's rows; the question about it goes out after them.
    await expect.poll(() => asked.length).toBe(2)
    await page.getByRole('searchbox', { name: 'Search documents' }).fill('Not reviewed')
    await expect(page.locator('tr[data-document]')).toHaveCount(1)
    await expect(review('d3')).toContainText('Unreviewed')
    expect(asked).toHaveLength(2)
  })

  test('asks again when the library is shown again, without reloading the page, and after a document was opened; a deletion counts', async ({ page }) => {
    const asked: string[] = []
    page.on('request', (r) => r.url().includes('/api/review.changedSinceDone') && asked.push(r.postData() ?? ''))
    // The page's question must be answered before alice deletes (a late one would already count the deletion).
    const firstAnswer = page.waitForResponse((r) => r.url().includes('/api/review.changedSinceDone'))
    await page.goto(app.url)
    const review = (id: string) => page.locator(`tr[data-document="${id}"] [data-testid="review-status"]`)
    await expect(review('d2')).toHaveText(/^Review done\s*Review$/)
    await (await firstAnswer).finished()
    // alice deletes her Kerry on d2, which gold has, while the page is shown (it does not poll).
    const d2 = (await apiCall(app, 'review.layers', { externalId: 'd2' })) as Review
    const kerry = d2.layers.find((l) => l.annotator === 'alice')!.spans.find((s) => s.start === 0)!.id
    await apiCall(app, 'spans.delete', { id: kerry })
    const before = asked.length
    // The window comes back to the front (focus, as after using another window): asked again, the badge appears.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(review('d2').getByTestId('changed-since-done')).toHaveText('Changed since done · 1')
    expect(asked.length).toBeGreaterThan(before)
    expect(JSON.parse(asked[asked.length - 1]).documentIds).toEqual([d2.document.id])
    // Opened and left: alice deletes Brussels too while the document is on screen; back in the library, it says 2.
    await page.locator('tr[data-document="d2"] a.doc-title').click()
    await expect(page).toHaveURL(/#\/documents\/d2$/)
    const brussels = d2.layers.find((l) => l.annotator === 'alice')!.spans.find((s) => s.start === 20)!.id
    await apiCall(app, 'spans.delete', { id: brussels })
    await page.getByRole('link', { name: 'Back to library' }).click()
    await expect(review('d2').getByTestId('changed-since-done')).toHaveText('Changed since done · 2')
  })
})
