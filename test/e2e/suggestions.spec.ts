import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { RunningApp } from './appServer'
import { ApiLayer } from './editorLayer'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument, setAnnotatorViaApi } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

interface Row {
  start: number
  end: number
  label: string
  text: string
  recommender: string
}

async function suggestionsViaApi(app: { origin: string; token: string }, documentId: number, annotator: string): Promise<Row[]> {
  const r = (await apiCall(app, 'recommend.suggestions', { documentId, annotator })) as { suggestions: Row[] }
  return r.suggestions.sort((a, b) => a.start - b.start)
}

async function layerSpans(app: { origin: string; token: string }, documentId: number, annotator: string) {
  return ((await apiCall(app, 'annotations.get', { documentId, annotator })) as { spans: { start: number; end: number; label: string; suggestedBy?: { recommender: string } }[] }).spans
}

const count = (page: Page) => page.getByTestId('suggestion-count')

/** Teaches the string matcher two strings (by spans made through the API, as typing would) and opens the document. */
async function teach(app: RunningApp, page: Page, annotator: string): Promise<ApiLayer> {
  await setAnnotatorViaApi(app, annotator)
  const layer = await ApiLayer.open(app, KERRY, annotator)
  await layer.span('kerry', 'PERSON', 'Kerry', 0)
  await layer.span('belgium', 'GPE', 'Belgium', 0)
  await page.goto(app.url)
  await openDocument(page, app.origin, KERRY)
  return layer
}

test.describe('suggestions in the document view', () => {
  const app = appPerDescribe()

  test('painted unlike spans with the recommender and score on hover; ] focuses, Enter accepts (with provenance), x rejects and it stays rejected after a reload', async ({ page }) => {
    await page.setViewportSize({ width: 1360, height: 860 })
    const layer = await teach(app, page, 'suggest-keys')
    const rows = await suggestionsViaApi(app, layer.doc.id, 'suggest-keys')
    expect(rows.length).toBeGreaterThan(5)
    await expect(count(page)).toHaveText(`${rows.length} suggestions`)
    // The strip is docked under the document column: the text's scroller ends where it begins, so it covers no line
    // (it floated over the foot of the text), and the scroller's top did not move when it appeared (a drag in
    // progress keeps its target).
    const bar = (await page.getByTestId('suggestion-bar').boundingBox())!
    const scroller = (await page.locator('.document-scroll').boundingBox())!
    expect(bar.y).toBeGreaterThanOrEqual(scroller.y + scroller.height - 0.5)
    expect(bar.x + bar.width).toBeLessThanOrEqual(scroller.x + scroller.width + 0.5)
    const bodyTop = await page.locator('.annotate-body').evaluate((el) => el.getBoundingClientRect().top)
    expect(scroller.y).toBe(bodyTop)
    const first = page.locator('.article .sw-suggestion').first()
    await expect(first).toHaveAttribute('title', /^Suggested (PERSON|GPE) · string-matcher · score \d\.\d\d/)
    // Not a span: no span id, a dashed outline, and its own tag.
    await expect(first).not.toHaveAttribute('data-span-id', /.*/)
    expect(await first.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('dashed')
    await expect(page.locator('.article [data-suggestion-tag]').first()).toHaveText(/^(PERSON|GPE)\?$/)
    await page.screenshot({ path: 'test/e2e/__screenshots__/suggestions-document.png' })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: 'test/e2e/__screenshots__/suggestions-document-dark.png' })
    await page.emulateMedia({ colorScheme: 'light' })

    // ] focuses the first suggestion in text order; Enter accepts it.
    await page.keyboard.press(']')
    const focused = page.locator('.article .sw-suggestion--focused')
    await expect(focused).toHaveCount(1)
    await expect(focused).toHaveText(rows[0].text)
    const spansBefore = await page.locator('[data-list-span]').count()
    await page.keyboard.press('Enter')
    await expect(page.locator('[data-list-span]')).toHaveCount(spansBefore + 1)
    await expect(count(page)).toHaveText(`${rows.length - 1} suggestions`)
    // The accepted span's row is drawn pending at once: read the layer once the store has confirmed it.
    await expect(page.locator('.span-list li.pending')).toHaveCount(0)
    const accepted = (await layerSpans(app, layer.doc.id, 'suggest-keys')).find((s) => s.start === rows[0].start && s.end === rows[0].end)
    expect(accepted?.label).toBe(rows[0].label)
    expect(accepted?.suggestedBy?.recommender).toBe('string-matcher')
    // The focus moved on to the next suggestion: Tab from there steps on through suggestions, not spans.
    await expect(focused).toHaveText(rows[1].text)
    await page.keyboard.press('Tab')
    await expect(focused).toHaveText(rows[2].text)

    // A click focuses a suggestion; x rejects it.
    const victim = rows[3]
    await page.locator('.article .sw-suggestion').nth(2).click()
    await expect(focused).toHaveText(victim.text)
    await expect(focused).toHaveAttribute('data-start', String(victim.start))
    await page.keyboard.press('x')
    await expect(count(page)).toHaveText(`${rows.length - 2} suggestions`)
    await expect(page.locator('[data-list-span]')).toHaveCount(spansBefore + 1)
    // A rejection hides the suggestion at once and is stored in the background (nothing on screen marks its save):
    // ask the store until it has it, and reload only then.
    await expect
      .poll(async () => (await suggestionsViaApi(app, layer.doc.id, 'suggest-keys')).some((r) => r.start === victim.start && r.end === victim.end))
      .toBe(false)

    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(count(page)).toHaveText(`${rows.length - 2} suggestions`)
    // Painted only near the viewport: the rejected one's place is there, and empty.
    await expect(page.locator(`.article .sw-suggestion[data-start="${rows[4].start}"]`)).toHaveCount(1)
    await expect(page.locator(`.article .sw-suggestion[data-start="${victim.start}"]`)).toHaveCount(0)
  })

  test('a label key accepts the focused suggestion as that label; Esc leaves the suggestions and Tab moves through spans again', async ({ page }) => {
    const layer = await teach(app, page, 'suggest-relabel')
    const rows = await suggestionsViaApi(app, layer.doc.id, 'suggest-relabel')
    const target = rows.find((r) => r.label === 'GPE')!
    await page.locator(`.article .sw-suggestion[data-label="GPE"]`).first().click()
    await expect(page.locator('.article .sw-suggestion--focused')).toHaveText(target.text)
    await page.keyboard.press('l') // LOC
    await expect.poll(async () => (await layerSpans(app, layer.doc.id, 'suggest-relabel')).find((s) => s.start === target.start)?.label).toBe('LOC')
    await page.keyboard.press('Escape')
    await expect(page.locator('.article .sw-suggestion--focused')).toHaveCount(0)
    await page.keyboard.press('Tab')
    await expect(page.locator('.article .sw-span--selected')).toHaveCount(1)
    // The help lists the suggestion keys.
    await page.keyboard.press('?')
    const help = page.getByRole('dialog')
    await expect(help).toContainText('Focus the next / previous suggestion')
    await expect(help).toContainText('Reject it: it is not offered again')
  })

  test('accept all asks first with the count, adds them all, and one Ctrl+Z takes them all back', async ({ page }) => {
    const layer = await teach(app, page, 'suggest-all')
    const rows = await suggestionsViaApi(app, layer.doc.id, 'suggest-all')
    const before = (await layerSpans(app, layer.doc.id, 'suggest-all')).length
    await expect(count(page)).toHaveText(`${rows.length} suggestions`)

    await page.getByTestId('accept-all-suggestions').click()
    const dialog = page.getByRole('dialog', { name: 'Accept all suggestions' })
    await expect(dialog).toContainText(`Accept all ${rows.length} suggestions in this document?`)
    await page.screenshot({ path: 'test/e2e/__screenshots__/suggestions-accept-all.png' })
    // Cancel adds nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toHaveCount(0)
    expect((await layerSpans(app, layer.doc.id, 'suggest-all')).length).toBe(before)

    await page.getByTestId('accept-all-suggestions').click()
    await page.getByTestId('confirm-accept-all').click()
    await expect(page.locator('[data-list-span]')).toHaveCount(before + rows.length)
    await expect(count(page)).toHaveCount(0)
    await expect(page.locator('.span-list li.pending')).toHaveCount(0)
    const spans = await layerSpans(app, layer.doc.id, 'suggest-all')
    expect(spans.length).toBe(before + rows.length)
    expect(spans.filter((s) => s.suggestedBy).length).toBe(rows.length)

    await page.keyboard.press('Control+z')
    await expect(page.locator('[data-list-span]')).toHaveCount(before)
    expect((await layerSpans(app, layer.doc.id, 'suggest-all')).length).toBe(before)
    // The suggestions are offered again.
    await expect(count(page)).toHaveText(`${rows.length} suggestions`)
  })
})
