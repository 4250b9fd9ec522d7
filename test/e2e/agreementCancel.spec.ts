import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DOCS = 20_000

/** The CLI, as a user runs it. */
function cli(args: string[], home: string): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: home } })
}

/** `DOCS` short documents with ten PERSON spans each, as `annotator`'s layer. */
function layerFile(dir: string, annotator: string): string {
  const text = 'Kerry met Michel in Brussels on Monday and they talked about Paris. '.repeat(2)
  const spans = Array.from({ length: 10 }, (_, s) => ({ start: s * 10, end: s * 10 + 5, label: 'PERSON' }))
  const lines: string[] = []
  for (let d = 0; d < DOCS; d++) lines.push(JSON.stringify({ id: `doc-${d}`, text, spans, annotator }))
  const file = path.join(dir, `${annotator}.jsonl`)
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

test.describe('the agreement screen on a big corpus', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    test.setTimeout(180_000)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-agreement-cancel-'))
    const db = path.join(dir, 'big.spanwright')
    for (const who of ['alice', 'bob']) cli(['import', layerFile(dir, who), '--db', db], dir)
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'rita')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('Cancel stops a slow agreement run mid-way and says where it stopped; the screen computes again afterwards', async ({ page }) => {
    test.setTimeout(120_000)
    await page.goto(app.url)
    await page.goto(`${app.origin}/#/agreement`)
    // Cancel shows only while a run is slow; 20,000 documents are.
    await page.getByTestId('agreement-cancel').click({ timeout: 30_000 })
    await expect(page.locator('.panel-error')).toHaveText(new RegExp(`^agreement cancelled after \\d+ of ${DOCS} documents; nothing was changed$`))
    await expect(page.getByTestId('agreement-cancel')).toHaveCount(0)
    // Choosing annotators starts a new run, which runs to its end.
    await page.getByRole('button', { name: 'alice' }).click()
    await page.getByRole('button', { name: 'bob' }).click()
    await expect(page.getByTestId('agreement-scope')).toContainText(`${DOCS} documents · `, { timeout: 90_000 })
    await expect(page.locator('.panel-error')).toHaveCount(0)
  })
})
