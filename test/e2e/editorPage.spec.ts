import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { startApp } from './appServer'
import type { RunningApp } from './appServer'
import { ApiLayer, sameBoxes, wordBoxes } from './editorLayer'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument, setAnnotatorViaApi } from './pageHelpers'

// The editor reads like a page: label tags above the line never move a word,
// nested spans keep distinct lanes, arcs take their type's colour, a dark
// theme and a text size that are remembered, the whole history, and
// one-sentence records that are not shown as a bold title.
const KERRY = '001_5a98d8623b08ebb0'

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function denseLayer(app: RunningApp, annotator: string): Promise<ApiLayer> {
  const l = await ApiLayer.open(app, KERRY, annotator)
  await l.span('title-us', 'GPE', 'US')
  await l.span('title-bel', 'GPE', 'Belgium')
  await l.span('outer', 'PERSON', 'US Secretary of State John Kerry', 0)
  await l.span('us', 'GPE', 'US', 0, 'Belgium after attacks')
  await l.span('kerry', 'PERSON', 'John Kerry')
  await l.span('bel', 'GPE', 'Belgium', 0, 'accusations against')
  await l.span('attacks', 'EVENT', 'Brussels attacks')
  await l.span('bru', 'GPE', 'Brussels', 0, 'failed to prevent')
  await l.span('p3-michel', 'PERSON', 'Belgian Prime Minister Charles Michel')
  await l.span('p3-norp', 'NORP', 'Belgian', 0, 'shakes hands with')
  await l.span('p3-charles', 'PERSON', 'Charles Michel')
  await l.span('p3-res', 'FAC', "Belgian Prime Minister's Residence")
  await l.span('p3-bru', 'GPE', 'Brussels', 0, "Minister's Residence")
  await l.span('p3-bel', 'GPE', 'Belgium', 0, "Minister's Residence")
  await l.span('p3-date', 'DATE', 'Friday, March 25, 2016')
  await l.span('p4-daesh', 'ORG', 'DAESH')
  return l
}

test.describe('the editor as a page', () => {
  const app = appPerDescribe()

  test('label tags never move a word: every word keeps its box when dense, nested and crossing spans are added', async ({ page }) => {
    await setAnnotatorViaApi(app, 'flow')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await page.evaluate(() => document.fonts.ready)
    const before = await wordBoxes(page, 8)
    expect(before.length).toBeGreaterThan(60)
    const layer = await denseLayer(app, 'flow')
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('[data-tag-for]')).toHaveCount(16)
    await page.evaluate(() => document.fonts.ready)
    expect(sameBoxes(before, await wordBoxes(page, 8))).toBeNull()
    // Tags sit above the text of their span's first line, and never cover one another.
    const tags = await page.locator('[data-tag-for]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
    for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) expect(overlaps(tags[i], tags[j]), `tags ${i} and ${j}`).toBe(false)
    // Both boxes read in one task: two separate reads could fall either side of a redraw of the decorations.
    const ids = ['outer', 'kerry', 'p3-res'].map((key) => layer.id(key))
    const pairs = await page.evaluate(
      (spanIds) =>
        spanIds.map((id) => ({
          tag: document.querySelector(`[data-tag-for="${id}"]`)?.getBoundingClientRect().toJSON() as DOMRect | undefined,
          text: document.querySelector(`[data-span-id="${id}"]`)?.getBoundingClientRect().toJSON() as DOMRect | undefined,
        })),
      ids,
    )
    for (const [i, { tag, text }] of pairs.entries()) {
      expect(tag && text, `span ${ids[i]}: its tag and its text are on the page`).toBeTruthy()
      expect(tag!.y + tag!.height).toBeLessThanOrEqual(text!.y + 1)
    }
  })

  test('nested and crossing spans: overlapping spans underline in distinct lanes, and no blended tint inside another span', async ({ page }) => {
    await setAnnotatorViaApi(app, 'lanes')
    const l = await ApiLayer.open(app, KERRY, 'lanes')
    const outer = await l.span('outer', 'PERSON', 'US Secretary of State John Kerry', 0)
    const inner = await l.span('inner', 'GPE', 'US', 0)
    const crossing = await l.span('cross', 'ORG', 'State John Kerry dismisses')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const lane = (id: number) => page.locator(`[data-span-id="${id}"]`).first().evaluate((e) => Number((e as HTMLElement).dataset.depth))
    // Every pair that overlaps has two lanes (the inner span and the crossing one do not overlap: they may share one).
    expect(await lane(outer)).not.toBe(await lane(inner))
    expect(await lane(outer)).not.toBe(await lane(crossing))
    const bottom = (id: number) => page.locator(`[data-span-id="${id}"]`).first().evaluate((e) => e.getBoundingClientRect().bottom)
    expect(Math.abs((await bottom(outer)) - (await bottom(crossing)))).toBeGreaterThan(2)
    // Where spans overlap, one element tints the text and the others only underline it, so no blended third colour appears.
    const tinted = await page.locator(`[data-span-id="${inner}"]`).first().evaluate((e) => {
      const text = document.createTreeWalker(e, NodeFilter.SHOW_TEXT).nextNode()!
      let n = text.parentElement
      let count = 0
      while (n && !n.classList.contains('article')) {
        if (n.classList.contains('sw-span') && getComputedStyle(n).backgroundColor !== 'rgba(0, 0, 0, 0)') count++
        n = n.parentElement
      }
      return count
    })
    expect(tinted).toBe(1)
  })

  test('arcs are drawn in their relation type\'s colour, from the tags above the text; labels are pills that do not overlap', async ({ page }) => {
    await setAnnotatorViaApi(app, 'arcs')
    const l = await denseLayer(app, 'arcs')
    const rels = [await l.relation('LOCATED_IN', 'p3-res', 'p3-bru'), await l.relation('PART_OF', 'p3-bru', 'p3-bel'), await l.relation('PERPETRATOR_OF', 'p4-daesh', 'attacks')]
    const schema = (await apiCall(app, 'schema.list', {})) as { name: string; color: string }[]
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const hex = (c: string) => `rgb(${[1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)).join(', ')})`
    for (const [i, type] of ['LOCATED_IN', 'PART_OF'].entries()) {
      const stroke = await page.locator(`.sw-arcs [data-relation-id="${rels[i]}"] path.sw-arc-line`).first().evaluate((p) => getComputedStyle(p).stroke)
      expect(stroke).toBe(hex(schema.find((s) => s.name === type)!.color))
    }
    const pills = await page.locator('.sw-arcs .sw-arc-label-bg').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
    for (let i = 0; i < pills.length; i++) for (let j = i + 1; j < pills.length; j++) expect(overlaps(pills[i], pills[j])).toBe(false)
    // The arrow ends on the tail's tag, above the words. Both boxes are read in one task, and again until both are
    // drawn: the arcs are redrawn after layout settles, and a box read across a redraw is null.
    const arrowAndWords = () =>
      page.evaluate(
        ({ rel, span }) => {
          const tip = document.querySelector(`.sw-arcs [data-relation-id="${rel}"] .sw-arc-arrow`)?.getBoundingClientRect()
          const words = document.querySelector(`[data-span-id="${span}"]`)?.getBoundingClientRect()
          return tip && words && tip.height > 0 && words.height > 0 ? { tipBottom: tip.bottom, wordsTop: words.top } : null
        },
        { rel: rels[1], span: l.id('p3-bel') },
      )
    await expect.poll(arrowAndWords).not.toBeNull()
    const { tipBottom, wordsTop } = (await arrowAndWords())!
    expect(tipBottom).toBeLessThan(wordsTop)
  })

  test('the guide line of a relation dragged out curves above the text instead of striking through it', async ({ page }) => {
    await setAnnotatorViaApi(app, 'drag')
    const l = await ApiLayer.open(app, KERRY, 'drag')
    const head = await l.span('kerry', 'PERSON', 'John Kerry')
    const tail = await l.span('bel', 'GPE', 'Belgium', 0, 'accusations against')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const tag = (await page.locator(`[data-tag-for="${head}"]`).boundingBox())!
    const target = (await page.locator(`[data-span-id="${tail}"]`).boundingBox())!
    await page.mouse.move(tag.x + tag.width / 2, tag.y + tag.height / 2)
    await page.mouse.down()
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 })
    const guide = page.locator('[data-relation-guide] path')
    await expect(guide).toHaveAttribute('d', /C/)
    const box = (await guide.boundingBox())!
    // The curve rises above both ends' line instead of running along the words between them.
    expect(box.y).toBeLessThan(Math.min(tag.y, target.y) - 10)
    await page.mouse.up()
    await expect(page.getByRole('menu', { name: 'Relation type' })).toBeVisible()
  })

  test('the dark theme: follows the system until switched, then the switch is remembered across reloads', async ({ browser }) => {
    await setAnnotatorViaApi(app, 'night')
    const ctx = await browser.newContext({ colorScheme: 'dark' })
    const page = await ctx.newPage()
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    const bg = () => page.locator('.document-root').evaluate((e) => getComputedStyle(e).backgroundColor)
    const dark = await bg()
    const switcher = page.getByRole('switch', { name: 'Dark theme' })
    await expect(switcher).toHaveAttribute('aria-checked', 'true')
    await switcher.click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
    await expect.poll(bg).toBe('rgb(255, 255, 255)')
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
    await page.getByRole('switch', { name: 'Dark theme' }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect.poll(bg).toBe(dark)
    // Luminance: the dark page is dark.
    const [r, g, b] = dark.match(/\d+/g)!.map(Number)
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(60)
    await ctx.close()
  })

  test('text size: larger and smaller from the header or Ctrl+= / Ctrl+-, remembered; tags scale with it', async ({ page }) => {
    await setAnnotatorViaApi(app, 'size')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const size = () => page.locator('.article').evaluate((e) => getComputedStyle(e).fontSize)
    await expect.poll(size).toBe('17px')
    await page.getByRole('button', { name: 'Larger text' }).click()
    await expect.poll(size).toBe('19px')
    await page.keyboard.press('Control+=')
    await expect.poll(size).toBe('21px')
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await expect.poll(size).toBe('21px')
    await page.keyboard.press('Control+-')
    await expect.poll(size).toBe('19px')
    await page.keyboard.press('Control+0')
    await expect.poll(size).toBe('17px')
    await page.getByRole('button', { name: 'Smaller text' }).click()
    await expect.poll(size).toBe('15px')
  })

  test('the history panel lists the whole history (virtualized), not the last 12 actions', async ({ page }) => {
    await setAnnotatorViaApi(app, 'hist')
    const l = await ApiLayer.open(app, KERRY, 'hist')
    const words = ['Kerry', 'Belgium', 'Brussels', 'US', 'DAESH', 'Reuters', 'Friday', 'Washington', 'Michel', 'attacks', 'statement', 'investigation', 'support', 'Minister', 'Residence', 'accusations', 'Prime', 'joint']
    for (const [i, w] of words.entries()) await l.span(`w${i}`, 'PERSON', w)
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const panel = page.locator('.history-panel')
    await expect(panel.locator('[data-history-count]')).toHaveAttribute('data-history-count', String(words.length))
    await panel.locator('summary').click()
    const list = panel.locator('.vlist')
    await expect(panel.locator('li').first()).toContainText('joint')
    expect(await panel.locator('li').count()).toBeLessThan(words.length + 1)
    await list.evaluate((e) => (e.scrollTop = e.scrollHeight))
    await expect(panel.locator('li').last()).toContainText('"Kerry"')
  })

  test('screenshots: a dense paragraph with nested spans and arcs, light and dark', async ({ page }) => {
    await setAnnotatorViaApi(app, 'shots')
    const l = await denseLayer(app, 'shots')
    await l.relation('PART_OF', 'kerry', 'us')
    await l.relation('LOCATED_IN', 'p3-res', 'p3-bru')
    await l.relation('PART_OF', 'p3-bru', 'p3-bel')
    await l.relation('PERPETRATOR_OF', 'p4-daesh', 'attacks')
    await page.goto(app.url)
    await page.evaluate(() => localStorage.setItem('spanwright:theme', 'light'))
    await openDocument(page, app.origin, KERRY)
    await page.evaluate(() => document.fonts.ready)
    await expect(page.locator('.sw-arcs [data-relation-id]')).toHaveCount(4)
    await page.locator(`[data-span-id="${l.id('p3-res')}"]`).first().click()
    await page.screenshot({ path: 'test/e2e/__screenshots__/editor-dense-light.png' })
    await page.getByRole('switch', { name: 'Dark theme' }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.screenshot({ path: 'test/e2e/__screenshots__/editor-dense-dark.png' })
  })
})

test.describe('one-paragraph documents', () => {
  let app: RunningApp
  test.beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwright-onepara-'))
    const db = path.join(dir, 'w.spanwright')
    const file = path.join(dir, 'docs.jsonl')
    fs.writeFileSync(
      file,
      [
        { id: 'sent-001', text: 'The European Commission fined Google 2.4 billion euros on Tuesday in Brussels.' },
        { id: 'sent-002', title: 'The court ruled on Friday.', text: 'The court ruled on Friday.' },
        { id: 'titled-001', title: 'Floods in Ghent', text: 'Floods in Ghent\nThe Scheldt rose two metres overnight, and the city closed its quays.' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    )
    const r = spawnSync(process.execPath, [path.resolve('bin/spanwright.mjs'), 'import', file, '--db', db], { encoding: 'utf8', env: { ...process.env, SPANWRIGHT_HOME: dir } })
    if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`)
    app = await startApp({ db })
    await setAnnotatorViaApi(app, 'ana')
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('a one-sentence record reads as body text, even when its title is the sentence; a real title line is a heading', async ({ page }) => {
    const weight = () => page.locator('.article p').first().evaluate((p) => Number(getComputedStyle(p).fontWeight))
    const bodyWeight = () => page.locator('.article p').last().evaluate((p) => Number(getComputedStyle(p).fontWeight))
    await page.goto(app.url)
    for (const id of ['sent-001', 'sent-002']) {
      await openDocument(page, app.origin, id)
      expect(await weight()).toBe(400)
      expect(await page.locator('.article p').first().evaluate((p) => getComputedStyle(p).fontFamily)).toBe(await page.locator('.article').evaluate((a) => getComputedStyle(a).fontFamily))
    }
    await openDocument(page, app.origin, 'titled-001')
    expect(await weight()).toBe(700)
    expect(await bodyWeight()).toBe(400)
  })
})
