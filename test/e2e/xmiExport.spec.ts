// UIMA CAS XMI export through the export dialog: a folder format (written to the path given here; without one it is a
// ZIP download, which exportFolderFormats checks), one .xmi per
// layer with DKPro NamedEntity spans, written where the dialog says.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'

const TRAIN = path.join(process.cwd(), 'test', 'fixtures', 'peers', 'spacy-docbin', 'ner.spacy')

test.describe('XMI export dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('exports a folder of .xmi files, one per layer', async ({ page }) => {
    await page.goto(app.url)
    // Layers to export: a DocBin's entities, imported through the dialog.
    await page.getByTestId('open-import').click()
    await page.getByTestId('import-upload').setInputFiles({ name: 'ner.spacy', mimeType: 'application/octet-stream', buffer: fs.readFileSync(TRAIN) })
    await page.getByRole('dialog').getByRole('checkbox', { name: /Add missing labels/ }).check()
    await page.getByTestId('import-start').click()
    await expect(page.getByTestId('import-report')).toContainText('Imported 4 of 4 records')
    await page.getByTestId('import-done').click()

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-xmi-e2e-')), 'xmi')
    await page.getByTestId('open-export').click()
    await page.getByTestId('export-format').selectOption({ label: 'UIMA CAS XMI (INCEpTION, DKPro)' })
    await page.getByTestId('export-layer').selectOption('alice')
    await page.getByTestId('export-out').fill(out)
    await page.getByTestId('export-start').click()
    await expect(page.getByTestId('export-report')).toContainText('Exported 3 layers')
    const files = fs.readdirSync(out).filter((f) => f.endsWith('.xmi'))
    expect(files).toHaveLength(3)
    const all = files.map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n')
    expect(all.match(/<type:NamedEntity /gu)).toHaveLength(7)
    expect(all).toContain('value="DISH"')
  })
})
