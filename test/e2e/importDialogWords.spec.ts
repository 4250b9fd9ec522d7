// An outsider's first import in the browser mode (h78): every file of the CoNLL-2002 Spanish brat corpus chosen in
// the import dialog (the dialog cannot take a folder), its README and tools.conf included, with "esp" as the
// annotator for records without one. Three things were wrong: the README (no extension) refused the whole import
// ("README:1: cannot tell the file's format; pass --format"); the preview's Annotator column showed "—" for every
// document although the import would put them in esp's layer; and the 540 label faults said "pass --add-labels",
// an option the dialog does not have, right under its "Add missing labels" checkbox.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'

const ESP = path.resolve(import.meta.dirname, '../fixtures/brat/conll2002-esp')

test.describe('a brat corpus chosen whole in the import dialog, by a newcomer', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('the README is not read, the preview names the layer, the faults name the dialog controls', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    await page.getByTestId('import-upload').setInputFiles(fs.readdirSync(ESP).map((f) => path.join(ESP, f)))
    await page.getByTestId('import-annotator').fill('esp')
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview.locator('tbody tr').first()).toContainText('esp.train-doc-100')
    await expect(page.getByTestId('import-error')).toHaveCount(0)
    // The layer each record goes to: the annotator given for records without one.
    const rows = preview.locator('tbody tr')
    for (let i = 0; i < (await rows.count()); i++) await expect(rows.nth(i).locator('td').nth(3)).toHaveText('esp')
    // Ids shown whole: two of them differ only at their end.
    for (const [i, id] of [[0, 'esp.train-doc-100'], [1, 'esp.train-doc-1400']] as const) {
      const cell = rows.nth(i).locator('td.doc-id')
      await expect(cell).toHaveText(id)
      expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    }
    await expect(page.getByTestId('import-preview-skipped')).toContainText('README: not a file the import reads (it has no extension')
    const faults = page.getByTestId('line-errors')
    await expect(faults).toContainText('label "PER" is not an entity label in the schema (tick “Add missing labels” to add it)')
    await expect(faults).not.toContainText('--add-labels')
    await expect(page.getByTestId('import-preview-skipped')).not.toContainText('--add-labels')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-dialog-words.png' })

    await page.getByRole('checkbox', { name: /^Add missing labels/ }).check()
    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Imported 10 of 10 records')
    await expect(report.locator('.report-stats')).toContainText('Spans added540')
    await expect(page.getByTestId('import-skipped')).toContainText('README')
    await expect(page.getByTestId('import-skipped')).toContainText('tools.conf')
  })
})
