import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { apiCall, setAnnotatorViaApi } from './pageHelpers'
import { horizontalOverflow, lowContrastTexts } from './visualChecks'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SAMPLES = path.join(ROOT, 'resources', 'samples')
const KERRY = '001_5a98d8623b08ebb0'
const OTHER = '003_c1cf0dc4e843ddcc'
const SHOTS = process.env.SPANWRIGHT_SHOTS ?? 'test/e2e/__screenshots__/tour'

function sample(id: string): { title: string; text: string } {
  const [title, ...body] = fs.readFileSync(path.join(SAMPLES, `${id}.txt`), 'utf8').split('\n')
  return { title, text: body.join('\n') }
}

/** A span on the `nth` occurrence of `needle` (code points, as JSONL counts). */
function span(text: string, id: string, needle: string, label: string, nth = 0) {
  let at = -1
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1)
  if (at < 0) throw new Error(`not in the sample: ${needle}`)
  const start = Array.from(text.slice(0, at)).length
  return { id, start, end: start + Array.from(needle).length, label }
}

/** alice, bob and carol on the Kerry article (agreeing, differing, a relation each), alice and bob on a second one. */
function writeLayers(dir: string): string {
  const { title, text } = sample(KERRY)
  const base = [
    span(text, 'T1', 'John Kerry', 'PERSON'),
    span(text, 'T2', 'Belgium', 'GPE'),
    span(text, 'T3', 'Charles Michel', 'PERSON'),
    span(text, 'T7', 'Brussels attacks', 'EVENT'),
    span(text, 'T8', 'Reuters', 'ORG'),
  ]
  const layer = (annotator: string, extra: ReturnType<typeof span>[], relations: { id: string; head: string; tail: string; label: string }[]) =>
    JSON.stringify({ id: KERRY, text, meta: { title }, annotator, spans: [...base, ...extra], relations })
  const lines = [
    layer('alice', [span(text, 'T4', 'DAESH', 'ORG'), span(text, 'T5', 'Brussels', 'GPE', 1), span(text, 'T6', 'Friday, March 25, 2016', 'DATE')], [
      { id: 'R1', head: 'T3', tail: 'T2', label: 'PART_OF' },
      { id: 'R2', head: 'T7', tail: 'T2', label: 'LOCATED_IN' },
    ]),
    layer('bob', [span(text, 'T4', 'DAESH', 'NORP'), span(text, 'T5', 'Brussels', 'LOC', 1), span(text, 'T6', 'March 25, 2016', 'DATE')], [{ id: 'R1', head: 'T3', tail: 'T2', label: 'PART_OF' }]),
    layer('carol', [span(text, 'T4', 'DAESH terrorist group', 'ORG'), span(text, 'T5', 'Brussels', 'GPE', 1)], [{ id: 'R2', head: 'T7', tail: 'T2', label: 'LOCATED_IN' }]),
  ]
  const other = sample(OTHER)
  const words = other.text.match(/\b[A-Z][a-z]{3,}\b/g)?.slice(0, 4) ?? []
  for (const annotator of ['alice', 'bob'])
    lines.push(JSON.stringify({ id: OTHER, text: other.text, meta: { title: other.title }, annotator, spans: words.map((w, i) => span(other.text, `T${i}`, w, i % 2 || annotator === 'bob' ? 'ORG' : 'PERSON')) }))
  const file = path.join(dir, 'layers.jsonl')
  fs.writeFileSync(file, lines.join('\n') + '\n')
  return file
}

/** Whether the elements matching `selector` show their whole text (not cut by an ellipsis, a clamp or overflow). */
const cut = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent))

/** The right edge of an element's text (not its box): a numeric column's head and its figures end together. */
const textRight = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((e) => {
    const r = document.createRange()
    r.selectNodeContents(e)
    return r.getBoundingClientRect().right
  })

/** Scrolls the screen's own scroller (the page itself does not scroll) to its end or back. */
const scrollMain = (page: Page, to: 'start' | 'end') =>
  page.evaluate((end) => {
    const scroller = [document.querySelector('main'), ...document.querySelectorAll('main *')].find((e) => e && e.scrollHeight > e.clientHeight + 10 && /auto|scroll/.test(getComputedStyle(e).overflowY))
    if (scroller) scroller.scrollTop = end ? scroller.scrollHeight : 0
  }, to === 'end')

/** Pages longer than the window: saved at their end too, and measured below the fold. */
const LONG_PAGES = ['agreement', 'schema']

/** Each screen: how to reach it, and what says it is ready (and, for some, what must hold on it). */
const SCREENS: [string, (page: Page, app: RunningApp) => Promise<void>][] = [
  ['library', async (page, app) => {
    await page.goto(app.url)
    await expect(page.locator('tr[data-document]').first()).toBeVisible()
    await expect(page.getByRole('tab', { name: /All/ })).not.toContainText('…')
  }],
  ['document', async (page, app) => {
    await page.goto(`${app.origin}/#/documents/${KERRY}`)
    await page.locator('[data-document-ready="true"]').first().waitFor()
    await expect(page.locator('.sw-span').first()).toBeVisible()
  }],
  ['help', async (page) => {
    await page.keyboard.press('?')
    await expect(page.getByRole('dialog')).toBeVisible()
    // Each label's guideline is read whole (it was cut at ~25 characters).
    expect(await cut(page, '.help-desc')).toEqual([])
  }],
  ['review-merged', async (page, app) => {
    await page.goto(`${app.origin}/#/review/${KERRY}`)
    await page.locator('[data-document-ready="true"]').first().waitFor()
    await page.keyboard.press('n')
    await expect(page.getByTestId('disagreement-card')).toContainText('Disagreement 1')
    // The reading names both ends of the relation in the side column (it was cut after "Brussels atta…").
    await expect(page.getByTestId('candidate').first()).toContainText('“Brussels attacks” → “Belgium”')
    expect(await cut(page, '.candidates .span-text')).toEqual([])
  }],
  ['review-side', async (page) => {
    await page.keyboard.press('v')
    await expect(page.getByTestId('column-alice')).toBeVisible()
    await page.locator('[data-document-ready="true"]').last().waitFor()
    // Every column lies within the row, which does not scroll sideways (at 1024 px alice, bob, carol and gold took
    // 1000 px of a 664 px row and the row scrolled), and no column's text is wider than the column.
    const row = page.locator('.review-columns')
    await expect.poll(() => row.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0)
    const box = (await row.boundingBox())!
    for (const who of ['alice', 'bob', 'carol', 'gold']) {
      const column = (await page.getByTestId(`column-${who}`).boundingBox())!
      expect(column.x).toBeGreaterThanOrEqual(box.x - 0.5)
      expect(column.x + column.width).toBeLessThanOrEqual(box.x + box.width + 0.5)
    }
    expect(await page.locator('.column-scroll').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length)).toBe(0)
    // Each column's head names its annotator whole; its counts give way first (narrowed, the names read "a…", "b…").
    expect(await cut(page, '.column-head strong')).toEqual([])
  }],
  ['agreement', async (page, app) => {
    await page.goto(`${app.origin}/#/agreement`)
    await expect(page.locator('main table').first()).toBeVisible()
    // Numeric heads sit over their figures (they were left-aligned, ~150 px from right-aligned numbers).
    const head = await textRight(page, 'main table thead th.num')
    const figure = await textRight(page, 'main table tbody td.num')
    expect(Math.abs(head - figure)).toBeLessThan(2)
  }],
  ['schema', async (page, app) => {
    await page.goto(`${app.origin}/#/schema`)
    await expect(page.getByText('PERSON').first()).toBeVisible()
  }],
  ['recommenders', async (page, app) => {
    await page.goto(`${app.origin}/#/recommenders`)
    await expect(page.locator('main h1').first()).toBeVisible()
  }],
  ['team', async (page, app) => {
    await page.goto(`${app.origin}/#/team`)
    await expect(page.locator('main h1').first()).toBeVisible()
  }],
  ['backups', async (page, app) => {
    await page.goto(`${app.origin}/#/workspace`)
    await expect(page.locator('main h1').first()).toBeVisible()
  }],
  ['import', async (page, app) => {
    await page.goto(app.url)
    await page.getByTestId('open-import').click()
    await expect(page.getByRole('dialog')).toBeVisible()
  }],
  ['export', async (page) => {
    await page.keyboard.press('Escape')
    await page.getByTestId('open-export').click()
    await expect(page.getByRole('dialog')).toBeVisible()
  }],
]

/** The window sizes each screen is visited at; the smaller one's shots end in `-1024`. */
const SIZES = [
  { width: 1400, height: 900, suffix: '' },
  { width: 1024, height: 700, suffix: '-1024' },
]

test.describe('every screen, light and dark, at 1400×900 and 1024×700', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    test.setTimeout(120_000) // cold starts of the CLI from its sources on a busy machine
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-tour-'))
    const db = path.join(dir, 'tour.spanwright')
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', writeLayers(dir), '--db', db, '--add-labels'], { env: { ...process.env, SPANWRIGHT_HOME: dir } })
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'alice')
    const doc = (await apiCall(app, 'documents.get', { externalId: OTHER })) as { id: number }
    await apiCall(app, 'documents.setStatus', { documentId: doc.id, annotator: 'alice', status: 'done' })
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('each screen fits the window and is saved in both themes', async ({ page }) => {
    test.setTimeout(480_000)
    fs.mkdirSync(SHOTS, { recursive: true })
    const overflow: string[] = []
    const faint: string[] = []
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height })
      for (const [screen, reach] of SCREENS) {
        const name = screen + size.suffix
        await page.emulateMedia({ colorScheme: 'light' })
        await reach(page, app)
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme })
          await expect(page.locator('html')).toHaveAttribute('data-theme', scheme)
          const long = LONG_PAGES.includes(screen)
          await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` })
          if (long) {
            await scrollMain(page, 'end')
            await page.screenshot({ path: `${SHOTS}/${name}-${scheme}-end.png` })
            await scrollMain(page, 'start')
          }
          const o = await horizontalOverflow(page)
          if (o > 0) overflow.push(`${name} (${scheme}): ${o}px`)
          const dialog = await page.getByRole('dialog').count()
          for (const low of await lowContrastTexts(page, 4.5, dialog ? '[role="dialog"]' : 'body', long)) faint.push(`${name} (${scheme}): ${low.ratio} ${low.where} "${low.text}"`)
        }
      }
    }
    expect(overflow).toEqual([])
    fs.writeFileSync(`${SHOTS}/low-contrast.txt`, faint.join('\n') + '\n')
    expect(faint).toEqual([])
  })
})
