// A researcher chooses a folder's files in the browser's import dialog; one line has a label the schema lacks, so
// the import fails. The CLI lists the files it passed over (`skipped PATH: reason`) before its error, but the
// dialog showed only the failure: the README and the Word file the import never read went unmentioned, and the
// researcher fixing the bad line did not learn that those files would not be imported either.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'

test.describe('a failed import in the dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('lists the files it passed over, with why, as the CLI does', async ({ page }) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-failed-skipped-'))
    const files = {
      'README.md': '# My corpus\n',
      'notes.docx': 'PK',
      'data.jsonl': `${JSON.stringify({ id: 'a', text: 'Kerry met Michel.', spans: [{ start: 0, end: 5, label: 'NOT_IN_SCHEMA' }] })}\n`,
    }
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text)
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    await page.getByTestId('import-upload').setInputFiles(Object.keys(files).map((f) => path.join(folder, f)))
    await page.getByTestId('import-annotator').fill('bob')
    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Nothing was imported.')
    await expect(report).toContainText('NOT_IN_SCHEMA')
    const skipped = report.getByTestId('import-skipped')
    await expect(skipped).toContainText('README.md: not a file the import reads (by its extension)')
    await expect(skipped).toContainText('notes.docx: not a file the import reads (by its extension)')
    // Named as the researcher chose them, not by the server's upload folder.
    await expect(report).not.toContainText('spanwright-transfer')
    fs.rmSync(folder, { recursive: true, force: true })
  })
})
