// A researcher imports label-studio-converter's export of an image-and-text project in the browser's import
// dialog. Its annotations hold only rectangles: no layer is made for them (they said nothing about the text), and
// the report says so, counted and named by file and task, as the command line prints it.
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'

const EXPORT = path.resolve(import.meta.dirname, '../fixtures/peers/labelstudio/converter_csv_test.json')

test.describe('a Label Studio export of image annotations only', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('makes no layer, and the report names each annotation by file and task', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    await page.getByTestId('import-upload').setInputFiles([EXPORT])
    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report.locator('.report-stats')).toContainText('New documents2')
    // (The importer's own layer of each document is made to do, as for any task nobody annotated: none is hakan's.)
    await expect(report.locator('.report-stats')).toContainText('Spans added0')
    const notes = report.getByTestId('import-notes')
    await expect(notes).toContainText('2 Label Studio annotations holding no text labels or relations (only other result types), not imported: no layer made')
    await expect(notes).toContainText('converter_csv_test.json: task 0 (id 1): annotations[0] by hakan@heartex.com holds 1 result of other types only ("rectanglelabels")')
    await expect(notes).toContainText('converter_csv_test.json: task 1 (id 2): annotations[0] by hakan@heartex.com holds 2 results')
    await expect(report).not.toContainText('spanwright-transfer')
  })
})
