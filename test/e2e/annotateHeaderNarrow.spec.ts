// An outsider's run: at 1024 px the document view's header cut a paper's title after a few words ("Defective
// glycosylation of decorin…"), the rest of the bar taken by undo/redo, text size, status and the done buttons. The
// header now moves the buttons, as one group, to a second row when they would leave the title less than 540 px, as the
// review's header does (f1b2b15), and the title wraps instead of being cut. The corpus is the real BioNLP 2011 EPI sample (test/fixtures/brat); its longest
// title has 245 characters.
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, headerParts, openDocument } from './pageHelpers'

const EPI = path.resolve(import.meta.dirname, '../fixtures/brat/bionlp2011-epi')

/** The header's parts and what lies under it: overlaps, parts outside the window, and whether the title is cut. */
async function header(page: Page) {
  const parts = await headerParts(page, '.annotate-head', '.annotate-actions', 0.5)
  const title = await page.locator('.annotate-head').evaluate((head) => {
    const h1 = head.querySelector('h1')!
    // Lines of text: the distinct tops of the text's boxes.
    const lineCount = (e: Element) => {
      const r = document.createRange()
      r.selectNodeContents(e)
      return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size
    }
    const next = head.nextElementSibling!.getBoundingClientRect()
    // The buttons' group (before it, the history buttons began the buttons).
    const actions = (head.querySelector('.annotate-actions') ?? head.querySelector('.history-buttons'))!.getBoundingClientRect()
    const title = h1.getBoundingClientRect()
    return {
      // The header ends above what follows it (the label palette), which it does not cover.
      coversNext: head.getBoundingClientRect().bottom > next.top + 0.5,
      cutAcross: h1.scrollWidth - h1.clientWidth,
      cutBelow: h1.scrollHeight - h1.clientHeight,
      lines: lineCount(h1),
      buttonsBelowTitle: actions.top >= title.bottom - 0.5,
      tooltip: h1.getAttribute('title'),
      text: h1.textContent,
    }
  })
  return { ...parts, ...title }
}

test.describe('the document header at 1024 px', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('shows a long title whole, wrapped, with nothing overlapping, in both themes and at 1400 px', async ({ page }) => {
    test.setTimeout(180_000) // five page loads
    const started = (await apiCall(app, 'transfer.import', { paths: [EPI], annotator: 'alice', addLabels: true })) as { id: string }
    await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: started.id })) as { state: string }).state).toBe('done')
    const docs = (await apiCall(app, 'documents.list', { annotator: 'alice' })) as { externalId: string; title: string }[]
    const long = docs.find((d) => d.externalId === 'PMID-16583246')!
    expect(long.title).toMatch(/^Defective glycosylation of decorin .* \(beta4GalT-7\)\.$/)
    for (const [width, height] of [
      [1024, 700],
      [1400, 900],
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height })
        await page.emulateMedia({ colorScheme: scheme })
        await page.goto(app.url)
        await openDocument(page, app.origin, long.externalId)
        await page.screenshot({ path: `test/e2e/__screenshots__/annotate-header-${width}-${scheme}.png` })
        const got = await header(page)
        const where = `${width} ${scheme}: ${JSON.stringify(got)}`
        expect(got.overlaps, where).toEqual([])
        expect(got.outside, where).toEqual([])
        expect(got.coversNext, where).toBe(false)
        expect(got.text).toBe(long.title)
        expect(got.tooltip).toBe(long.title)
        // The whole title is shown: neither cut at its end nor clamped below its last line.
        expect(got.cutAcross, where).toBeLessThanOrEqual(0)
        expect(got.cutBelow, where).toBeLessThanOrEqual(0)
        // At 1024 px the buttons go below the title, which has the row to itself; at 1400 px they stay beside it.
        expect(got.buttonsBelowTitle, where).toBe(width === 1024)
        expect(got.lines, where).toBeLessThanOrEqual(width === 1024 ? 3 : 4)
      }
    }
    // At 1024 px a short title also has the row to itself, whole on one line.
    const short = docs.find((d) => d.externalId === 'PMID-9222494')!
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.goto(app.url)
    await openDocument(page, app.origin, short.externalId)
    const got = await header(page)
    expect(got.overlaps).toEqual([])
    expect(got.lines, JSON.stringify(got)).toBe(1)
    expect(got.cutAcross).toBeLessThanOrEqual(0)
  })
})
