// INCEpTION's export as a ZIP of UIMA CAS XMI files, uploaded through the import dialog: detected, previewed with
// each user's layer, imported with its labels added, and the document in the library.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'

const ZIP = path.join(process.cwd(), 'test', 'fixtures', 'peers', 'xmi', 'inception_export_made_with_infozip.zip')

test.describe('XMI import dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('a ZIP of INCEpTION XMI files is detected, previewed and imported as one document with three layers', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    const dialog = page.getByRole('dialog', { name: 'Import documents and layers' })
    await expect(dialog).toBeVisible()
    await expect(page.getByTestId('import-format').locator('option', { hasText: 'UIMA CAS XMI (INCEpTION, DKPro)' })).toHaveCount(1)
    await page.getByTestId('import-upload').setInputFiles({ name: 'inception-export.zip', mimeType: 'application/zip', buffer: fs.readFileSync(ZIP) })
    await dialog.getByRole('checkbox', { name: /Add missing labels/ }).check()
    // INCEpTION's test CAS labels "NE 0".."NE 4": the preview names each with the rename that lets it in.
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview).toContainText('label "NE 0": a label name cannot contain whitespace; rename it in “Rename labels”: "NE 0=NE_0"')
    await page.getByTestId('import-renames').fill([0, 1, 2, 3, 4].map((i) => `NE ${i}=NE_${i}`).join('\n'))
    await page.getByTestId('import-preview').click()
    await expect(preview).not.toContainText('cannot contain whitespace')
    await expect(preview).toContainText('UIMA CAS XMI (INCEpTION, DKPro)')
    await expect(preview.locator('tbody tr')).toHaveCount(3)
    await expect(preview.locator('tbody tr').first()).toContainText('test.txt')

    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Imported 3 of 3 records')
    await page.getByTestId('import-done').click()
    await expect(page.getByTestId('library')).toContainText('This is a test .')
    const docs = (await apiCall(app, 'documents.list', { annotator: 'alice' })) as { externalId: string; layerCount: number }[]
    // alice, bob and carol: each user's CAS is a layer of the one document.
    expect(docs.filter((d) => d.externalId === 'test.txt').map((d) => d.layerCount)).toEqual([3])
  })
})
