// An outsider's run (h78) in the browser mode: choosing brat (or WebAnno TSV, or XMI) in the export dialog greyed the
// Export button out with no word of why. Then (h93) a folder format could only be written to a path on the computer
// running Spanwright: the browser got nothing. Now, with the field left empty, the export downloads as one ZIP of the
// folder's files; read by Python's zipfile, it holds exactly the files the same export writes to a folder.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runPythonConsumer } from '../helpers/pythonConsumer'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'

const EPI = path.resolve(import.meta.dirname, '../fixtures/brat/bionlp2011-epi')

/** Every file below `dir` as `relative/path` → SHA-256. */
function listing(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) Object.assign(out, listing(full, `${prefix}${d.name}/`))
    else out[`${prefix}${d.name}`] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')
  }
  return out
}

test.describe('a folder format in the browser mode export dialog', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('downloads a ZIP of the folder when no path is given, the same files as a folder export', async ({ page }) => {
    const started = (await apiCall(app, 'transfer.import', { paths: [EPI], annotator: 'bionlp', addLabels: true })) as { id: string }
    await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: started.id })) as { state: string }).state).toBe('done')
    await page.goto(app.url)
    await page.getByTestId('open-export').click()
    const dialog = page.getByRole('dialog')
    for (const [format, title] of [
      ['brat', 'brat standoff (.txt + .ann)'],
      ['webanno-tsv', 'WebAnno TSV 3 (INCEpTION, WebAnno)'],
      ['xmi', 'UIMA CAS XMI (INCEpTION, DKPro)'],
    ]) {
      await page.getByTestId('export-format').selectOption(format)
      await expect(page.getByTestId('export-start')).toBeEnabled()
      await expect(page.getByTestId('export-out-why')).toHaveText(`· left empty, ${title} downloads as one ZIP of the folder's files`)
    }
    await page.getByTestId('export-format').selectOption('jsonl')
    await expect(page.getByTestId('export-out-why')).toHaveCount(0)
    await page.getByTestId('export-format').selectOption('brat')
    await dialog.screenshot({ path: 'test/e2e/__screenshots__/export-folder-format.png' })
    await page.getByTestId('export-start').click()
    await expect(page.getByTestId('export-report')).toContainText('as brat standoff')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()])
    expect(download.suggestedFilename()).toBe('spanwright-brat.zip')
    const zip = path.join(app.dir, 'downloaded.zip')
    await download.saveAs(zip)
    await dialog.screenshot({ path: 'test/e2e/__screenshots__/export-folder-zip.png' })
    await page.getByTestId('export-done').click()

    // The same export written to a folder, through the same dialog.
    await page.getByTestId('open-export').click()
    await page.getByTestId('export-format').selectOption('brat')
    const folder = path.join(app.dir, 'brat-out')
    await page.getByTestId('export-out').fill(folder)
    await page.getByTestId('export-start').click()
    await expect(page.getByTestId('export-report')).toContainText('as brat standoff')
    await expect(page.getByTestId('export-download')).toHaveCount(0)

    const unzipped = path.join(app.dir, 'unzipped')
    const read = runPythonConsumer<{ bad: string | null; members: { name: string; sha256: string }[] }>('read_zip_export.py', [zip, unzipped])
    expect(read.bad).toBeNull()
    const want = listing(folder)
    expect(Object.keys(want)).toContain('PMID-11393792.ann')
    expect(Object.fromEntries(read.members.map((m) => [m.name, m.sha256]))).toEqual(want)
    const ann = runPythonConsumer<{ spans: unknown[]; problems: string[] }>('read_brat_ann.py', [path.join(unzipped, 'PMID-11393792.ann'), path.join(unzipped, 'PMID-11393792.txt')])
    expect(ann.problems).toEqual([])
    expect(ann.spans.length).toBeGreaterThan(5)
  })
})
