import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { appPerDescribe } from './fixtures'
import { labelByKey, openDocument, selectText, setAnnotatorViaApi } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

function span(page: Page, id: number) {
  return page.locator(`.article [data-span-id="${id}"]`).first()
}

/** Tab through the relation prompt's tail candidates until one says `text`, each Tab waited for (the prompt changes). */
async function tabToTail(page: Page, text: string, max: number) {
  const prompt = page.locator('[data-relation-prompt="tail"]')
  for (let i = 0; i < max && !(await prompt.textContent())?.includes(text); i++) {
    const was = (await prompt.textContent()) ?? ''
    await page.keyboard.press('Tab')
    await expect(prompt).not.toHaveText(was)
  }
}

/**
 * Selects a span by its row in the list. A click in the article right after a label is a race in a test: the
 * label's string-matcher suggestions repaint the text as Playwright computes the point, and a click that lands on a
 * suggestion focuses it (so `r` has no head and Enter accepts it; met twice in CI).
 */
async function pick(page: Page, id: number) {
  await page.locator(`[data-list-span="${id}"]`).click()
  await expect(page.locator(`.article [data-span-id="${id}"].sw-span--selected`)).not.toHaveCount(0)
}

async function reload(page: Page) {
  await page.reload()
  await page.locator('[data-document-ready="true"]').waitFor()
}

test.describe('editor actions', () => {
  const app = appPerDescribe()

  test('a relation by keyboard: r, Tab to the tail, Enter, a number for the type; the list selects and deletes it', async ({ page }) => {
    await setAnnotatorViaApi(app, 'keyboard')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    await labelByKey(page, 'Belgium', 'g', 1)
    const daesh = await labelByKey(page, 'DAESH', 'o')

    await pick(page, kerry)
    await page.keyboard.press('r')
    const prompt = page.locator('[data-relation-prompt="tail"]')
    await expect(prompt).toContainText('PERSON “John Kerry”')
    // Tab cycles the candidates in text order (Belgium, then DAESH); the candidate is highlighted.
    await tabToTail(page, 'DAESH', 4)
    await expect(prompt).toContainText('ORG “DAESH”')
    await expect(page.locator(`.article [data-span-id="${daesh}"].sw-span--highlight`)).toHaveCount(1)
    await page.keyboard.press('Enter')
    // Only the types the schema allows for PERSON → ORG are offered.
    const menu = page.getByRole('menu', { name: 'Relation type' })
    await expect(menu.locator('[data-relation-type]')).toHaveText(['1AFFILIATED_WITH', '2PART_OF'])
    await page.keyboard.press('1')
    await expect(menu).toHaveCount(0)

    const row = page.locator('[data-list-relation]')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('John Kerry')
    await expect(row).toContainText('AFFILIATED_WITH')
    await expect(row).toContainText('DAESH')
    await expect(page.locator('.sw-arc')).toHaveCount(1)
    // The row is drawn pending at once; a relation is deleted only once the store has it.
    await expect(page.locator('[data-list-relation].pending')).toHaveCount(0)

    // Selecting it in the list highlights both ends; Delete removes it.
    await page.locator('.annotate-head h1').click()
    await page.keyboard.press('Escape')
    await row.click()
    await expect(page.locator('.article .sw-span--highlight')).toHaveCount(2)
    await page.keyboard.press('Delete')
    await expect(page.locator('[data-list-relation]')).toHaveCount(0)
    await reload(page)
    await expect(page.locator('[data-list-relation]')).toHaveCount(0)
    await expect(page.locator('[data-list-span]')).toHaveCount(3)
  })

  test('a relation by dragging from one span onto another, then picking the type; Escape cancels a menu', async ({ page }) => {
    await setAnnotatorViaApi(app, 'dragger')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    const attacks = await labelByKey(page, 'attacks', 'e')

    const drag = async () => {
      const tag = page.locator(`[data-tag-for="${kerry}"]`).first()
      const from = (await tag.boundingBox())!
      const to = (await span(page, attacks).boundingBox())!
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await page.mouse.down()
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 })
      await page.mouse.up()
    }
    await drag()
    const menu = page.getByRole('menu', { name: 'Relation type' })
    await expect(menu.locator('[data-relation-type]')).toHaveText(['1PERPETRATOR_OF', '2PART_OF'])
    await page.keyboard.press('Escape')
    await expect(menu).toHaveCount(0)
    await expect(page.locator('[data-list-relation]')).toHaveCount(0)

    await drag()
    await menu.locator('[data-relation-type="PERPETRATOR_OF"]').click()
    const row = page.locator('[data-list-relation]')
    await expect(row).toContainText('PERPETRATOR_OF')
    await expect(page.locator('[data-list-relation].pending')).toHaveCount(0)
    await reload(page)
    await expect(page.locator('[data-list-relation]')).toContainText('John Kerry')
    await expect(page.locator('[data-list-relation]')).toContainText('attacks')
  })

  test('undo and redo with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, surviving a reload', async ({ page }) => {
    await setAnnotatorViaApi(app, 'undoer')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    await labelByKey(page, 'Belgium', 'g', 1)
    await expect(page.locator('.article [data-span-id]')).toHaveCount(2)

    await page.keyboard.press('Control+z')
    await expect(page.locator('.toast')).toContainText('Undid: GPE "Belgium"')
    await expect(page.locator('.article [data-span-id]')).toHaveCount(1)
    await reload(page)
    await expect(page.locator('.article [data-span-id]')).toHaveCount(1)
    await expect(span(page, kerry)).toHaveText('John Kerry')

    await page.keyboard.press('Control+Shift+z')
    await expect(page.locator('.article [data-span-id][data-label="GPE"]')).toHaveText('Belgium')
    await reload(page)
    await expect(page.locator('.article [data-span-id]')).toHaveCount(2)

    // Delete the PERSON span, undo brings it back with its id; redo (Ctrl+Y) deletes it again.
    await span(page, kerry).click()
    await page.keyboard.press('Delete')
    await expect(page.locator('.article [data-span-id]')).toHaveCount(1)
    await page.keyboard.press('Control+z')
    await expect(span(page, kerry)).toHaveText('John Kerry')
    await page.keyboard.press('Control+y')
    await expect(page.locator(`.article [data-span-id="${kerry}"]`)).toHaveCount(0)
    await reload(page)
    await expect(page.locator('.article [data-span-id]')).toHaveCount(1)
    await page.locator('.history-buttons').getByText('Undo').click()
    await expect(span(page, kerry)).toHaveText('John Kerry')
    // The history panel says who did what: the delete undone (struck through), the redo of Belgium in effect.
    await page.locator('.history-panel summary').click()
    await expect(page.locator('.history-panel li').first()).toContainText('deleted')
    await expect(page.locator('.history-panel li.history-undone').first()).toContainText('PERSON "John Kerry"')
  })

  test('span details: label, note, attributes and a linked normalization id survive a reload', async ({ page }) => {
    await setAnnotatorViaApi(app, 'detailer')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    await labelByKey(page, 'Belgium', 'g', 1)
    await labelByKey(page, 'DAESH', 'o')
    await labelByKey(page, 'attacks', 'e', 1)
    // A relation for the picture: Kerry AFFILIATED_WITH DAESH would be wrong; attacks LOCATED_IN Belgium is right.
    await page.locator('[data-list-span]', { hasText: 'attacks' }).click()
    await page.keyboard.press('r')
    await tabToTail(page, 'Belgium', 4)
    await page.keyboard.press('Enter')
    await page.keyboard.press('1')
    await expect(page.locator('[data-list-relation]')).toContainText('LOCATED_IN')

    await span(page, kerry).click()
    const details = page.locator(`[data-span-details="${kerry}"]`)
    await expect(details).toContainText('“John Kerry”')
    await details.getByLabel('Note').fill('US Secretary of State; visiting after the attacks')
    await details.getByLabel('negated').check()
    await details.getByLabel('certainty').selectOption('high')
    await details.getByLabel('Normalization id').fill('Q22316')
    await details.getByLabel('Normalization id').press('Enter')
    await expect(details.locator('.norm-link')).toHaveAttribute('href', 'https://www.wikidata.org/wiki/Q22316')
    // Each change shows at once; reload only once the store has confirmed them all (the span's mark, the fields, the relation).
    await expect(page.locator('.article .sw-span--pending')).toHaveCount(0)
    await expect(details.locator('.field--unsaved')).toHaveCount(0)
    await expect(page.locator('[data-list-relation].pending')).toHaveCount(0)

    await reload(page)
    await span(page, kerry).click()
    const again = page.locator(`[data-span-details="${kerry}"]`)
    await expect(again.getByLabel('Note')).toHaveValue('US Secretary of State; visiting after the attacks')
    await expect(again.getByLabel('negated')).toBeChecked()
    await expect(again.getByLabel('certainty')).toHaveValue('high')
    await expect(again.getByLabel('Normalization id')).toHaveValue('Q22316')
    await expect(again.locator('.norm-link')).toBeVisible()
    await page.screenshot({ path: 'test/e2e/__screenshots__/editor-actions.png' })

    // Relabel from the panel: ORG has no such attributes, so they go; undo brings them back.
    await again.getByLabel('Label').selectOption('ORG')
    await expect(span(page, kerry)).toHaveAttribute('data-label', 'ORG')
    await expect(page.locator(`[data-span-details="${kerry}"]`).getByLabel('negated')).toHaveCount(0)
    await page.keyboard.press('Control+z')
    await expect(span(page, kerry)).toHaveAttribute('data-label', 'PERSON')
    await expect(page.locator(`[data-span-details="${kerry}"]`).getByLabel('negated')).toBeChecked()
  })

  test('a hotkey paints the span at once as pending; a failed save says so and retries until saved', async ({ page }) => {
    await setAnnotatorViaApi(app, 'offline')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    let failures = 0
    await page.route('**/api/spans.create', async (route) => {
      if (failures < 2) {
        failures++
        await route.abort('connectionrefused')
      } else await route.continue()
    })
    await selectText(page, 'John Kerry')
    await page.keyboard.press('p')
    const painted = page.locator('.article [data-span-id].sw-span--pending')
    await expect(painted).toHaveText('John Kerry')
    await expect(page.locator('.unsaved-banner')).toContainText('PERSON “John Kerry” is not saved yet')
    await expect(page.locator('.article .sw-span--unsaved')).toHaveCount(1)
    // After the backoff the save goes through and the pending span becomes the saved one.
    await expect(page.locator('.article [data-span-id].sw-span--pending')).toHaveCount(0, { timeout: 15_000 })
    await expect(page.locator('.unsaved-banner')).toHaveCount(0)
    const id = Number(await page.locator('.article [data-span-id][data-label="PERSON"]').getAttribute('data-span-id'))
    expect(id).toBeGreaterThan(0)
    expect(failures).toBe(2)
    await reload(page)
    await expect(page.locator('.article [data-span-id][data-label="PERSON"]')).toHaveText('John Kerry')
  })
})

test.describe('relation constraints', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    app = await startApp()
    // Narrow PART_OF to PERSON → PERSON (directly in the workspace file), so some pairs have no allowed type at all.
    await setAnnotatorViaApi(app, 'strict')
    const db = new Database(app.db)
    db.pragma('busy_timeout = 5000')
    db.prepare(`UPDATE label_types SET head_types = '["PERSON"]', tail_types = '["PERSON"]' WHERE kind = 'relation' AND name = 'PART_OF'`).run()
    db.close()
  })
  test.afterAll(async () => {
    await app.stop()
  })

  test('a pair no type allows is refused naming the labels; a relabel that breaks a relation is refused', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const date = await labelByKey(page, 'Friday, March 25, 2016', 'd')
    await labelByKey(page, 'Belgium', 'g', 1)
    await pick(page, date)
    await page.keyboard.press('r')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('alert').filter({ hasText: 'No relation type allows DATE → GPE' })).toBeVisible()
    await expect(page.getByRole('menu', { name: 'Relation type' })).toHaveCount(0)
    await expect(page.locator('[data-list-relation]')).toHaveCount(0)

    // PERSON → EVENT: only PERPETRATOR_OF fits now.
    const kerry = await labelByKey(page, 'John Kerry', 'p')
    const attacks = await labelByKey(page, 'attacks', 'e')
    await pick(page, kerry)
    await page.keyboard.press('r')
    await tabToTail(page, 'attacks', 5)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('menu', { name: 'Relation type' }).locator('[data-relation-type]')).toHaveText(['1PERPETRATOR_OF'])
    await page.keyboard.press('Enter')
    await expect(page.locator('[data-list-relation]')).toContainText('PERPETRATOR_OF')

    // (The list, not the article: a click on the span labelled last is swallowed by the editor's stale text selection; reported.)
    await page.locator(`[data-list-span="${attacks}"]`).click()
    await page.locator(`[data-span-details="${attacks}"]`).getByLabel('Label').selectOption('DATE')
    await expect(page.getByRole('alert').filter({ hasText: 'cannot relabel EVENT to DATE' })).toContainText('PERPETRATOR_OF needs a tail of type EVENT, not DATE')
    await expect(span(page, attacks)).toHaveAttribute('data-label', 'EVENT')
    await expect(page.locator(`[data-span-details="${attacks}"]`).getByLabel('Label')).toHaveValue('EVENT')
  })
})
