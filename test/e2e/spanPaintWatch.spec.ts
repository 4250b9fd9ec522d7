// editor.bench's hotkey -> painted watch (test/bench/spanPaintWatch.ts) sees a span painted over a word the string
// matcher suggests: ProseMirror turns the suggestion's element into the span's (new attributes, no node added),
// which the bench's earlier watch of added nodes only counted as a lost press.
import { expect, test } from '@playwright/test'
import { watchSpanPaint } from '../bench/spanPaintWatch'
import { ApiLayer } from './editorLayer'
import { appPerDescribe } from './fixtures'
import { openDocument } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

test.describe('the hotkey paint watch of editor.bench', () => {
  const app = appPerDescribe({ annotator: 'watch' })

  test('a hotkey over a suggested word: the suggestion\'s element becomes the span\'s, and the watch sees it painted', async ({ page }) => {
    const layer = await ApiLayer.open(app, KERRY, 'watch')
    await layer.span('kerry', 'PERSON', 'Kerry', 0)
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const suggested = page.locator('.article .sw-suggestion', { hasText: /^Kerry$/ }).first()
    await expect(suggested).toBeVisible()
    // Select the suggested word's text, as an annotator would before pressing PERSON's key.
    await suggested.evaluate((el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
      ;(window as unknown as { __suggested: Element }).__suggested = el
    })
    expect(await page.evaluate(watchSpanPaint)).toBe(true)
    await page.keyboard.press('p')
    await expect.poll(() => page.evaluate(() => (window as unknown as { __paintedAt?: number }).__paintedAt !== undefined)).toBe(true)
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __paintedAt: number; __keyAt: number; __suggested: HTMLElement }
      return { after: w.__paintedAt >= w.__keyAt, sameElementIsSpan: w.__suggested.isConnected && w.__suggested.hasAttribute('data-span-id'), text: w.__suggested.textContent }
    })
    // The case the bench missed: no node was added, the element that showed the suggestion shows the span now.
    expect(seen).toEqual({ after: true, sameElementIsSpan: true, text: 'Kerry' })
    await expect(page.locator('.article [data-span-id][data-label="PERSON"]', { hasText: /^Kerry$/ })).toHaveCount(2)
  })
  test('the watch counts an element that becomes a span after the key, and nothing before the key or a span renamed', async ({ page }) => {
    await page.setContent('<div class="article"><p>met <span id="s" data-suggestion="1">Kerry</span> and <span id="t" data-span-id="-4">Michel</span></p></div>')
    const paintedAt = () => page.evaluate(() => (window as unknown as { __paintedAt?: number }).__paintedAt ?? null)
    expect(await page.evaluate(watchSpanPaint)).toBe(true)
    // Before the key: a span appearing is not this press's paint.
    await page.evaluate(() => document.getElementById('s')!.setAttribute('data-span-id', '-5'))
    await page.evaluate(() => document.getElementById('s')!.removeAttribute('data-span-id'))
    await page.keyboard.press('p')
    // A pending span getting its saved id is not a new paint.
    await page.evaluate(() => document.getElementById('t')!.setAttribute('data-span-id', '12'))
    expect(await paintedAt()).toBeNull()
    // The suggestion's element becomes the span's: painted, with no node added.
    await page.evaluate(() => document.getElementById('s')!.setAttribute('data-span-id', '-6'))
    await expect.poll(paintedAt).not.toBeNull()
    expect(await page.evaluate(() => (window as unknown as { __keyAt: number; __paintedAt: number }).__paintedAt >= (window as unknown as { __keyAt: number }).__keyAt)).toBe(true)
  })
})
