import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { ApiLayer } from './editorLayer'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument, setAnnotatorViaApi } from './pageHelpers'

// Keyboard first: relabel with a label's key, make a span with Shift+arrows
// alone, and label every match of a search as one undoable change.
const KERRY = '001_5a98d8623b08ebb0'

/** Clicks in the middle of the n-th occurrence of a word in the article (a caret, no selection), as a reader would. */
async function clickInWord(page: Page, word: string, nth = 0): Promise<void> {
  const at = await page.evaluate(
    ({ word, nth }) => {
      const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement?.closest('[data-tag-for]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      })
      let seen = 0
      let n: Node | null
      while ((n = walker.nextNode())) {
        const t = n as Text
        for (let i = t.data.indexOf(word); i >= 0; i = t.data.indexOf(word, i + 1)) {
          if (seen++ < nth) continue
          const r = document.createRange()
          r.setStart(t, i + 1)
          r.setEnd(t, i + 2)
          const b = r.getBoundingClientRect()
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 }
        }
      }
      return null
    },
    { word, nth },
  )
  if (!at) throw new Error(`word not in the article: ${word}`)
  await page.mouse.click(at.x, at.y)
}

const rows = (page: Page) => page.locator('[data-list-span]')
const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '')

async function layerOf(app: { origin: string; token: string }, annotator: string) {
  const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { id: number; text: string }
  const layer = (await apiCall(app, 'annotations.get', { documentId: doc.id, annotator })) as { spans: { label: string; start: number; end: number }[] }
  return layer.spans.map((s) => `${s.label} ${doc.text.slice(s.start, s.end)}`).sort()
}

test.describe('keyboard-first annotation', () => {
  const app = appPerDescribe()

  test('with a span selected, a label key relabels it (saved), and another key relabels it again', async ({ page }) => {
    await setAnnotatorViaApi(app, 'rel')
    const l = await ApiLayer.open(app, KERRY, 'rel')
    const kerry = await l.span('kerry', 'PERSON', 'John Kerry')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await page.locator(`[data-span-id="${kerry}"]`).first().click()
    await expect(page.locator(`[data-list-span="${kerry}"]`)).toHaveClass(/selected/)
    await page.keyboard.press('o')
    await expect(page.locator(`[data-tag-for="${kerry}"]`)).toHaveText('ORG')
    // A relabel marks the span in the article (not the list row) until the store confirms it.
    await expect(page.locator('.article .sw-span--pending')).toHaveCount(0)
    expect(await layerOf(app, 'rel')).toEqual(['ORG John Kerry'])
    await page.keyboard.press('g')
    await expect(page.locator(`[data-list-span="${kerry}"] .chip-label`)).toHaveText('GPE')
    await expect(page.locator('.article .sw-span--pending')).toHaveCount(0)
    expect(await layerOf(app, 'rel')).toEqual(['GPE John Kerry'])
    // Still one span: relabelling never adds one.
    await expect(rows(page)).toHaveCount(1)
  })

  test('Shift+arrows select token by token from the caret, then a label key makes the span: no mouse selection needed', async ({ page }) => {
    await setAnnotatorViaApi(app, 'shift')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await clickInWord(page, 'Brussels attacks')
    expect(await selectedText(page)).toBe('')
    await page.keyboard.press('Shift+ArrowRight')
    expect(await selectedText(page)).toBe('Brussels')
    await page.keyboard.press('Shift+ArrowRight')
    expect(await selectedText(page)).toBe('Brussels attacks')
    await page.keyboard.press('e')
    await expect(rows(page)).toHaveCount(1)
    await expect(page.locator('.span-list li.pending')).toHaveCount(0)
    expect(await layerOf(app, 'shift')).toEqual(['EVENT Brussels attacks'])
    // Leftwards from a caret takes the token before; again, one more to the left.
    await clickInWord(page, 'Prime Minister Charles')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowLeft')
    expect(await selectedText(page)).toBe('Belgian Prime Minister')
  })

  test('Shift+arrows grow a selected span into a new selection, which a label key labels', async ({ page }) => {
    await setAnnotatorViaApi(app, 'grow')
    const l = await ApiLayer.open(app, KERRY, 'grow')
    const bru = await l.span('bru', 'GPE', 'Brussels', 0, 'failed to prevent')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await page.locator(`[data-span-id="${bru}"]`).first().click()
    await page.keyboard.press('Shift+ArrowRight')
    expect(await selectedText(page)).toBe('Brussels attacks')
    // The span is no longer the selection: the key labels the text instead of relabelling it.
    await page.keyboard.press('e')
    await expect(rows(page)).toHaveCount(2)
    await expect(page.locator('.span-list li.pending')).toHaveCount(0)
    expect(await layerOf(app, 'grow')).toEqual(['EVENT Brussels attacks', 'GPE Brussels'])
  })

  test('label all matches from search: a preview with the count and each match, one change, one undo takes it all back', async ({ page }) => {
    await setAnnotatorViaApi(app, 'all')
    const l = await ApiLayer.open(app, KERRY, 'all')
    await l.span('first', 'GPE', 'Belgium')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await page.keyboard.press('/')
    await page.keyboard.type('belgium')
    await page.keyboard.press('Control+Enter')
    const preview = page.getByRole('dialog', { name: 'Label all matches' })
    await expect(preview).toBeVisible()
    await page.getByLabel('Label for all matches').selectOption('GPE')
    const total = (l.doc.text.match(/Belgium/g) ?? []).length
    const inWords = (l.doc.text.match(/Belgium(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])Belgium/gu) ?? []).length
    const expected = total - inWords - 1 // the first is already GPE
    expect(expected).toBeGreaterThan(3)
    await expect(preview.locator('[data-label-all-count]')).toHaveAttribute('data-label-all-count', String(expected))
    await expect(preview).toContainText('1 already GPE')
    await expect(preview.locator('[data-label-all-match]').first()).toContainText('Belgium')
    await page.keyboard.press('Enter')
    await expect(preview).toHaveCount(0)
    await expect(rows(page)).toHaveCount(expected + 1)
    await expect(page.locator('.span-list li.pending')).toHaveCount(0)
    expect(await layerOf(app, 'all')).toEqual(Array.from({ length: expected + 1 }, () => 'GPE Belgium'))
    const history = (await apiCall(app, 'history.list', { documentId: l.doc.id, annotator: 'all' })) as { summary: string }[]
    expect(history).toHaveLength(2)
    expect(history[0].summary).toBe(`GPE "Belgium" × ${expected}`)
    // One undo removes them all; redo brings them all back.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+z')
    await expect(rows(page)).toHaveCount(1)
    expect(await layerOf(app, 'all')).toEqual(['GPE Belgium'])
    await page.keyboard.press('Control+Shift+Z')
    await expect(rows(page)).toHaveCount(expected + 1)
  })
})
