import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { seeded } from '../bench/benchUtil'
import type { RunningApp } from './appServer'
import { startAppWithImport } from './importedApp'
import { apiCall, openDocument, searchShowsOnScreen, selectText } from './pageHelpers'

// A huge plain-text document (20,000 short lines, one paragraph each): above editor/chunking.ts's threshold the
// article comes in chunks of paragraphs, and only the chunks near the screen are laid out (the others are sized
// placeholders). What works by offsets must still reach text far down: the app's search, a selection labelled by
// hotkey, Tab between spans (scrolling to each), the relation arc between two spans there, and a reload.

const ID = 'huge-e2e'
const ANNOTATOR = 'reader'
const LINES = 20_000
const FAR_WORD = 'Quetzalcoatl'
const FAR_LINE = 18_000

function hugeDocument(): { text: string; line: string; near: [number, number]; far: [number, number][] } {
  const words = 'the a of in on at to from with by for and or but after before officials said government minister police city country report'.split(' ')
  const rand = seeded(5)
  const lines: string[] = []
  for (let i = 0; i < LINES; i++) {
    let l = ''
    while (l.length < 50) l += words[Math.floor(rand() * words.length)] + ' '
    lines.push(l.trimEnd())
  }
  lines[0] = 'Aldermen met in Springfield on Monday.'
  lines[FAR_LINE] = `Late that night ${FAR_WORD} spoke to the council.`
  lines[FAR_LINE + 3] = 'The Tlaxcala delegation answered Oaxaca at once.'
  const text = lines.join('\n')
  const at = (w: string): [number, number] => [text.indexOf(w), text.indexOf(w) + w.length]
  const near = at('Springfield')
  const far = [at('Tlaxcala'), at('Oaxaca')]
  const spans = [near, ...far].map(([start, end], i) => ({ id: `T${i + 1}`, start, end, label: i === 0 ? 'GPE' : 'ORG' }))
  const relations = [{ id: 'R1', head: 'T2', tail: 'T3', label: 'PART_OF' }]
  return { text, near, far, line: `${JSON.stringify({ id: ID, text, annotator: ANNOTATOR, offsets: 'utf16', spans, relations })}\n` }
}

const selectedIds = (page: Page) => page.locator('.article .sw-span--selected').evaluateAll((els) => [...new Set(els.map((e) => Number((e as HTMLElement).dataset.spanId)))])

test.describe('a huge document', () => {
  test.setTimeout(240_000)
  let app: RunningApp
  let doc: ReturnType<typeof hugeDocument>
  let documentId = 0
  test.beforeAll(async () => {
    test.setTimeout(120_000) // a 20,000-line import and a cold start of serve, beside three other test files on a busy machine
    doc = hugeDocument()
    ;({ app, documentId } = await startAppWithImport(doc.line, { prefix: 'huge', annotator: ANNOTATOR, externalId: ID }))
  })
  test.afterAll(async () => {
    await app?.stop()
  })

  test('opens in chunks, finds far text, labels it by hotkey, Tabs between spans far apart, and keeps the span after a reload', async ({ page }) => {
    await page.goto(app.url)
    await openDocument(page, app.origin, ID)
    // The whole text is in the page, in chunks; chunks far from the screen are skipped by layout (placeholders).
    const shape = await page.evaluate(() => {
      const chunks = [...document.querySelectorAll<HTMLElement>('.article > .sw-chunk')]
      return { chunks: chunks.length, lines: document.querySelectorAll('.article > .sw-chunk > p').length, cv: chunks.length ? getComputedStyle(chunks[chunks.length - 1]).contentVisibility : null }
    })
    expect(shape).toEqual({ chunks: LINES / 50, lines: LINES, cv: 'auto' })

    // The app's search finds the far word and shows it on screen, painted where it is.
    await searchShowsOnScreen(page, FAR_WORD)
    await page.keyboard.press('Escape')

    // Labelled by hotkey: saved at its offsets, painted there.
    await selectText(page, FAR_WORD)
    await page.keyboard.press('p')
    const start = doc.text.indexOf(FAR_WORD)
    const spansAt = async () => ((await apiCall(app, 'annotations.get', { documentId, annotator: ANNOTATOR })) as { spans: { id: number; start: number; end: number; label: string }[] }).spans.filter((s) => s.start === start)
    await expect.poll(spansAt).toEqual([expect.objectContaining({ start, end: start + FAR_WORD.length, label: 'PERSON' })])
    const made = (await spansAt())[0].id
    await expect(page.locator(`.article [data-span-id="${made}"]`)).toHaveText(FAR_WORD)
    await expect(page.locator(`.article [data-span-id="${made}"]`)).toBeInViewport()

    // Tab from nothing selected: the spans in text order, each brought on screen (the first is 18,000 lines up).
    const layer = (await apiCall(app, 'annotations.get', { documentId, annotator: ANNOTATOR })) as { spans: { id: number; start: number }[] }
    const order = [...layer.spans].sort((x, y) => x.start - y.start).map((s) => s.id)
    expect(order).toHaveLength(4)
    await page.keyboard.press('Escape')
    await expect(page.locator('.article .sw-span--selected')).toHaveCount(0)
    for (const id of order) {
      await page.keyboard.press('Tab')
      await expect.poll(() => selectedIds(page)).toEqual([id])
      await expect(page.locator(`.article [data-span-id="${id}"]`).first()).toBeInViewport()
    }
    // The relation between the two spans far down is drawn.
    await expect(page.locator('.sw-arcs [data-relation-id]')).toHaveCount(1)

    // A reload keeps the span: Tab reaches it again, painted and on screen.
    await page.reload()
    await page.locator('[data-document-ready="true"]').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect.poll(() => selectedIds(page)).toEqual([made])
    await expect(page.locator(`.article [data-span-id="${made}"]`)).toHaveText(FAR_WORD)
    await expect(page.locator(`.article [data-span-id="${made}"]`)).toBeInViewport()
  })
})
