import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall, labelByKey, openDocument, setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// BioNLP 2011 ID sample from brat (test/fixtures/brat/LICENSE-brat.md): its schema's 40 entity labels fold the palette.
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'brat', 'bionlp2011-id')
// A news sample shipped with the app (resources/samples), imported as plain text: a document nobody labelled yet, where
// Tab walks the page's controls (with spans, the editor takes Tab to step through them).
const SAMPLE = path.join(ROOT, 'resources', 'samples', '001_5a98d8623b08ebb0.txt')
const DOC = '001_5a98d8623b08ebb0'
// Hotkeys for labels; none of them an editor key (r, s, x, digits are reserved).
const KEYS = [...'abcdefghijklmnopqtuvwyz,.;=-']

type Label = { id: number; kind: string; name: string; hotkey: string | null }

test.describe('the folded label palette and the keyboard (BioNLP 2011 ID schema)', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    test.setTimeout(120_000)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-palette-'))
    const db = path.join(dir, 'palette.spanwright')
    const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), ...args, '--db', db], { env: { ...process.env, SPANWRIGHT_HOME: dir }, stdio: 'ignore' })
    cli('import', CORPUS, '--annotator', 'alice', '--add-labels')
    cli('import', SAMPLE)
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'alice')
    // A free key for each label without one, as far as they go: more keyed labels than two rows hold at 1024 px, so
    // some fold away.
    const labels = ((await apiCall(app, 'schema.list', {})) as Label[]).filter((l) => l.kind === 'entity')
    const free = KEYS.filter((k) => !labels.some((l) => l.hotkey?.toLowerCase() === k))
    for (const l of labels.filter((l) => !l.hotkey)) {
      const key = free.shift()
      if (!key) break
      await apiCall(app, 'schema.updateLabel', { id: l.id, hotkey: key })
    }
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('at 1024×700, Tab skips the labels folded away, "+N more" puts them back, and their keys still label', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.goto(app.url)
    await openDocument(page, app.origin, DOC)
    const more = page.getByTestId('palette-more')
    await expect(more).toHaveText(/^\+\d+ more$/)
    const hidden = Number((await more.textContent())!.match(/\d+/)![0])
    const items = page.locator('[data-palette-label]')
    const total = await items.count()
    // What the eye sees: the labels whose box lies within the folded list.
    const shown = await page.locator('.palette-labels').evaluate((list) => {
      const box = list.getBoundingClientRect()
      return [...list.querySelectorAll<HTMLElement>('[data-palette-label]')].filter((e) => e.getBoundingClientRect().bottom <= box.bottom + 0.5).map((e) => e.dataset.paletteLabel!)
    })
    expect(shown.length).toBe(total - hidden)

    // Tab from the first label walks the labels shown, then "+N more": never a label nobody sees.
    const walk = async () => {
      const seen: string[] = []
      await items.first().focus()
      for (let i = 0; i < total + 2; i++) {
        const now = await page.evaluate(() => {
          const e = document.activeElement as HTMLElement | null
          return e?.dataset.paletteLabel ?? (e?.dataset.testid === 'palette-more' ? '+more' : `other:${e?.tagName}`)
        })
        seen.push(now)
        if (!now.startsWith('other:') && now !== '+more') await page.keyboard.press('Tab')
        else break
      }
      return seen
    }
    expect(await walk()).toEqual([...shown, '+more'])

    // Unfolded, Tab reaches every label.
    await more.click()
    await expect(more).toHaveText('Fewer')
    const all = await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.paletteLabel!))
    expect(await walk()).toEqual([...all, '+more'])
    await more.click()
    await expect(more).toHaveText(/^\+\d+ more$/)

    // A label folded away keeps its key: select a word, press it, and the span has that label.
    const folded = await page.locator('[data-folded-away] kbd').first().evaluate((k) => ({ key: k.textContent!, label: (k.closest('[data-palette-label]') as HTMLElement).dataset.paletteLabel! }))
    await expect(page.locator(`[data-palette-label="${folded.label}"]`)).not.toBeInViewport()
    await labelByKey(page, 'Kerry', folded.key)
    await expect(page.locator('[data-list-span]')).toHaveCount(1)
    await expect(page.locator('.span-list')).toContainText(folded.label)
  })
})
