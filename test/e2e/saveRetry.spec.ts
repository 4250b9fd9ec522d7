import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { labelByKey, openDocument, setAnnotatorViaApi } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'
const DISK_FULL = { ok: false, error: { code: 'unavailable', message: 'the workspace could not be written: the disk is full' } }

async function reload(page: Page) {
  await page.reload()
  await page.locator('[data-document-ready="true"]').waitFor()
}

/** The first `n` calls of `method` answer as a full disk would (the server's real reply shape); the rest reach the server. */
async function failFirst(page: Page, method: string, n: number): Promise<{ failures: number }> {
  const state = { failures: 0 }
  await page.route(`**/api/${method}`, async (route) => {
    if (state.failures < n) {
      state.failures++
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(DISK_FULL) })
    } else await route.continue()
  })
  return state
}

test.describe('every edit is kept pending and retried until saved', () => {
  const app = appPerDescribe()

  test('a delete while another process holds the workspace locked: the span stays, marked deleting, until the lock is gone', async ({ page }) => {
    await setAnnotatorViaApi(app, 'locked')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')

    // A second writer on the real workspace file: the server's write waits its busy timeout, then answers `unavailable`.
    const other = new Database(app.db)
    other.prepare('BEGIN IMMEDIATE').run()
    try {
      await page.locator(`.article [data-span-id="${kerry}"]`).click()
      await page.keyboard.press('Delete')
      const row = page.locator(`[data-list-span="${kerry}"]`)
      await expect(row).toHaveAttribute('data-pending', /^deleting…/)
      await expect(page.locator(`.article [data-span-id="${kerry}"].sw-span--deleting`)).toHaveCount(1)
      const banner = page.locator('.unsaved-banner')
      await expect(banner).toContainText('The deletion of PERSON “John Kerry” is not saved yet (the workspace could not be written: the workspace is busy', { timeout: 15_000 })
      await page.screenshot({ path: test.info().outputPath('save-retry-locked.png') })
    } finally {
      other.prepare('ROLLBACK').run()
      other.close()
    }
    await expect(page.locator(`[data-list-span="${kerry}"]`)).toHaveCount(0, { timeout: 20_000 })
    await expect(page.locator('.unsaved-banner')).toHaveCount(0)
    await reload(page)
    await expect(page.locator('[data-list-span]')).toHaveCount(0)
  })

  test('a note edit keeps the new text, marked unsaved, through failed saves; then it is saved and survives a reload', async ({ page }) => {
    await setAnnotatorViaApi(app, 'noter')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    await page.locator(`.article [data-span-id="${kerry}"]`).click()
    const details = page.locator(`[data-span-details="${kerry}"]`)
    const failing = await failFirst(page, 'spans.update', 2)

    await details.getByLabel('Note').fill('Secretary of State at the time')
    await details.locator('h2').click() // blur saves
    await expect(page.locator('.unsaved-banner')).toContainText('The note of PERSON “John Kerry” is not saved yet (the workspace could not be written: the disk is full)')
    await expect(details.locator('[data-unsaved-fields="note"]')).toContainText('Not saved yet: note')
    await expect(details.locator('.field--unsaved').getByLabel('Note')).toHaveValue('Secretary of State at the time')
    await page.screenshot({ path: test.info().outputPath('save-retry-note.png') })

    await expect(page.locator('.unsaved-banner')).toHaveCount(0, { timeout: 15_000 })
    await expect(details.locator('[data-unsaved-fields]')).toHaveCount(0)
    expect(failing.failures).toBe(2)
    await reload(page)
    await page.locator(`.article [data-span-id="${kerry}"]`).click()
    await expect(page.locator(`[data-span-details="${kerry}"]`).getByLabel('Note')).toHaveValue('Secretary of State at the time')
  })

  test('a relation is drawn pending through failed saves, then saved and kept after a reload', async ({ page }) => {
    await setAnnotatorViaApi(app, 'linker')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    await labelByKey(page, 'DAESH', 'o')
    const failing = await failFirst(page, 'relations.create', 2)

    await page.locator(`.article [data-span-id="${kerry}"]`).click()
    await page.keyboard.press('r')
    const prompt = page.locator('[data-relation-prompt="tail"]')
    await expect(prompt).toContainText('ORG “DAESH”')
    await page.keyboard.press('Enter')
    await page.keyboard.press('1')

    const row = page.locator('[data-list-relation]')
    await expect(row).toHaveCount(1)
    await expect(row).toHaveAttribute('data-pending', /saving…|not saved/)
    await expect(page.locator('.sw-arc')).toHaveCount(1)
    await expect(page.locator('.unsaved-banner')).toContainText('The relation AFFILIATED_WITH PERSON “John Kerry” → ORG “DAESH” is not saved yet')

    await expect(page.locator('.unsaved-banner')).toHaveCount(0, { timeout: 15_000 })
    await expect(row).not.toHaveAttribute('data-pending', /.*/)
    expect(Number(await row.getAttribute('data-list-relation'))).toBeGreaterThan(0)
    expect(failing.failures).toBe(2)
    await reload(page)
    await expect(page.locator('[data-list-relation]')).toContainText('AFFILIATED_WITH')
  })

  test('a refused edit is rolled back on screen and says why; leaving with an unsaved edit asks first', async ({ page }) => {
    await setAnnotatorViaApi(app, 'refused')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    await page.locator(`.article [data-span-id="${kerry}"]`).click()
    const details = page.locator(`[data-span-details="${kerry}"]`)
    await page.route('**/api/spans.update', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'conflict', message: 'the span changed elsewhere' } }) }),
    )
    await details.getByLabel('Note').fill('refused text')
    await details.locator('h2').click()
    await expect(page.locator('.toast-error')).toContainText('The note of PERSON “John Kerry” was not changed: the span changed elsewhere')
    await expect(details.getByLabel('Note')).toHaveValue('')
    await expect(page.locator('.unsaved-banner')).toHaveCount(0)

    // An edit that cannot be saved yet: leaving the page asks first.
    await page.unroute('**/api/spans.update')
    await failFirst(page, 'spans.delete', 1000)
    await page.locator(`.article [data-span-id="${kerry}"]`).click()
    await page.keyboard.press('Delete')
    await expect(page.locator('.unsaved-banner')).toBeVisible()
    let asked = false
    page.once('dialog', async (d) => {
      asked = d.type() === 'beforeunload'
      await d.dismiss()
    })
    await page.close({ runBeforeUnload: true })
    await expect.poll(() => asked).toBe(true)
  })
})
