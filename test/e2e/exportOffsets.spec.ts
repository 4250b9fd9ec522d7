// The export dialog offered "Offsets: Code points / UTF-16" for every format, though brat, spaCy, Prodigy, doccano
// and Label Studio files are always in code points and WebAnno TSV and XMI in UTF-16; choosing UTF-16 for brat only
// earned a warning that it did not apply. The dialog now shows such a format's unit read-only, from the table the
// export's warning reads (shared/formats/exportTraits.ts), and the choice stays for the formats that take it.
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'

/** The formats whose files have a unit of their own, and that unit. */
const FIXED: [string, string][] = [
  ...['brat', 'spacy', 'spacy-jsonl', 'spacy-docbin', 'prodigy', 'doccano', 'doccano-rel', 'labelstudio'].map((f): [string, string] => [f, 'Code points']),
  ['webanno-tsv', 'UTF-16 code units'],
  ['xmi', 'UTF-16 code units'],
]

const DOC = JSON.stringify({
  id: 'wave',
  text: 'Kerry 👋🏽 met Michel.',
  annotator: 'bob',
  spans: [
    { id: 'T1', start: 0, end: 5, label: 'PERSON' },
    { id: 'T2', start: 14, end: 20, label: 'PERSON' },
  ],
})

test.describe('export dialog: offsets', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('a format with a unit of its own shows it read-only; jsonl and CoNLL keep the choice', async ({ page }) => {
    const up = (await apiCall(app, 'transfer.upload', { name: 'wave.jsonl', base64: Buffer.from(`${DOC}\n`).toString('base64') })) as { path: string }
    const job = (await apiCall(app, 'transfer.import', { paths: [up.path], addLabels: true })) as { id: string }
    await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: job.id })) as { state: string }).state).toBe('done')

    await page.goto(app.url)
    await page.getByTestId('open-export').click()
    const dialog = page.getByRole('dialog', { name: 'Export a dataset' })
    const offsets = dialog.locator('label.field', { hasText: 'Offsets' }).locator('select')
    const fixed = dialog.getByTestId('export-offsets-fixed')
    for (const format of ['jsonl', 'conll', 'hf']) {
      await dialog.getByTestId('export-format').selectOption(format)
      await expect(offsets).toBeVisible()
      await expect(fixed).toHaveCount(0)
    }
    for (const [format, unit] of FIXED) {
      await dialog.getByTestId('export-format').selectOption(format)
      await expect(offsets).toHaveCount(0)
      await expect(fixed).toContainText(unit)
      await expect(fixed).toContainText('not a choice for this format')
    }
    await dialog.getByTestId('export-format').selectOption('brat')
    await expect(fixed).toContainText('as brat counts them')

    // UTF-16 chosen for jsonl, then brat: the brat export is in code points and warns of no ignored choice.
    await dialog.getByTestId('export-format').selectOption('jsonl')
    await offsets.selectOption('utf16')
    await dialog.getByTestId('export-format').selectOption('brat')
    await dialog.getByTestId('export-out').fill(path.join(app.dir, 'brat-out'))
    await dialog.getByTestId('export-start').click()
    const report = page.getByTestId('export-report')
    await expect(report).toContainText('Exported 1 layer as')
    await expect(report).not.toContainText('does not apply')
  })
})
