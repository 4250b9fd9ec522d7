import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { bigDocument } from '../bench/bigDocument'
import type { RunningApp } from './appServer'
import { startAppWithImport } from './importedApp'
import { apiCall, openDocument, searchShowsOnScreen, selectText } from './pageHelpers'

// A long document (30k words, ~300 paragraphs): the first layout covers only the lines near the viewport
// (content-visibility in app.css; the rest once idle). What reaches text far down must still work: the app's search, the
// browser's find-in-page, scrolling to a span from the list, a selection made into a span, a click on a
// span; and label tags stacked above a paragraph's first line are not clipped by the line's box.

const ID = 'long-e2e'
const FAR_WORD = 'Quetzalcoatl'
const ANNOTATOR = 'reader'

function longDocumentJsonl(): { line: string; text: string } {
  const d = bigDocument({ words: 30_000, spans: 1_500, relations: 150, seed: 11 })
  // A last paragraph with a word found nowhere else (appended: the generated offsets stay right).
  const text = `${d.text}\n\nThe last paragraph names ${FAR_WORD} once, far below the first screen.`
  return { text, line: `${JSON.stringify({ id: ID, text, annotator: ANNOTATOR, offsets: 'utf16', spans: d.spans, relations: d.relations })}\n` }
}

/** The article's scroller back at the top, the layout settled. */
async function toTop(page: Page) {
  await page.locator('.document-scroll').evaluate((el) => (el.scrollTop = 0))
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
}

test.describe('a long document', () => {
  let app: RunningApp
  let text = ''
  let documentId = 0
  test.beforeAll(async () => {
    const doc = longDocumentJsonl()
    text = doc.text
    ;({ app, documentId } = await startAppWithImport(doc.line, { prefix: 'long', annotator: ANNOTATOR, externalId: ID }))
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('at ready, lines far from the screen are not laid out (sized from their length); once idle, all are; the whole text is in the page', async ({ page }) => {
    // The state at the ready mark itself, read in the same task (the rest is laid out later, when the page is idle).
    await page.addInitScript(() => {
      const mark = performance.mark.bind(performance)
      performance.mark = ((name: string, opts?: PerformanceMarkOptions) => {
        if (name === 'spanwright:document-ready') {
          const lines = [...document.querySelectorAll<HTMLElement>('.article > p:not(.sw-blank)')]
          const p = lines[lines.length - 5]
          const chars = Number(p.style.getPropertyValue('--chars'))
          const lh = parseFloat(getComputedStyle(p).lineHeight)
          ;(window as unknown as { atReady: unknown }).atReady = {
            cv: getComputedStyle(p).contentVisibility,
            height: p.getBoundingClientRect().height,
            estimate: (chars / 85 + 0.4) * lh,
            chars,
            length: p.textContent!.length,
            laidOut: document.querySelector('.document-root')!.getAttribute('data-laid-out'),
          }
        }
        return mark(name, opts)
      }) as typeof performance.mark
    })
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    const atReady = (await page.evaluate(() => (window as unknown as { atReady: unknown }).atReady)) as { cv: string; height: number; estimate: number; chars: number; length: number; laidOut: string | null }
    expect(atReady.cv).toBe('auto')
    expect(atReady.laidOut).toBeNull()
    expect(atReady.chars).toBe(atReady.length)
    // Not laid out: its height is the estimate from its length.
    expect(Math.abs(atReady.height - atReady.estimate)).toBeLessThan(1)
    // Then, idle: the whole text is laid out (content-visibility off), so scrolling lays out nothing new.
    await expect(page.locator('.document-root')).toHaveAttribute('data-laid-out', 'true')
    const after = await page.evaluate(() => {
      const lines = [...document.querySelectorAll<HTMLElement>('.article > p:not(.sw-blank)')]
      const last = document.querySelector('.article > p:last-child')!
      return { cv: getComputedStyle(lines[lines.length - 5]).contentVisibility, lines: document.querySelectorAll('.article > p').length, last: last.textContent }
    })
    expect(after.cv).toBe('visible')
    expect(after.lines).toBe(text.split('\n').length)
    expect(after.last).toBe(text.slice(text.lastIndexOf('\n') + 1))
  })

  test("the app's search finds a word in the last paragraph and shows it on screen", async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    await searchShowsOnScreen(page, FAR_WORD)
  })

  test("the browser's find-in-page reaches text not laid out", async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    await toTop(page)
    const found = await page.evaluate((w) => {
      const ok = (window as unknown as { find: (s: string) => boolean }).find(w)
      const sel = window.getSelection()!
      return { ok, selected: sel.toString(), inLast: sel.anchorNode?.parentElement?.closest('.article > p') === document.querySelector('.article > p:last-child') }
    }, FAR_WORD)
    expect(found).toEqual({ ok: true, selected: FAR_WORD, inLast: true })
  })

  test('a selection far down becomes a span at the right offsets, and a click on it selects it', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    // Reach the last paragraph by scrolling, as a reader would.
    await page.locator('.document-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
    const last = page.locator('.article > p:last-child')
    await expect(last).toBeInViewport()
    await selectText(page, FAR_WORD)
    await page.keyboard.press('p')
    const start = text.indexOf(FAR_WORD)
    await expect
      .poll(async () => ((await apiCall(app, 'annotations.get', { documentId, annotator: ANNOTATOR })) as { spans: { start: number; end: number; label: string }[] }).spans.filter((s) => s.start === start))
      .toEqual([expect.objectContaining({ start, end: start + FAR_WORD.length, label: 'PERSON' })])
    const made = last.locator('[data-span-id]').filter({ hasText: FAR_WORD }).first()
    await expect(made).toBeVisible()
    const spanId = await made.getAttribute('data-span-id')
    await page.keyboard.press('Escape')
    await expect(page.locator('.span-list li.selected')).toHaveCount(0)
    await made.click()
    await expect(page.locator(`[data-list-span="${spanId}"]`)).toHaveClass(/selected/)
  })

  test('choosing a relation in the list brings its head span, far down, on screen', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    const layer = (await apiCall(app, 'annotations.get', { documentId, annotator: ANNOTATOR })) as { spans: { id: number; start: number }[]; relations: { id: number; headId: number }[] }
    const startOf = new Map(layer.spans.map((s) => [s.id, s.start]))
    const box = page.locator('.relation-list .vlist')
    await box.evaluate((el) => (el.scrollTop = el.scrollHeight))
    // The list draws the rows of its new place on its scroll event (a React render): read which are shown once the row
    // at the box's bottom is drawn, or a slow machine reads the rows from the top, gone by the click.
    const drawnAtBottom = () =>
      box.evaluate((el) => {
        const r = el.getBoundingClientRect()
        return document.elementFromPoint(r.left + r.width / 2, r.bottom - 4)?.closest('[data-list-relation]') != null
      })
    await expect.poll(drawnAtBottom).toBe(true)
    const shown = await page.locator('[data-list-relation]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.listRelation)))
    const farthest = layer.relations.filter((r) => shown.includes(r.id)).sort((a, b) => startOf.get(b.headId)! - startOf.get(a.headId)!)[0]
    expect(startOf.get(farthest.headId)!).toBeGreaterThan(text.length / 2)
    await expect(page.locator(`.article [data-span-id="${farthest.headId}"]`)).toHaveCount(0)
    await page.locator(`[data-list-relation="${farthest.id}"]`).click()
    await expect(page.locator(`.article [data-span-id="${farthest.headId}"]`).first()).toBeInViewport()
  })

  test("label tags stacked above a line's first word are painted and clickable at ready, not clipped by the line", async ({ page }) => {
    // Two spans starting at the first word of the first screen's first paragraph: their tags take two upper lanes above it.
    const paragraphStart = text.indexOf('\n\n') + 2
    const words = text.slice(paragraphStart).split(' ', 3)
    const ends = [words[0].length, words[0].length + 1 + words[1].length, words[0].length + 1 + words[1].length + 1 + words[2].length]
    const ids: number[] = []
    for (const [i, label] of ['PERSON', 'ORG'].entries()) {
      const s = (await apiCall(app, 'spans.create', { documentId, annotator: ANNOTATOR, label, start: paragraphStart, end: paragraphStart + ends[i] })) as { id: number }
      ids.push(s.id)
    }
    // Read at the ready mark, while the lines far down still have content-visibility (and its paint containment) on:
    // the first screen's lines never have it, since hit-testing ignores the clip margin (a click on an upper tag
    // would land on the line above).
    await page.addInitScript((ids: number[]) => {
      const mark = performance.mark.bind(performance)
      performance.mark = ((name: string, opts?: PerformanceMarkOptions) => {
        if (name === 'spanwright:document-ready') {
          ;(window as unknown as { tags: unknown }).tags = ids.map((id) => {
            const t = document.querySelector<HTMLElement>(`[data-tag-for="${id}"]`)
            if (!t) return null
            const line = t.closest('.article > p')!
            const b = t.getBoundingClientRect()
            const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)
            return { cv: getComputedStyle(line).contentVisibility, lane: getComputedStyle(t).getPropertyValue('--lane'), outside: b.top < line.getBoundingClientRect().top, hit: hit === t || t.contains(hit) }
          })
        }
        return mark(name, opts)
      }) as typeof performance.mark
    }, ids)
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    const tags = (await page.evaluate(() => (window as unknown as { tags: unknown }).tags)) as { cv: string; lane: string; outside: boolean; hit: boolean }[]
    expect(tags).toHaveLength(2)
    expect(tags.map((t) => t.cv)).toEqual(['visible', 'visible'])
    expect(new Set(tags.map((t) => t.lane)).size).toBe(2)
    // At least the upper lanes reach above the line's own box, where a clip would cut them.
    expect(tags.some((t) => t.outside)).toBe(true)
    for (const t of tags) expect(t.hit).toBe(true)
  })
})
