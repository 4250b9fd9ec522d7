// A new user of the browser mode imports brat's news-tutorial corpus the only way the dialog allows: every file of
// the folder chosen at once, its annotation.conf, visual.conf, tools.conf and kb_shortcuts.conf included. The
// import refused them all, on the first .conf ("annotation.conf:1: cannot tell the format …"); now the .conf files
// are listed as skipped, by name and with why, and the corpus imports with the counts the CLI gives
// (13 documents, 119 spans, 63 relations).
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'

const NEWS = path.resolve(import.meta.dirname, '../fixtures/brat/news-tutorial')

test.describe('a brat folder chosen whole in the import dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('imports its documents and lists its .conf files as skipped', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    const files = fs.readdirSync(NEWS).filter((f) => /\.(txt|ann|conf)$/.test(f)).map((f) => path.join(NEWS, f))
    await page.getByTestId('import-upload').setInputFiles(files)
    await page.getByTestId('import-annotator').fill('brat')
    await page.getByText('Add missing labels').click()
    await page.getByTestId('import-preview').click()
    await expect(page.getByTestId('import-preview-table')).toContainText('annotation.conf')
    await expect(page.getByTestId('import-error')).toHaveCount(0)
    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Imported 13 of 13 records')
    await expect(report.locator('.report-stats')).toContainText('Spans added119')
    await expect(report.locator('.report-stats')).toContainText('Relations added63')
    await expect(report).toContainText('annotation.conf')
    await expect(report).not.toContainText('spanwright-transfer')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-brat-folder.png' })
  })
})
