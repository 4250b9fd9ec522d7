import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { chooseAnnotator, openDocument, selectText, setAnnotatorViaApi } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

test.describe('first annotation flow', () => {
  const app = appPerDescribe()
  test.beforeEach(async ({ page }, info) => {
    // Every test but the first-run one starts with the annotator chosen.
    if (!info.title.startsWith('the library')) await setAnnotatorViaApi(app, 'alice')
    void page
  })

  test('the library lists the five sample articles for a new annotator', async ({ page }) => {
    await page.goto(app.url)
    await chooseAnnotator(page, 'alice')
    const rows = page.locator('[data-testid="library"] tbody tr')
    await expect(rows).toHaveCount(5)
    await expect(page.locator(`tr[data-document="${KERRY}"]`)).toContainText('Kerry offers US support to Belgium after attacks')
    // The token leaves the address bar once read.
    expect(page.url()).not.toContain('token=')
  })

  test('select a name, press the PERSON hotkey, reload, find it; delete it, find it gone', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    expect(await page.evaluate(() => performance.getEntriesByName('spanwright:document-ready').length)).toBe(1)

    await selectText(page, 'John Kerry')
    await page.keyboard.press('p')
    const span = page.locator('[data-span-id][data-label="PERSON"]')
    await expect(span).toHaveCount(1)
    await expect(span).toHaveText('John Kerry')
    // Painted at once as pending; reload only once the store has confirmed it.
    await expect(page.locator('.article .sw-span--pending')).toHaveCount(0)
    await page.screenshot({ path: 'test/e2e/__screenshots__/annotate-first-span.png' })

    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('[data-span-id][data-label="PERSON"]')).toHaveText('John Kerry')
    await expect(page.locator('.annotate-head .status')).toHaveText('In progress')

    await page.locator('[data-span-id][data-label="PERSON"]').click()
    await expect(page.locator('.sw-span--selected')).toHaveCount(1)
    await page.keyboard.press('Delete')
    await expect(page.locator('[data-span-id]')).toHaveCount(0)
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('[data-span-id]')).toHaveCount(0)
  })

  test('the palette labels a selection too, and overlapping spans both show', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await selectText(page, 'US Secretary of State John Kerry')
    await page.locator('[data-palette-label="PERSON"]').click()
    // As a user would, wait to see the first span before selecting the next.
    await expect(page.locator('[data-span-id][data-label="PERSON"]')).toHaveCount(1)
    await selectText(page, 'US', 1)
    await page.keyboard.press('g')
    await expect(page.locator('[data-span-id][data-label="PERSON"]').first()).toBeVisible()
    await expect(page.locator('[data-span-id][data-label="GPE"]')).toHaveText('US')
    await expect(page.locator('.span-list li')).toHaveCount(2)
  })

  test('a deep link to an unknown document says so', async ({ page }) => {
    await page.goto(app.url)
    await page.goto(`${app.origin}/#/documents/no-such-doc`)
    await expect(page.locator('.panel-error')).toContainText('no-such-doc')
  })
})
