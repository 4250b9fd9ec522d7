// An outsider's run (h78) in the browser mode: choosing brat (or WebAnno TSV, or XMI) in the export dialog greyed the
// Export button out with no word of why; the field above it read "Write to a folder on the computer running
// Spanwright" like the optional file field of the other formats. A format that writes a folder of files cannot be
// downloaded, so the field now says it is needed and why; with a folder typed, the export writes it.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'

test.describe('a folder format in the browser mode export dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('says the folder is needed and why, then writes it there', async ({ page }) => {
    const doc = ((await apiCall(app, 'documents.list', { annotator: 'alice' })) as { id: number }[])[0]
    await apiCall(app, 'spans.create', { documentId: doc.id, annotator: 'alice', start: 0, end: 8, label: 'GPE' })
    await page.goto(app.url)
    await page.getByTestId('open-export').click()
    const dialog = page.getByRole('dialog')
    for (const [format, title] of [
      ['brat', 'brat standoff (.txt + .ann)'],
      ['webanno-tsv', 'WebAnno TSV 3 (INCEpTION, WebAnno)'],
      ['xmi', 'UIMA CAS XMI (INCEpTION, DKPro)'],
    ]) {
      await page.getByTestId('export-format').selectOption(format)
      await expect(page.getByTestId('export-start')).toBeDisabled()
      await expect(page.getByTestId('export-out-why')).toHaveText(`· needed: ${title} writes a folder of files, which the browser cannot download`)
    }
    await page.getByTestId('export-format').selectOption('jsonl')
    await expect(page.getByTestId('export-out-why')).toHaveCount(0)
    await page.getByTestId('export-format').selectOption('brat')
    await dialog.screenshot({ path: 'test/e2e/__screenshots__/export-folder-format.png' })
    const folder = path.join(app.dir, 'brat-out')
    await page.getByTestId('export-out').fill(folder)
    await page.getByTestId('export-start').click()
    await expect(page.getByTestId('export-report')).toContainText('1 span')
    const anns = fs.readdirSync(folder).filter((f) => f.endsWith('.ann'))
    expect(anns.map((f) => fs.readFileSync(path.join(folder, f), 'utf8')).join('')).toContain('\tGPE 0 8\tBrussels')
  })
})
