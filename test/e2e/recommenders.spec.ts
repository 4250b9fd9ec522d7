import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument, setAnnotatorViaApi } from './pageHelpers'

const DOCS = ['000_7488830be606d235', '001_5a98d8623b08ebb0', '002_41e43d58b8396c46', '003_c1cf0dc4e843ddcc']
const LABELLED: [string, string][] = [
  ['Belgium', 'GPE'],
  ['Brussels', 'GPE'],
  ['Kerry', 'PERSON'],
  ['Islamic State', 'ORG'],
  ['DAESH', 'ORG'],
]

/** A model server that is up but broken: every request answers 500. */
function brokenServer(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0
  const server = http.createServer((req, res) => {
    hits++
    req.resume()
    res.writeHead(500, { 'content-type': 'text/plain' }).end('model crashed')
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${port}`, hits: () => hits, close: () => new Promise<void>((r) => server.close(() => r())) })
    }),
  )
}

/** Every whole-word occurrence of the strings above labelled in four documents through the API, which are then marked done. */
async function annotateDone(app: { origin: string; token: string }, annotator: string): Promise<void> {
  for (const externalId of DOCS) {
    const doc = (await apiCall(app, 'documents.get', { externalId })) as { id: number; text: string }
    for (const [needle, label] of LABELLED) {
      const re = new RegExp(`\\b${needle}\\b`, 'g')
      for (const m of doc.text.matchAll(re)) await apiCall(app, 'spans.create', { documentId: doc.id, annotator, label, start: m.index, end: m.index + needle.length })
    }
    await apiCall(app, 'documents.setStatus', { documentId: doc.id, annotator, status: 'done' })
  }
}

test.describe('the Recommenders screen', () => {
  const app = appPerDescribe({ annotator: 'eva' })

  test('the string matcher is on by default; Evaluate shows P/R/F1 per label; a broken model server gets a plain message and never stops the annotating', async ({ page }) => {
    await page.setViewportSize({ width: 1360, height: 980 })
    await annotateDone(app, 'eva')
    const server = await brokenServer()
    try {
      await page.goto(app.url)
      await page.getByTestId('open-recommenders').click()
      const screen = page.getByTestId('recommenders-screen')
      await expect(screen.getByRole('heading', { name: 'Recommenders' })).toBeVisible()
      await expect(page.getByRole('switch', { name: 'String matcher on' })).toBeChecked()
      await expect(page.getByRole('switch', { name: 'Label Studio ML backend on' })).not.toBeChecked()

      // Switching a server on without its URL is refused in plain words; a URL that is not http(s) too.
      const ls = page.locator('[data-recommender="ls-backend"]')
      await page.getByRole('switch', { name: 'Label Studio ML backend on' }).check({ force: true })
      await expect(ls.getByRole('alert')).toHaveText('Give the server’s URL before switching it on.')
      await expect(page.getByTestId('save-recommenders')).toBeDisabled()
      await ls.getByLabel('URL').fill('ftp://127.0.0.1')
      await expect(ls.getByRole('alert')).toHaveText('The URL must start with http:// or https://.')
      await ls.getByLabel('URL').fill(server.url)
      await ls.getByLabel('Timeout (s)').fill('5')
      await page.getByTestId('save-recommenders').click()
      await expect(page.getByTestId('save-recommenders')).toHaveText('Saved')

      await page.getByTestId('evaluate-recommenders').click()
      await expect(page.getByTestId('recommenders-summary')).toContainText('Evaluated against 4 done documents of eva.')
      const scores = page.getByTestId('scores-string-matcher')
      for (const label of ['GPE', 'ORG', 'PERSON']) await expect(scores.locator(`[data-score-label="${label}"]`)).toBeVisible()
      await expect(scores.locator('[data-score-label="overall"] td').nth(2)).toHaveText(/^\d+\.\d$/)
      await expect(page.getByTestId('problem-ls-backend')).toContainText('500')
      expect(server.hits()).toBeGreaterThan(0)
      await page.screenshot({ path: 'test/e2e/__screenshots__/recommenders.png', fullPage: true })
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.screenshot({ path: 'test/e2e/__screenshots__/recommenders-dark.png', fullPage: true })
      await page.emulateMedia({ colorScheme: 'light' })
      // The scores are kept: they are there after a reload.
      await page.reload()
      await expect(page.getByTestId('scores-string-matcher').locator('[data-score-label="GPE"]')).toBeVisible()

      // In the document view the broken server is named beside the suggestions, and labelling by key still works.
      await setAnnotatorViaApi(app, 'newcomer')
      await page.goto(app.url)
      await openDocument(page, app.origin, '004_431530a2f7e39217')
      await expect(page.getByTestId('suggestion-problems')).toContainText('ls-backend:')
      await expect(page.getByTestId('suggestion-problems')).toContainText('500')
    } finally {
      await server.close()
    }
  })

  test('the English model’s label mapping is edited and kept; the threshold is kept', async ({ page }) => {
    await page.goto(`${app.url}#/recommenders`)
    const english = page.locator('[data-recommender="english"]')
    await expect(english.getByLabel('PLACE becomes')).toHaveValue('GPE')
    await english.getByLabel('PLACE becomes').selectOption('LOC')
    await english.getByLabel('DATE becomes').selectOption('')
    await page.getByRole('switch', { name: 'English model on' }).check({ force: true })
    await page.getByLabel('F1 threshold').fill('0.25')
    await page.getByTestId('save-recommenders').click()
    await expect(page.getByTestId('save-recommenders')).toHaveText('Saved')
    const saved = (await apiCall(app, 'recommend.settings.get', {})) as { settings: { threshold: number; recommenders: { kind: string; enabled: boolean; mapping?: Record<string, string> }[] } }
    expect(saved.settings.threshold).toBe(0.25)
    const e = saved.settings.recommenders.find((r) => r.kind === 'english')
    expect(e?.enabled).toBe(true)
    expect(e?.mapping).toMatchObject({ PLACE: 'LOC', DATE: '' })
    await page.reload()
    await expect(page.locator('[data-recommender="english"]').getByLabel('PLACE becomes')).toHaveValue('LOC')
    await expect(page.getByLabel('F1 threshold')).toHaveValue('0.25')
  })

  test('patterns pasted or uploaded: a bad line is named and nothing is kept; good ones are kept beside the workspace and suggest in the document', async ({ page }) => {
    await setAnnotatorViaApi(app, 'patterner')
    await page.goto(`${app.url}#/recommenders`)
    const card = page.locator('[data-recommender="patterns"]')
    await card.getByRole('button', { name: 'Paste patterns…' }).click()
    const box = card.getByLabel('Patterns, one JSON object per line')
    await box.fill('{"label":"ORG","pattern":"Islamic State"}\n{"label":"ORG","pattern":[{"LOWER":1}]}')
    await card.getByRole('button', { name: 'Keep these patterns' }).click()
    await expect(card.getByTestId('pattern-outcome')).toContainText('pasted-patterns.jsonl: 1 bad pattern line: line 2:')
    await expect(card.getByLabel('Pattern file', { exact: true })).toHaveValue('')

    // An upload of a spaCy file as it is.
    await card.getByLabel('Pattern file to upload').setInputFiles({
      name: 'ner_patterns.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from('{"label":"ORG","pattern":"Islamic State"}\n{"label":"GPE","pattern":[{"LOWER":"brussels"}]}\n'),
    })
    await expect(card.getByTestId('pattern-outcome')).toContainText('2 patterns kept in ')
    await expect(card.getByLabel('Pattern file', { exact: true })).toHaveValue(/patterns[\\/]ner_patterns\.jsonl$/)
    await page.getByRole('switch', { name: 'Patterns on' }).check({ force: true })
    await page.getByTestId('save-recommenders').click()
    await expect(page.getByTestId('save-recommenders')).toHaveText('Saved')

    await openDocument(page, app.origin, '000_7488830be606d235')
    await expect(page.locator('.article .sw-suggestion[data-recommender^="patterns:"]').first()).toBeVisible()
    const labels = await page.locator('.article .sw-suggestion[data-recommender^="patterns:"]').evaluateAll((els) => [...new Set(els.map((e) => `${(e as HTMLElement).dataset.label} ${e.textContent}`))].sort())
    expect(labels).toEqual(expect.arrayContaining(['GPE Brussels']))
  })
})
