import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, labelByKey, openDocument, selectText, setAnnotatorViaApi } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'
const FIRST = '000_7488830be606d235'
const THIRD = '002_41e43d58b8396c46'
const FOURTH = '003_c1cf0dc4e843ddcc'

const selectedIds = (page: Page) =>
  page.locator('.article .sw-span--selected').evaluateAll((els) => [...new Set(els.map((e) => Number((e as HTMLElement).dataset.spanId)))])

test.describe('keyboard-first editing', () => {
  const app = appPerDescribe()

  test('token snapping grows a partial word to the whole word; s turns it off (remembered), the switch back on', async ({ page }) => {
    await setAnnotatorViaApi(app, 'snapper')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const toggle = page.getByRole('switch', { name: /Snap to words/ })
    await expect(toggle).toHaveAttribute('aria-checked', 'true')

    const org = await labelByKey(page, 'ecretar', 'o')
    await expect(page.locator(`.article [data-span-id="${org}"]`)).toHaveText('Secretary')

    await page.keyboard.press('Escape')
    await page.keyboard.press('s')
    await expect(toggle).toHaveAttribute('aria-checked', 'false')
    const gpe = await labelByKey(page, 'russel', 'g')
    await expect(page.locator(`.article [data-span-id="${gpe}"]`)).toHaveText('russel')

    // The choice survives a reload.
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(toggle).toHaveAttribute('aria-checked', 'false')
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-checked', 'true')
    const loc = await labelByKey(page, 'elgiu', 'l')
    await expect(page.locator(`.article [data-span-id="${loc}"]`)).toHaveText('Belgium')
  })

  test('a selection crossing a line break makes one span over both lines', async ({ page }) => {
    await setAnnotatorViaApi(app, 'crosser')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    // The title's last word and the next paragraph's first words (paragraphs have no newline in the DOM).
    const id = await labelByKey(page, 'attacksUS Secretary', 'e')
    const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { id: number; text: string }
    const layer = (await apiCall(app, 'annotations.get', { documentId: doc.id, annotator: 'crosser' })) as { spans: { id: number; start: number; end: number }[] }
    const saved = layer.spans.find((s) => s.id === id)!
    expect(doc.text.slice(saved.start, saved.end)).toMatch(/^attacks\n+US Secretary$/)
    // Painted in both paragraphs.
    await expect(page.locator(`.article [data-span-id="${id}"]`)).toHaveText(['attacks', 'US Secretary'])
  })

  test('Tab, Shift+Tab and the arrows move the selection between spans in text order; Esc clears it', async ({ page }) => {
    await setAnnotatorViaApi(app, 'navigator')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    // Made out of text order, so the order must come from the positions.
    const daesh = await labelByKey(page, 'DAESH', 'o')
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    const belgium = await labelByKey(page, 'Belgium', 'g', 1)
    await page.keyboard.press('Escape')
    await expect(page.locator('.article .sw-span--selected')).toHaveCount(0)

    await page.keyboard.press('Tab')
    await expect.poll(() => selectedIds(page)).toEqual([kerry])
    await page.keyboard.press('Tab')
    await expect.poll(() => selectedIds(page)).toEqual([belgium])
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => selectedIds(page)).toEqual([daesh])
    await page.keyboard.press('Tab') // wraps around
    await expect.poll(() => selectedIds(page)).toEqual([kerry])
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => selectedIds(page)).toEqual([daesh])
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => selectedIds(page)).toEqual([belgium])
    await expect(page.locator('.span-details')).toBeVisible()
    await page.keyboard.press('Delete')
    await expect(page.locator('[data-list-span]')).toHaveCount(2)
    await page.keyboard.press('Tab')
    await expect.poll(() => selectedIds(page)).toEqual([kerry])
    await page.keyboard.press('Escape')
    await expect(page.locator('.article .sw-span--selected')).toHaveCount(0)
  })

  test('? opens the help overlay listing every label key and the editor keys; Esc closes it', async ({ page }) => {
    await setAnnotatorViaApi(app, 'reader')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(help).toBeVisible()
    const rows = help.locator('[data-help-label]')
    await expect(rows).toHaveCount(8)
    const keys = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-help-label')}=${e.querySelector('kbd')?.textContent}`))
    expect(keys).toEqual(['PERSON=p', 'ORG=o', 'GPE=g', 'LOC=l', 'FAC=f', 'DATE=d', 'NORP=n', 'EVENT=e'])
    // The label's colour is the schema's.
    await expect(help.locator('[data-help-label="PERSON"] .chip-label')).toHaveCSS('background-color', 'rgb(228, 87, 46)')
    for (const group of ['Spans', 'Relations', 'History', 'Search', 'Document']) await expect(help.getByRole('region', { name: group })).toBeVisible()
    await expect(help.getByRole('region', { name: 'Document' })).toContainText('Mark done and open the next document')
    await expect(help.getByRole('region', { name: 'Relations' })).toContainText('Start a relation')
    await expect(help.locator('[data-help-relation]')).toHaveCount(4)
    // While it is open, label keys do nothing.
    await selectText(page, 'Belgium')
    await page.keyboard.press('g')
    await page.screenshot({ path: 'test/e2e/__screenshots__/help-overlay.png' })
    await page.keyboard.press('Escape')
    await expect(help).toHaveCount(0)
    await expect(page.locator('[data-list-span]')).toHaveCount(0)
    // The header button opens it too.
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    await expect(help).toBeVisible()
    await page.keyboard.press('?')
    await expect(help).toHaveCount(0)
  })

  test('/ searches the document: hits painted and counted, Enter and Shift+Enter step, Esc closes', async ({ page }) => {
    await setAnnotatorViaApi(app, 'searcher')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { text: string }
    const expected = doc.text.match(/belgi/giu)!.length
    expect(expected).toBeGreaterThan(2)

    await page.keyboard.press('/')
    const box = page.getByRole('textbox', { name: 'Search in document' })
    await expect(box).toBeFocused()
    await expect(box).toHaveValue('')
    await page.keyboard.type('BELGI')
    const count = page.locator('[data-search-count]')
    await expect(count).toHaveText(`1 of ${expected}`)
    await expect(page.locator('.article .sw-hit').first()).toBeVisible()
    await expect(page.locator('.article .sw-hit--active')).toHaveCount(1)
    await expect(page.locator('.article .sw-hit--active')).toHaveText(/^belgi$/i)
    await page.keyboard.press('Enter')
    await expect(count).toHaveText(`2 of ${expected}`)
    await page.keyboard.press('Enter')
    await expect(count).toHaveText(`3 of ${expected}`)
    await page.keyboard.press('Shift+Enter')
    await expect(count).toHaveText(`2 of ${expected}`)
    await page.keyboard.press('Shift+Enter')
    await page.keyboard.press('Shift+Enter') // wraps to the last
    await expect(count).toHaveText(`${expected} of ${expected}`)
    await expect(page.locator('.article .sw-hit--active')).toBeInViewport()
    await page.screenshot({ path: 'test/e2e/__screenshots__/document-search.png' })

    await box.fill('zzqx')
    await expect(count).toHaveText('No matches')
    await expect(page.locator('.article .sw-hit')).toHaveCount(0)
    await page.keyboard.press('Escape')
    await expect(box).toHaveCount(0)
    await expect(page.locator('.article .sw-hit')).toHaveCount(0)
  })

  test('Ctrl+Enter marks the document done and opens the next not-done one; the library shows both statuses', async ({ page }) => {
    await setAnnotatorViaApi(app, 'finisher')
    const third = (await apiCall(app, 'documents.get', { externalId: THIRD })) as { id: number }
    await apiCall(app, 'documents.setStatus', { documentId: third.id, annotator: 'finisher', status: 'done' })
    await page.goto(app.url)
    await openDocument(page, app.origin, FIRST)
    const status = page.locator('.annotate-head [data-doc-status]')
    await expect(status).toHaveText('To do')
    await labelByKey(page, 'Schaerbeek', 'g')
    await expect(status).toHaveText('In progress')

    await page.keyboard.press('Control+Enter')
    await expect(page).toHaveURL(new RegExp(`#/documents/${KERRY}$`))
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('.annotate-title')).toContainText(KERRY)
    await expect(status).toHaveText('To do')

    // The next not-done after 001 skips 002 (already done).
    await page.getByRole('button', { name: /Done & next/ }).click()
    await expect(page).toHaveURL(new RegExp(`#/documents/${FOURTH}$`))
    await page.locator('[data-document-ready="true"]').waitFor()

    await page.goto(`${app.origin}/#/`)
    const row = (id: string) => page.locator(`tr[data-document="${id}"]`)
    await expect(row(FIRST)).toHaveAttribute('data-status', 'done')
    await expect(row(FIRST)).toContainText('Done')
    await expect(row(KERRY)).toHaveAttribute('data-status', 'done')
    await expect(row(FOURTH)).toHaveAttribute('data-status', 'todo')
    await expect(row(FOURTH)).toContainText('To do')
  })
})
