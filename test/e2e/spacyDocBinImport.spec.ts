// A spaCy DocBin (`.spacy`, binary) uploaded through the import dialog: offered by name, detected by its bytes,
// previewed as its documents, imported with its labels added, and its documents in the library.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'

const TRAIN = path.join(process.cwd(), 'test', 'fixtures', 'peers', 'spacy-docbin', 'train.spacy')

test.describe('spaCy DocBin import dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('a .spacy file is detected, previewed and imported: four documents, entities and span groups', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    const dialog = page.getByRole('dialog', { name: 'Import documents and layers' })
    await expect(dialog).toBeVisible()
    await expect(page.getByTestId('import-format').locator('option', { hasText: 'spaCy DocBin (.spacy, binary)' })).toHaveCount(1)
    await page.getByTestId('import-upload').setInputFiles({ name: 'train.spacy', mimeType: 'application/octet-stream', buffer: fs.readFileSync(TRAIN) })
    await dialog.getByRole('checkbox', { name: /Add missing labels/ }).check()
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview).toContainText('spaCy DocBin (.spacy, binary)')
    await expect(preview.locator('tbody tr')).toHaveCount(4)

    await page.getByTestId('import-start').click()
    await expect(page.getByTestId('import-report')).toContainText('Imported 4 of 4 records')
    await page.getByTestId('import-done').click()
    await expect(page.getByTestId('library')).toContainText('Café Müller serves crème brûlée 🍮 in Zürich.')
    // Beside the workspace's samples: the four documents, titled by their text; the unannotated one has no layer.
    // A group span equal to an entity is one span (in_ents): 10 spans for the file's 12 (as spacyDocBinImport counts).
    const docs = (await apiCall(app, 'documents.list', { annotator: 'alice' })) as { externalId: string; layerCount: number; spanCount: number }[]
    const ours = docs.filter((d) => d.externalId.startsWith('doc-'))
    expect(ours.map((d) => [d.layerCount, d.spanCount])).toEqual([
      [1, 5],
      [1, 4],
      [1, 1],
      [0, 0],
    ])
  })
})
