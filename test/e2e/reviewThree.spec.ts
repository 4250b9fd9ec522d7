import { expect, test } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SAMPLES = path.join(ROOT, 'resources', 'samples')
const KERRY = '001_5a98d8623b08ebb0'
const ISIS = '002_41e43d58b8396c46'
const SHOTS = 'test/e2e/__screenshots__'

/** The CLI, as a user runs it. */
function cli(args: string[]): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: path.dirname(args[args.indexOf('--db') + 1]) } })
}

function sample(id: string): { title: string; text: string } {
  const [title, ...body] = fs.readFileSync(path.join(SAMPLES, `${id}.txt`), 'utf8').split('\n')
  return { title, text: body.join('\n') }
}

type Item = [needle: string, label: string, nth?: number]

/** One annotator's JSONL line: spans on the nth occurrence of each needle (code points), relations by span index. */
function line(id: string, annotator: string, items: Item[], relations: [number, number, string][] = []): string {
  const { title, text } = sample(id)
  const spans = items.map(([needle, label, nth = 0], i) => {
    let at = -1
    for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1)
    if (at < 0) throw new Error(`not in the sample: ${needle}`)
    const start = Array.from(text.slice(0, at)).length
    return { id: `T${i + 1}`, start, end: start + Array.from(needle).length, label }
  })
  return JSON.stringify({
    id,
    text,
    meta: { title },
    annotator,
    spans,
    relations: relations.map(([h, t, label], i) => ({ id: `R${i + 1}`, head: `T${h + 1}`, tail: `T${t + 1}`, label })),
  })
}

/**
 * Kerry, three annotators. Agreed: John Kerry, Belgium, Charles Michel, Vladimir Putin. Disagreements in text order:
 * 1 the PART_OF relation (carol has none), 2 Brussels (LOC by bob and carol, GPE by alice), 3 the date's boundary
 * (alice includes "Friday, "), 4 Washington (bob and carol only), 5 DAESH (alice only), 6 Juncker (carol has none).
 */
function kerryLayers(): string[] {
  const agreed: Item[] = [
    ['John Kerry', 'PERSON'],
    ['Belgium', 'GPE'],
    ['Charles Michel', 'PERSON'],
    ['Vladimir Putin', 'PERSON'],
  ]
  const rel: [number, number, string][] = [[2, 1, 'PART_OF']]
  return [
    line(KERRY, 'alice', [...agreed, ['Brussels', 'GPE'], ['Friday, March 25, 2016', 'DATE'], ['DAESH', 'ORG'], ['Jean-Claude Juncker', 'PERSON']], rel),
    line(KERRY, 'bob', [...agreed, ['Brussels', 'LOC'], ['March 25, 2016', 'DATE'], ['Washington', 'GPE'], ['Jean-Claude Juncker', 'PERSON']], rel),
    line(KERRY, 'carol', [...agreed, ['Brussels', 'LOC'], ['March 25, 2016', 'DATE'], ['Washington', 'GPE']]),
  ]
}

/** The ISIS article, four annotators who differ on Verviers and ISIS. */
function isisLayers(): string[] {
  return [
    line(ISIS, 'alice', [['Belgium', 'GPE'], ['Verviers', 'GPE'], ['ISIS', 'ORG']]),
    line(ISIS, 'bob', [['Belgium', 'GPE'], ['Verviers', 'LOC'], ['ISIS', 'ORG']]),
    line(ISIS, 'carol', [['Belgium', 'GPE'], ['Verviers', 'GPE']]),
    line(ISIS, 'dave', [['Belgium', 'GPE'], ['Verviers', 'GPE'], ['ISIS', 'NORP']]),
  ]
}

async function expectOpen(page: Page, n: number) {
  await expect(page.getByTestId('open-count')).toHaveText(`${n} open`)
}

/** The text `needle` (its first occurrence) lies inside the side-by-side column's visible box. */
async function textInView(column: Locator, needle: string): Promise<boolean> {
  return column.evaluate((col, needle) => {
    const scroller = col.querySelector('.column-scroll')!
    const walker = document.createTreeWalker(col.querySelector('.article')!, NodeFilter.SHOW_TEXT)
    let n: Node | null
    while ((n = walker.nextNode())) {
      const at = (n as Text).data.indexOf(needle)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(n, at)
      range.setEnd(n, at + needle.length)
      const m = range.getBoundingClientRect()
      const s = scroller.getBoundingClientRect()
      return m.top >= s.top && m.bottom <= s.bottom && m.left >= s.left && m.right <= s.right
    }
    return false
  }, needle)
}

test.describe('review: three annotators to zero open items, review done, gold export', () => {
  let app: RunningApp
  let dir: string
  let db: string
  test.beforeAll(async () => {
    test.setTimeout(120_000) // an import and a cold start of serve, beside three other test files on a busy machine
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-review3-'))
    db = path.join(dir, 'review.spanwright')
    const file = path.join(dir, 'layers.jsonl')
    fs.writeFileSync(file, [...kerryLayers(), ...isisLayers()].join('\n') + '\n')
    cli(['import', file, '--db', db])
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'rita')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('decide every reading from the first disagreement to zero open, mark done, reload, export gold', async ({ page }) => {
    await page.goto(app.url)
    await page.goto(`${app.origin}/#/review/${KERRY}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.getByTestId('disagreement-count')).toContainText('6 disagreements')
    await expectOpen(page, 6)
    const card = page.getByTestId('disagreement-card')
    const rows = card.getByTestId('candidate')
    await expect(page.getByRole('button', { name: 'Mark review done' })).toBeDisabled()

    // Keys that cannot act say why: Shift+D with readings open; a decision before any disagreement is chosen goes to
    // the first open one and decides nothing.
    await page.keyboard.press('Shift+D')
    await expect(page.locator('.toast')).toContainText('6 disagreements still open')
    await page.keyboard.press('Shift+A')
    await expect(card).toContainText('Disagreement 1 of 6')
    await expect(page.locator('.toast')).toContainText('No disagreement was chosen')
    await expectOpen(page, 6)
    // 1: the relation only alice and bob drew: one reading with both names; Shift+A accepts it and moves on.
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('PART_OF')
    await expect(rows.first()).toContainText('alice')
    await expect(rows.first()).toContainText('bob')
    await expect(card).toContainText('Nothing here: carol')
    await page.keyboard.press('Shift+A')
    await expectOpen(page, 5)
    await expect(card).toContainText('Disagreement 2 of 6')

    // 2: Brussels. Identical readings are one row: LOC (bob, carol), GPE (alice). The merged view tags each reading once, with who gave it.
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0)).toContainText('LOC')
    await expect(rows.nth(0)).toContainText('bob')
    await expect(rows.nth(0)).toContainText('carol')
    await expect(rows.nth(1)).toContainText('alice')
    await expect(page.locator('.article .sw-tag', { hasText: 'LOC · b c' })).toHaveCount(1)
    await expect(page.locator('.article .sw-tag', { hasText: 'GPE · a' })).toHaveCount(1)
    // No tag repeats a label without names at a disagreement ("PERSON PERSON PERSON").
    const tags = await page.evaluate(() => {
      const differing = new Set([...document.querySelectorAll('.article .sw-span--differs')].map((e) => e.getAttribute('data-span-id')))
      return [...document.querySelectorAll<HTMLElement>('.article [data-tag-for]')].filter((t) => differing.has(t.dataset.tagFor!)).map((t) => ({ id: t.dataset.tagFor, text: t.textContent }))
    })
    expect(tags.length).toBeGreaterThan(3)
    expect(new Set(tags.map((t) => t.id)).size).toBe(tags.length)
    for (const t of tags) expect(t.text).toMatch(/^[A-Z_]+ · [a-z]+( [a-z]+)*$/)
    // Arc labels stay inside the text column and never cover each other.
    const labels = await page.evaluate(() => {
      const article = document.querySelector('.article')!.getBoundingClientRect()
      const rects = [...document.querySelectorAll('.sw-arc-label-bg')].map((r) => r.getBoundingClientRect())
      return { article: { left: article.left, right: article.right }, rects: rects.map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })) }
    })
    expect(labels.rects.length).toBeGreaterThan(0)
    for (const r of labels.rects) {
      expect(r.left).toBeGreaterThanOrEqual(labels.article.left - 1)
      expect(r.right).toBeLessThanOrEqual(labels.article.right + 1)
    }
    for (const [i, a] of labels.rects.entries())
      for (const b of labels.rects.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true)
    await page.screenshot({ path: `${SHOTS}/review-merged.png` })
    // The same in the dark theme (it follows the system's preference).
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.screenshot({ path: `${SHOTS}/review-merged-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })
    // One accept does not tick the place: GPE is still open, and the choice moved to it.
    await page.keyboard.press('a')
    await expect(card.getByTestId('card-progress')).toHaveText('1 of 2 decided')
    await expectOpen(page, 5)
    await expect(card.locator('[data-testid="candidate"].chosen')).toContainText('GPE')
    await page.keyboard.press('x')
    await expectOpen(page, 4)
    await expect(card).toContainText('Disagreement 3 of 6')

    // 3: the date's boundary: Enter accepts the chosen (most supported) reading and rejects alice's longer one.
    await expect(rows.first()).toContainText('“March 25, 2016”')
    await page.keyboard.press('Enter')
    await expectOpen(page, 3)
    await expect(card).toContainText('Disagreement 4 of 6')

    // 4: Washington, which alice left out: rejecting its only reading settles it as "no annotation".
    await expect(card).toContainText('Nothing here: alice')
    await page.keyboard.press('x')
    await expectOpen(page, 2)
    await expect(page.getByTestId('disagreement-list').locator('li').nth(3)).toHaveAttribute('data-resolved', 'true')
    // 5: DAESH (alice only): kept.
    await expect(card).toContainText('Disagreement 5 of 6')
    await page.keyboard.press('Shift+A')
    await expectOpen(page, 1)

    // 6: Juncker, far down the article. Side by side, every column shows it.
    await expect(card).toContainText('Disagreement 6 of 6')
    await page.keyboard.press('v')
    for (const who of ['alice', 'bob', 'carol', 'gold']) {
      const column = page.getByTestId(`column-${who}`)
      await column.locator('[data-document-ready="true"]').waitFor()
      await expect.poll(() => textInView(column, 'Juncker'), { message: `column ${who} shows the current disagreement` }).toBe(true)
    }
    // Every column's lines at the same height, though carol's layer has no relation (taller lines leave room for arcs):
    // Juncker as far below each article's top, and level across the columns once they have followed it.
    const junckerTop = (who: string) =>
      page.getByTestId(`column-${who}`).evaluate((col) => {
        const walker = document.createTreeWalker(col.querySelector('.article')!, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n as Text).data.indexOf('Juncker')
          if (at < 0) continue
          const range = document.createRange()
          range.setStart(n, at)
          range.setEnd(n, at + 7)
          return { inArticle: range.getBoundingClientRect().top - col.querySelector('.article')!.getBoundingClientRect().top, onScreen: range.getBoundingClientRect().top }
        }
        return null
      })
    const aliceJuncker = (await junckerTop('alice'))!
    for (const who of ['bob', 'carol', 'gold']) {
      expect(Math.abs((await junckerTop(who))!.inArticle - aliceJuncker.inArticle), `column ${who}'s line height`).toBeLessThan(1)
      await expect.poll(async () => Math.abs((await junckerTop(who))!.onScreen - (await junckerTop('alice'))!.onScreen), { message: `column ${who} level with alice's` }).toBeLessThan(2)
    }
    // All columns fit side by side, each a readable width, its title on one line.
    const row = (await page.locator('.review-columns').boundingBox())!
    for (const who of ['alice', 'bob', 'carol', 'gold']) {
      const box = (await page.getByTestId(`column-${who}`).boundingBox())!
      expect(box.width).toBeGreaterThanOrEqual(250)
      expect(box.x).toBeGreaterThanOrEqual(row.x - 1)
      expect(box.x + box.width).toBeLessThanOrEqual(row.x + row.width + 1)
      const head = (await page.getByTestId(`column-${who}`).locator('.column-head').boundingBox())!
      expect(head.height).toBeLessThan(48)
    }
    await page.screenshot({ path: `${SHOTS}/review-side-by-side.png` })
    // Going back to an earlier disagreement brings every column there too.
    await page.getByTestId('disagreement-list').locator('li').nth(1).click()
    for (const who of ['alice', 'bob', 'carol']) await expect.poll(() => textInView(page.getByTestId(`column-${who}`), 'failed to prevent')).toBe(true)
    await page.getByTestId('disagreement-list').locator('li').nth(5).click()
    await page.keyboard.press('Shift+A')
    await expectOpen(page, 0)

    // Zero open: the review can be marked done (Shift+D); what all agree on goes into gold with it.
    await expect(page.getByRole('button', { name: 'Mark review done' })).toBeEnabled()
    await page.keyboard.press('Shift+D')
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-review-status', 'adjudicated')
    await expect(page.locator('.toast')).toContainText('agreed item')

    // The decisions are stored: a reload shows the same.
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expectOpen(page, 0)
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-review-status', 'adjudicated')
    await expect(page.getByTestId('disagreement-list').locator('li[data-resolved="true"]')).toHaveCount(6)
    // A finished review is frozen until reopened: keys that would change it only say so.
    await page.keyboard.press('n')
    await page.keyboard.press('x')
    await expect(page.locator('.toast')).toContainText('marked done: reopen it')
    await expect(page.getByTestId('disagreement-card').getByRole('button', { name: 'Reject' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible()

    // The agreement dashboard over both documents.
    await page.goto(`${app.origin}/#/agreement`)
    await expect(page.getByTestId('fleiss')).not.toHaveText('')
    // Its annotator chips are the layers compared, not rita, the reviewer, who has none.
    await expect(page.locator('.filters .filter-row').first().locator('.chip')).toHaveText(['alice', 'bob', 'carol', 'dave'])
    await page.setViewportSize({ width: 1400, height: 1500 })
    await page.screenshot({ path: `${SHOTS}/agreement-dashboard.png` })
    await page.setViewportSize({ width: 1400, height: 900 })

    // Four annotators: two columns at a time (and gold), chosen with a chooser; each readable.
    await page.goto(`${app.origin}/#/review/${ISIS}`)
    await page.locator('[data-document-ready="true"]').waitFor()
    await page.keyboard.press('n')
    await page.getByRole('button', { name: 'Side by side' }).click()
    const chooser = page.getByTestId('column-chooser')
    await expect(chooser).toContainText('2 of 4 shown')
    await expect(page.locator('.review-column')).toHaveCount(3)
    await chooser.getByRole('button', { name: /dave/ }).click()
    await expect(page.locator('.review-column')).toHaveCount(4)
    for (const who of ['alice', 'bob', 'dave', 'gold']) {
      await page.getByTestId(`column-${who}`).locator('[data-document-ready="true"]').waitFor()
      expect((await page.getByTestId(`column-${who}`).boundingBox())!.width).toBeGreaterThanOrEqual(250)
    }
    await expect(page.getByTestId('column-carol')).toHaveCount(0)
    await page.screenshot({ path: `${SHOTS}/review-side-by-side-4.png` })
    // Accept one reading here, but leave this review unfinished: its gold is not exported.
    await page.keyboard.press('a')
    await expect(page.getByTestId('gold-count')).toContainText('gold: 1 span')

    // Export gold with the CLI (it needs the workspace to itself): the finished review, as decided.
    await app.stop()
    const out = path.join(dir, 'gold.jsonl')
    cli(['export', '--format', 'jsonl', '--gold', '--db', db, '--out', out])
    const records = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; annotator: string; spans: { text: string; label: string }[]; relations: { label: string }[] })
    expect(records.map((r) => r.id)).toEqual([KERRY])
    const kerry = records.find((r) => r.id === KERRY)!
    expect(kerry.annotator).toBe('gold')
    expect(kerry.spans.map((s) => `${s.label}:${s.text}`).sort()).toEqual(
      ['DATE:March 25, 2016', 'GPE:Belgium', 'LOC:Brussels', 'ORG:DAESH', 'PERSON:Charles Michel', 'PERSON:Jean-Claude Juncker', 'PERSON:John Kerry', 'PERSON:Vladimir Putin'].sort(),
    )
    expect(kerry.relations.map((r) => r.label)).toEqual(['PART_OF'])
    app = await startApp({ db })
  })
})
