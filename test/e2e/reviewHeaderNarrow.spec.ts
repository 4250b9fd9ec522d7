// An outsider's run: at 1024 px the review's header left the document's title a few words wide, the rest of the bar
// taken by the view switch and the buttons. The header now puts the buttons on a second row when the title would get
// less than about 540 px, so at 1024 px a paper's title is readable (and, cut or not, whole in its tooltip).
// The corpus is the real BioNLP 2011 EPI sample (test/fixtures/brat), imported as two annotators' layers.
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, headerParts } from './pageHelpers'

const EPI = path.resolve(import.meta.dirname, '../fixtures/brat/bionlp2011-epi')

async function importAs(app: { origin: string; token: string }, annotator: string) {
  const started = (await apiCall(app, 'transfer.import', { paths: [EPI], annotator, addLabels: true })) as { id: string }
  await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: started.id })) as { state: string }).state).toBe('done')
}

/** The header's parts, their boxes, and whether any two overlap or one leaves the window. */
async function headerBoxes(page: Page) {
  const parts = await headerParts(page, '.review-head', '.review-actions')
  const title = await page.locator('.review-head').evaluate((head) => {
    const h1 = head.querySelector('h1')!
    return {
      titleShown: h1.clientWidth,
      titleWhole: h1.scrollWidth,
      tooltip: h1.getAttribute('title'),
      text: h1.textContent,
    }
  })
  return { ...parts, ...title }
}

test.describe('the review header at 1024 px', () => {
  const app = appPerDescribe({ annotator: 'rita' })

  test('shows the title readable, whole in its tooltip, with nothing overlapping, in both themes and at 1400 px', async ({ page }) => {
    test.setTimeout(180_000) // four page loads
    await importAs(app, 'alice')
    await importAs(app, 'bob')
    const docs = (await apiCall(app, 'documents.list', { annotator: 'rita' })) as { externalId: string; title: string }[]
    const doc = docs.find((d) => d.title.startsWith('Canine COL1A2'))!
    for (const [width, height] of [
      [1024, 768],
      [1400, 900],
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height })
        await page.emulateMedia({ colorScheme: scheme })
        await page.goto(app.url)
        await page.goto(`${app.origin}/#/review/${encodeURIComponent(doc.externalId)}`)
        await page.locator('[data-testid="review-view"] [data-document-ready="true"]').first().waitFor()
        await page.screenshot({ path: `test/e2e/__screenshots__/review-header-${width}-${scheme}.png` })
        const got = await headerBoxes(page)
        expect(got.overlaps, `${width} ${scheme}`).toEqual([])
        expect(got.outside, `${width} ${scheme}`).toEqual([])
        expect(got.tooltip).toBe(doc.title)
        // Readable: the title (111 characters, about 1,000 px) gets at least 540 px, cut at its end with an ellipsis.
        expect(got.titleShown, `${width} ${scheme}: ${JSON.stringify(got)}`).toBeGreaterThanOrEqual(Math.min(540, got.titleWhole))
      }
    }
  })
})
