import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { openDocument } from './pageHelpers'

// What an INCEpTION user does first: their project's files, through the app's own import dialog, then the
// document as the annotator sees it. The files are INCEpTION's own (test/fixtures/peers/*/SOURCES.md).
const PEERS = path.resolve(import.meta.dirname, '../fixtures/peers')
const tsv = fs.readFileSync(path.join(PEERS, 'webanno-tsv/example2.tsv'))
const xmi = fs.readFileSync(path.join(PEERS, 'xmi/testCrossSentenceSpanWithFeatureValue.xmi'))

test.describe("INCEpTION's files in the import dialog", () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('a WebAnno TSV and a UIMA CAS XMI file are told apart, previewed, imported, and their spans painted', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    await page.getByTestId('import-upload').setInputFiles([
      { name: 'example2.tsv', mimeType: 'text/tab-separated-values', buffer: tsv },
      { name: 'cross.xmi', mimeType: 'application/xml', buffer: xmi },
    ])
    await page.getByTestId('import-annotator').fill('alice')
    await page.getByText('Add missing labels').click()
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview).toContainText('WebAnno TSV 3')
    await expect(preview).toContainText('UIMA CAS XMI')
    await expect(preview.locator('tbody tr')).toHaveCount(2)
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-inception-preview.png' })

    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Imported 2 of 2 records')
    // The POS tags and dependencies are document structure: counted, not imported.
    await expect(page.getByTestId('import-notes')).toContainText('86 WebAnno POS annotations (document structure), not imported')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-inception-report.png' })
    await page.getByTestId('import-done').click()

    await openDocument(page, app.origin, 'example2')
    const article = page.locator('.article')
    // The text with each span's label tag before it, one sentence a line as the file had them.
    await expect(article).toContainText('plays OTHElianti .ORGRolls-Royce Motor Cars Inc. said')
    const haag = article.locator('[data-span-id]', { hasText: 'Haag' }).first()
    await expect(haag).toBeVisible()
    const spans = page.locator('.span-list')
    await expect(spans).toContainText('Ms. Haag')
    await expect(spans).toContainText('Rolls-Royce Motor')
    await page.screenshot({ path: 'test/e2e/__screenshots__/import-inception-document.png' })
  })
})
