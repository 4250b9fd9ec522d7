// The CLI's `--conll-docstart spacy` (edc387c) was not in the export dialog: a user of the app could only write CoNLL
// files whose document line has the file's columns (`-DOCSTART-<tab>O`), which spaCy's `convert --converter ner` reads
// as a word `-DOCSTART-` inside one long document. The dialog now offers the document line with CoNLL, and the
// downloaded file is read as spaCy's converter reads it (test/helpers/python/read_spacy_conll_ner.py) and as a
// training script splits CoNLL documents (read_training_chunks.py). The dialog (with CoNLL, with a folder format, and
// its report) is saved, and measured, at 1400 and 1024 px in both themes. The input is two real CoNLL files
// (test/fixtures/peers/conll, sources in SOURCES.md).
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { runPythonConsumer } from '../helpers/pythonConsumer'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'
import { horizontalOverflow, lowContrastTexts } from './visualChecks'

const PEERS = path.resolve(import.meta.dirname, '../fixtures/peers/conll')
const FILES = ['doccano_example.conll', 'spacy_ner-token-per-line-conll2003.iob']
const SPACY_LINE = '-DOCSTART- -X- O O'
const SHOTS = 'test/e2e/__screenshots__'

type SpacyDoc = { words: string[]; ents: [string, number, number][] }
const byFirstWord = (docs: SpacyDoc[]) => [...docs].sort((a, b) => a.words[0].localeCompare(b.words[0]))

/** Exports from the open dialog and returns the downloaded file's path. */
async function exportAndDownload(page: Page, dir: string, name: string): Promise<string> {
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-report')).toContainText('Exported 2 layers as CoNLL-2003 BIO')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()])
  expect(download.suggestedFilename()).toBe('spanwright-conll.conll')
  const file = path.join(dir, name)
  await download.saveAs(file)
  return file
}

/** What a reader of the dialog sees go wrong: sideways scrolling, faint text, a cut explanation. */
async function dialogFaults(page: Page, conll = true): Promise<string[]> {
  const faults: string[] = []
  const over = await horizontalOverflow(page)
  if (over > 0) faults.push(`the page scrolls sideways by ${over}px`)
  const body = await page.locator('.transfer-body').evaluate((e) => e.scrollWidth - e.clientWidth)
  if (body > 0) faults.push(`the dialog scrolls sideways by ${body}px`)
  for (const low of await lowContrastTexts(page, 4.5, '[role="dialog"]')) faults.push(`contrast ${low.ratio}: ${low.where} "${low.text}"`)
  if (!conll) return faults
  const cut = await page
    .getByTestId('export-conll-docstart')
    .locator('code, small')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent))
  for (const c of cut) faults.push(`cut: ${c}`)
  return faults
}

/** Runs `look` at 1400×900 and 1024×700, each in the light and the dark theme. */
async function eachScreen(page: Page, look: (width: number, scheme: 'light' | 'dark') => Promise<void>): Promise<void> {
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width, height })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme)
      await look(width, scheme)
    }
  }
}

test.describe('export dialog: CoNLL document line', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test("offers spaCy's -DOCSTART- line with CoNLL; spaCy's converter reads the download as its two documents", async ({ page }) => {
    test.setTimeout(180_000) // four window sizes and themes, two exports and downloads
    for (const name of FILES) {
      const up = (await apiCall(app, 'transfer.upload', { name, base64: fs.readFileSync(path.join(PEERS, name)).toString('base64') })) as { path: string }
      const job = (await apiCall(app, 'transfer.import', { paths: [up.path], annotator: 'conll', addLabels: true })) as { id: string }
      await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: job.id })) as { state: string }).state).toBe('done')
    }
    // What spaCy's converter makes of each source file: the export's documents must read the same.
    const sources = FILES.flatMap((f) => runPythonConsumer<SpacyDoc[]>('read_spacy_conll_ner.py', [path.join(PEERS, f)]))
    expect(sources).toHaveLength(2)

    await page.goto(app.url)
    await page.getByTestId('open-export').click()
    const dialog = page.getByRole('dialog', { name: 'Export a dataset' })
    const field = dialog.getByTestId('export-conll-docstart')
    await expect(field).toHaveCount(0) // jsonl: no document line to choose
    await dialog.getByTestId('export-format').selectOption('conll')
    await expect(field).toBeVisible()
    await expect(field).toContainText('Document start line')
    await expect(field).toContainText('spacy convert starts a document only here')
    await expect(dialog.getByTestId('export-conll-docstart-columns')).toBeChecked()
    await dialog.getByTestId('export-layer').selectOption('conll')

    // The dialog with CoNLL chosen, at both sizes in both themes: looked at, and measured.
    const faults: string[] = []
    await eachScreen(page, async (width, scheme) => {
      await field.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/export-conll-${width}-${scheme}.png` })
      for (const f of await dialogFaults(page)) faults.push(`${width} ${scheme}: ${f}`)
      // A folder format's state too: its unit read-only, and why the path may stay empty (a ZIP download).
      await dialog.getByTestId('export-format').selectOption('webanno-tsv')
      await dialog.getByTestId('export-out').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/export-folder-${width}-${scheme}.png` })
      for (const f of await dialogFaults(page, false)) faults.push(`${width} ${scheme} webanno-tsv: ${f}`)
      await dialog.getByTestId('export-format').selectOption('conll')
    })
    expect(faults).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1400, height: 900 })

    // The default: the file's columns. spaCy's converter finds no delimiter and reads -DOCSTART- as a word.
    const columns = fs.readFileSync(await exportAndDownload(page, app.dir, 'columns.conll'), 'utf8').split('\n')
    expect(columns.slice(0, 3)).toEqual(['-DOCSTART-\tO', '', 'JAPAN\tB-LOC'])
    const misread = runPythonConsumer<SpacyDoc[]>('read_spacy_conll_ner.py', [path.join(app.dir, 'columns.conll')])
    expect(misread.flatMap((d) => d.words)).toContain('-DOCSTART-')
    await page.getByTestId('export-done').click()

    // spaCy's line: every document starts with it, whatever the columns; the converter reads the two documents.
    await page.getByTestId('open-export').click()
    await dialog.getByTestId('export-format').selectOption('conll')
    await dialog.getByTestId('export-layer').selectOption('conll')
    await dialog.getByTestId('export-conll-docstart-spacy').check()
    const file = await exportAndDownload(page, app.dir, 'spacy.conll')
    await eachScreen(page, async (width, scheme) => {
      await page.screenshot({ path: `${SHOTS}/export-conll-report-${width}-${scheme}.png` })
      expect(await horizontalOverflow(page), `${width} ${scheme}`).toBe(0)
      expect(await lowContrastTexts(page, 4.5, '[role="dialog"]'), `${width} ${scheme}`).toEqual([])
    })
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    expect(lines.slice(0, 3)).toEqual([SPACY_LINE, '', 'JAPAN\tB-LOC'])
    expect(lines.filter((l) => l.startsWith('-DOCSTART-'))).toEqual([SPACY_LINE, SPACY_LINE])
    const read = runPythonConsumer<SpacyDoc[]>('read_spacy_conll_ner.py', [file])
    expect(byFirstWord(read)).toEqual(byFirstWord(sources))
    // A training script that splits CoNLL at -DOCSTART- lines sees the same two documents and their entities.
    const chunks = runPythonConsumer<{ conll: { entities: [string, string][] }[] }>('read_training_chunks.py', [`conll:${file}`])
    const entities = byFirstWord(sources).map((d) => d.ents.map(([label, first, last]) => [d.words.slice(first, last + 1).join(' '), label]))
    expect(chunks.conll.map((d) => d.entities)).toEqual(entities)

    // The API refuses spaCy's line with another format, as the CLI does.
    await expect(apiCall(app, 'transfer.export', { format: 'hf', offsets: 'codepoint', conllDocstart: 'spacy' })).rejects.toThrow("spaCy's -DOCSTART- line goes with CoNLL, not hf")
  })
})
