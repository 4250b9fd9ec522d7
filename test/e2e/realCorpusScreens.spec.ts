import { expect, test } from '@playwright/test'
import type { Locator } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { openDocument, setAnnotatorViaApi } from './pageHelpers'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// BioNLP 2011 ID sample from brat (test/fixtures/brat/LICENSE-brat.md): ids that differ only near their end.
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'brat', 'bionlp2011-id')
const DOC = 'PMC2266911-02-Results_and_Discussion-01-02-02'
const PAIRS = [
  ['PMC2266911-02-Results_and_Discussion-01-02-02', 'PMC2266911-02-Results_and_Discussion-03-02'],
  ['PMC2565068-02-Results-04', 'PMC2565068-02-Results-07'],
  ['PMC2639726-02-Results-04', 'PMC2639726-02-Results-05'],
]

/**
 * The characters of an element's text that are painted on screen: each character's box must lie inside every
 * ancestor that clips (overflow other than visible) up to the element; a run of hidden ones reads as "…".
 */
const visibleText = (cell: Locator) =>
  cell.evaluate((root) => {
    const clips: DOMRect[] = []
    const clipsOf = (n: Element) => {
      const out: DOMRect[] = []
      for (let e: Element | null = n; e; e = e === root ? null : e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') out.push(e.getBoundingClientRect())
      return out
    }
    let out = ''
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      clips.splice(0, clips.length, ...clipsOf(t.parentElement!))
      for (let i = 0; i < t.data.length; i++) {
        const r = document.createRange()
        r.setStart(t, i)
        r.setEnd(t, i + 1)
        const b = r.getBoundingClientRect()
        const shown = b.width > 0 && clips.every((c) => b.left >= c.left - 0.5 && b.right <= c.right + 0.5)
        out += shown ? t.data[i] : out.endsWith('…') ? '' : '…'
      }
    }
    return out
  })

test.describe('a real corpus on screen (BioNLP 2011 ID from brat)', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    test.setTimeout(120_000)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-ids-'))
    const db = path.join(dir, 'ids.spanwright')
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'spanwright.mjs'), 'import', CORPUS, '--db', db, '--annotator', 'alice', '--add-labels'], { env: { ...process.env, SPANWRIGHT_HOME: dir }, stdio: 'ignore' })
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'alice')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ])
    test(`at ${width}×${height}, ids differing only at the end read differently on screen, and titles keep their room`, async ({ page }) => {
      await page.setViewportSize({ width, height })
      await page.goto(app.url)
      const row = (id: string) => page.locator(`tr[data-document="${id}"]`)
      await expect(row(PAIRS[0][0])).toBeVisible()
      for (const pair of PAIRS) {
        const shown = []
        for (const id of pair) {
          const text = await visibleText(row(id).locator('td.id-cell'))
          // The end where the two differ is on screen (it was cut: "PMC2266911-02-…" for both).
          expect(text, `${id} shows as "${text}"`).toMatch(new RegExp(`${id.slice(-5)}$`))
          shown.push(text)
        }
        expect(shown[0]).not.toBe(shown[1])
      }
      // Titles keep room to be read (at 1024 px they had 26 px before the columns were fitted to the window).
      const titleWidth = await page.locator('thead th').first().evaluate((e) => e.getBoundingClientRect().width)
      expect(titleWidth).toBeGreaterThanOrEqual(240)
      const title = await visibleText(row(PAIRS[1][0]).locator('.doc-title'))
      expect(title.replace('…', '').length).toBeGreaterThanOrEqual(25)
    })

  test('a relation between lines is drawn whole: through the right margin from the head\'s rail to the tail\'s', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, DOC)
    const split = page.locator('.sw-arcs .sw-arc--split')
    await expect(split.first()).toBeAttached()
    const textRight = await page.locator('.article').evaluate((e) => e.getBoundingClientRect().right)
    const rootRight = await page.locator('.document-root').evaluate((e) => e.getBoundingClientRect().right)
    const arcs = await split.evaluateAll((groups) =>
      groups.map((g) => {
        const paths = [...g.querySelectorAll('path.sw-arc-line')] as SVGPathElement[]
        const ends = paths.map((p) => {
          const n = p.getTotalLength()
          const m = p.getScreenCTM()!
          const at = (l: number) => {
            const q = p.getPointAtLength(l)
            return { x: q.x * m.a + m.e, y: q.y * m.d + m.f }
          }
          return { first: at(0), last: at(n), right: p.getBoundingClientRect().right }
        })
        return { id: g.getAttribute('data-relation-id'), ends }
      }),
    )
    expect(arcs.length).toBeGreaterThan(0)
    for (const { id, ends } of arcs) {
      expect(ends, `relation ${id}`).toHaveLength(2)
      // The head's rail goes past the text's right edge (it stopped there and read as cut) and stays in the page's margin.
      expect(ends[0].right, `relation ${id}`).toBeGreaterThan(textRight + 4)
      expect(ends[0].right, `relation ${id}`).toBeLessThanOrEqual(rootRight)
      // One unbroken line: where the head's part ends, the tail's part begins.
      expect(Math.hypot(ends[0].last.x - ends[1].first.x, ends[0].last.y - ends[1].first.y), `relation ${id}`).toBeLessThan(1)
    }
  })

  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ])
    test(`at ${width}×${height}, the suggestions bar takes its own room under the text and covers no line`, async ({ page }) => {
      await page.setViewportSize({ width, height })
      await page.goto(app.url)
      await openDocument(page, app.origin, DOC)
      // The string matcher has learned alice's labels from the rest of the corpus: it suggests some here.
      await expect(page.getByTestId('suggestion-count')).toBeVisible()
      const bar = (await page.getByTestId('suggestion-bar').boundingBox())!
      const scroller = (await page.locator('.document-scroll').boundingBox())!
      // It floated over the foot of the text (bottom 14 px, left 24 px) and hid a line there while reading.
      expect(bar.y).toBeGreaterThanOrEqual(scroller.y + scroller.height - 0.5)
      // And the text's scroller did not give up more than the bar's own room.
      expect(scroller.y + scroller.height).toBeGreaterThanOrEqual(bar.y - 1)
    })

  test('at 1024×700 the document view leaves the window to the text: two rows of labels, the whole top bar, the id\'s end', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.goto(app.url)
    await openDocument(page, app.origin, DOC)
    // BioNLP's 40 entity labels took six rows (190 px of 700); folded, two, and "+N more" unfolds them all.
    const palette = page.getByRole('toolbar', { name: 'Entity labels' })
    expect((await palette.boundingBox())!.height).toBeLessThan(80)
    // The folded rows hold the labels at hand: each shown one has a key or is used in this document (a count).
    const shown = await page.locator('.palette-labels').evaluate((list) => {
      const box = list.getBoundingClientRect()
      return [...list.children].filter((e) => e.getBoundingClientRect().bottom <= box.bottom).map((e) => !!e.querySelector('kbd, .palette-count'))
    })
    expect(shown.length).toBeGreaterThan(8)
    expect(shown.every(Boolean)).toBe(true)
    const more = page.getByTestId('palette-more')
    await expect(more).toHaveText(/^\+\d+ more$/)
    await more.click()
    const last = page.locator('[data-palette-label]').last()
    await expect(last).toBeInViewport({ ratio: 1 })
    await page.getByTestId('palette-more').click()
    await expect(last).not.toBeInViewport()
    // The annotator chip was pushed out of the window.
    expect((await page.locator('.annotator-chip').boundingBox())!.x + (await page.locator('.annotator-chip').boundingBox())!.width).toBeLessThanOrEqual(1024)
    // The header shows the id's end, where this corpus's ids differ (it wrapped over three lines).
    expect(await visibleText(page.locator('.annotate-title .mono'))).toMatch(/-01-02-02$/)
  })

  test('a search that finds nothing says so and offers the way back', async ({ page }) => {
    await page.goto(app.url)
    await page.getByLabel('Search documents').fill('zzqqxx')
    const empty = page.locator('[data-testid="library"] .empty')
    await expect(empty).toContainText('No documents match this search.')
    await empty.getByRole('button', { name: 'Clear the search and filters' }).click()
    await expect(page.getByLabel('Search documents')).toHaveValue('')
    await expect(page.locator(`tr[data-document="${DOC}"]`)).toBeVisible()
  })
})
