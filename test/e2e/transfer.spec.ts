import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { RunningApp } from './appServer'
import { appPerDescribe } from './fixtures'
import { apiCall } from './pageHelpers'

const line = (o: unknown) => JSON.stringify(o)
const GOOD = [
  line({
    id: 'colleague-1',
    text: 'Kerry met Michel in Brussels to talk about NATO. 👋🏽',
    meta: { title: 'Kerry in Brussels' },
    annotator: 'bob',
    spans: [
      { id: 'T1', start: 0, end: 5, label: 'PERSON', text: 'Kerry' },
      { id: 'T2', start: 10, end: 16, label: 'PERSON', text: 'Michel' },
      { id: 'T3', start: 20, end: 28, label: 'GPE', text: 'Brussels' },
    ],
    relations: [{ id: 'R1', head: 'T1', tail: 'T2', label: 'PART_OF' }],
  }),
  line({ id: 'colleague-2', text: 'A quiet day at the Commission.', meta: { title: 'A quiet day' }, annotator: 'bob', spans: [{ start: 19, end: 29, label: 'ORG' }], relations: [] }),
].join('\n')

async function openImport(page: Page, app: RunningApp) {
  await page.goto(app.url)
  await page.getByTestId('open-import').click()
  await expect(page.getByRole('dialog', { name: 'Import documents and layers' })).toBeVisible()
}

const documentCount = async (app: RunningApp) => ((await apiCall(app, 'documents.list', { annotator: 'alice' })) as unknown[]).length

test.describe('import and export dialogs', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('an uploaded JSONL file is previewed, imported, reported, and its documents are in the library', async ({ page }) => {
    await openImport(page, app)
    await page.getByTestId('import-upload').setInputFiles({ name: 'colleague.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(GOOD) })
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview).toContainText('Spanwright JSONL')
    const rows = preview.locator('tbody tr')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0)).toContainText('colleague-1')
    await expect(rows.nth(0)).toContainText('Kerry met Michel in Brussels')
    await expect(rows.nth(0).locator('td.num').first()).toHaveText('3')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-dialog.png' })

    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Imported 2 of 2 records')
    await expect(report.locator('.report-stats')).toContainText('New documents2')
    await page.getByTestId('import-done').click()
    const library = page.getByTestId('library')
    await expect(library).toContainText('Kerry in Brussels')
    await expect(library).toContainText('A quiet day')
    await page.screenshot({ path: 'test/e2e/__screenshots__/import-library.png' })
  })

  test('a bad file lists its line errors and imports nothing', async ({ page }) => {
    const before = await documentCount(app)
    await openImport(page, app)
    const bad = [
      line({ id: 'bad-1', text: 'Fine so far.', annotator: 'bob', spans: [], relations: [] }),
      line({ id: 'bad-2', text: 'short', annotator: 'bob', spans: [{ start: 0, end: 40, label: 'PERSON' }], relations: [] }),
      '{"id": "bad-3", "text": ',
      line({ id: 'bad-4', text: 'Unknown label here.', annotator: 'bob', spans: [{ start: 0, end: 7, label: 'SPACESHIP' }], relations: [] }),
    ].join('\n')
    await page.getByTestId('import-upload').setInputFiles({ name: 'bad.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(bad) })
    await page.getByTestId('import-start').click()
    const report = page.getByTestId('import-report')
    await expect(report).toContainText('Nothing was imported.')
    const errors = report.getByTestId('line-errors')
    await expect(errors.locator('li')).toHaveCount(3)
    await expect(errors.locator('li').nth(0)).toContainText('bad.jsonl:2')
    await expect(errors.locator('li').nth(1)).toContainText('bad.jsonl:3')
    await expect(errors.locator('li').nth(2)).toContainText('bad.jsonl:4')
    await expect(errors).toContainText('SPACESHIP')
    await expect(page.getByTestId('import-back')).toBeVisible()
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-errors.png' })
    expect(await documentCount(app)).toBe(before)
  })

  test('the preview names an unknown label, a PNG renamed .jsonl and an empty file before Import is pressed', async ({ page }) => {
    await openImport(page, app)
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const odd = line({ id: 'odd-1', text: 'A wizard.', annotator: 'bob', spans: [{ start: 2, end: 8, label: 'WIZARD' }] })
    await page.getByTestId('import-upload').setInputFiles([
      { name: 'labels.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(odd) },
      { name: 'picture.jsonl', mimeType: 'application/jsonl', buffer: png },
      { name: 'empty.jsonl', mimeType: 'application/jsonl', buffer: Buffer.alloc(0) },
    ])
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview).toContainText('labels.jsonl:1')
    await expect(preview).toContainText('label "WIZARD" is not an entity label in the schema')
    // A binary file has no lines: its fault is the file's, named without a line number.
    const picture = preview.locator('li').filter({ hasText: 'not a text file (a PNG image)' })
    await expect(picture.locator('code.where')).toHaveText('picture.jsonl')
    // An empty file is a fault of the file too: no line number, and the list's title says what its faults are.
    await expect(preview.locator('li').filter({ hasText: 'empty file' }).locator('code.where')).toHaveText('empty.jsonl')
    await expect(preview.getByTestId('line-errors')).toContainText('1 bad line; 1 file could not be read; 1 empty file among the first records')
  })

  test('a Latin-1 CoNLL file: the preview names the Encoding option, and with Latin-1 chosen reads its words', async ({ page }) => {
    await openImport(page, app)
    await page.getByTestId('import-upload').setInputFiles({ name: 'esp.conll', mimeType: 'text/plain', buffer: Buffer.from('Li\xe8ge B-GPE\nlleg\xf3 O\n', 'latin1') })
    await page.getByTestId('import-preview').click()
    const preview = page.getByTestId('import-preview-table')
    await expect(preview.getByTestId('line-errors')).toContainText('1 bad line among the first records')
    await expect(preview).toContainText('esp.conll:1')
    await expect(preview).toContainText('(0xE8: “è” in Latin-1 and Windows-1252)')
    await expect(preview).toContainText('(in the import dialog: Encoding)')
    await page.getByTestId('import-encoding').selectOption('latin1')
    await expect(preview).toBeHidden()
    await page.getByTestId('import-preview').click()
    await expect(preview.locator('tbody tr').first()).toContainText('Liège llegó')
    await expect(preview.getByTestId('line-errors')).toHaveCount(0)
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-encoding.png' })
    // A UTF-8 file read as Latin-1 is refused (its accents would be stored wrong for good), naming the way out;
    // "Read as chosen" reads it as told, and the preview says what it most likely is.
    await page.getByTestId('import-upload').setInputFiles({ name: 'utf8.conll', mimeType: 'text/plain', buffer: Buffer.from('Liège B-GPE\n') })
    await expect(preview).toBeHidden()
    await page.getByTestId('import-preview').click()
    await expect(preview).toContainText('read as latin1 (--encoding), but the file is valid UTF-8')
    await expect(preview).toContainText('(in the import dialog: Read as chosen)')
    await page.getByTestId('import-encoding-force').check()
    await page.getByTestId('import-preview').click()
    await expect(preview.getByTestId('import-preview-warnings')).toContainText('utf8.conll: read as latin1 (--encoding), but the file is valid UTF-8')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/import-encoding-warning.png' })
  })

  test('exports JSONL and downloads it', async ({ page }) => {
    await page.goto(app.url)
    await page.getByTestId('open-export').click()
    await page.getByTestId('export-layer').selectOption('bob')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/export-options.png' })
    await page.getByTestId('export-start').click()
    const report = page.getByTestId('export-report')
    // Only the layers bob has: the five samples he never opened are left out, and the report says so (issue 10).
    await expect(report).toContainText('Exported 2 layers as Spanwright JSONL · 4 spans, 1 relation')
    await expect(report.getByTestId('export-left-out')).toContainText('5 documents: no layer by bob')
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/export-dialog.png' })
    // In the dark theme (the system's, followed live) the report, its left-out box and the footer are dark too:
    // they were light boxes with light-theme text colours.
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    const lightness = (sel: string) =>
      page.locator(sel).evaluate((el) => {
        // rgb(250, 251, 252), or color(srgb 0.1 0.12 0.16) for a color-mix()
        const bg = getComputedStyle(el).backgroundColor
        const [r, g, b] = bg.match(/[\d.]+/g)!.map(Number)
        return ((r + g + b) / 3) * (bg.startsWith('color(') ? 255 : 1)
      })
    for (const sel of ['.transfer-foot', '.outcome-done', '[data-testid="export-left-out"]']) expect(await lightness(sel), sel).toBeLessThan(90)
    await page.getByRole('dialog').screenshot({ path: 'test/e2e/__screenshots__/export-dialog-dark.png' })
    await page.emulateMedia({ colorScheme: 'light' })
    // The link carries no token (a URL with one would sit in history and the downloads list): a cookie authorises it.
    const href = (await page.getByTestId('export-download').getAttribute('href')) ?? ''
    expect(href).toMatch(/^\/api\/download\/[\w-]+\/0$/)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()])
    expect(download.url()).not.toContain('token')
    expect(download.suggestedFilename()).toBe('spanwright-jsonl.jsonl')
    const text = fs.readFileSync((await download.path())!, 'utf8')
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; spans: { text: string }[]; relations: unknown[] })
    expect(lines).toHaveLength(2)
    const mine = lines.filter((l) => l.id.startsWith('colleague-'))
    expect(mine.map((l) => l.id)).toEqual(['colleague-1', 'colleague-2'])
    expect(mine[0].spans.map((s) => s.text)).toEqual(['Kerry', 'Michel', 'Brussels'])
    expect(mine[0].relations).toHaveLength(1)
    // Going elsewhere (Back, a link, a deep link) closes it: the report does not sit over the next screen.
    await page.evaluate(() => (window.location.hash = '#/agreement'))
    await expect(page.getByTestId('open-agreement')).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('dialog')).toHaveCount(0)
    // Opened, the dialog has the focus: Escape closes it before anything in it is clicked.
    await page.getByTestId('open-import').click()
    await expect(page.getByRole('dialog')).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })

  test('exports gold only where the review is done, unless asked to include reviews still open', async ({ page }) => {
    // A gold layer on colleague-1 whose review is not done.
    const gold = line({ ...(JSON.parse(GOOD.split('\n')[0]) as object), annotator: 'gold', relations: [] })
    const up = (await apiCall(app, 'transfer.upload', { name: 'gold.jsonl', base64: Buffer.from(gold).toString('base64') })) as { path: string }
    const job = (await apiCall(app, 'transfer.import', { paths: [up.path] })) as { id: string }
    await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: job.id })) as { state: string }).state).toBe('done')

    const exportGold = async (includeUnreviewed: boolean) => {
      await page.goto(app.url)
      await page.getByTestId('open-export').click()
      await page.getByTestId('export-layer').selectOption({ label: 'Gold layer (adjudicated)' })
      await page.getByTestId('export-include-unreviewed').setChecked(includeUnreviewed)
      await page.getByTestId('export-start').click()
      return page.getByTestId('export-report')
    }
    const done = await exportGold(false)
    await expect(done).toContainText('Exported 0 layers')
    await expect(done.getByTestId('export-left-out')).toContainText('1 document: review not done')
    await expect(done.getByTestId('export-left-out')).toContainText('no gold layer (never reviewed)')
    const all = await exportGold(true)
    await expect(all).toContainText('Exported 1 layer as Spanwright JSONL · 3 spans, 0 relations')
    await expect(all.getByTestId('export-left-out')).not.toContainText('review not done')
  })

  test('cancels a running import of a big file, writing nothing', async ({ page }) => {
    test.setTimeout(120_000)
    const big = path.join(app.dir, 'big.jsonl')
    const fd = fs.openSync(big, 'w')
    for (let i = 0; i < 400_000; i += 5000) {
      let chunk = ''
      for (let k = i; k < i + 5000; k++) chunk += line({ id: `big-${k}`, text: `Kerry met Michel ${k} times in Brussels.`, annotator: 'bot', spans: [{ start: 0, end: 5, label: 'PERSON' }, { start: 10, end: 16, label: 'PERSON' }], relations: [] }) + '\n'
      fs.writeSync(fd, chunk)
    }
    fs.closeSync(fd)
    const before = await documentCount(app)
    await openImport(page, app)
    await page.getByTestId('import-paths').fill(big)
    await page.getByTestId('import-start').click()
    const progress = page.getByTestId('job-progress')
    await expect(progress).toContainText('of 400,000 records')
    await page.getByTestId('job-cancel').click()
    await expect(page.getByTestId('import-report')).toContainText('Import cancelled. Nothing was written.')
    expect(await documentCount(app)).toBe(before)
  })
})
