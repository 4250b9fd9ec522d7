// The document view is a read-only TipTap editor built with only the core extensions it needs (DocumentEditor's
// enableCoreExtensions): it stays read-only under editing keys, paste and drop.
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

test.describe('the read-only document view', () => {
  const app = appPerDescribe({ annotator: 'reader' })

  test('not editable, not a tab stop; typing, Backspace, Enter, paste and drop leave the text as it was', async ({ page }) => {
    const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { text: string }
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    const article = page.locator('.article')
    await expect(article).toHaveAttribute('contenteditable', 'false')
    await expect(article).toHaveAttribute('role', 'textbox')
    expect(await article.getAttribute('tabindex')).toBeNull()
    const textNow = () => page.evaluate(() => [...document.querySelectorAll('.article > p')].map((p) => [...p.childNodes].filter((n) => !(n instanceof HTMLElement && n.matches('[contenteditable=false]'))).map((n) => n.textContent).join('')).join('\n'))
    const before = await textNow()
    expect(before).toBe(doc.text)
    await article.click({ position: { x: 30, y: 60 } })
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Delete')
    await page.keyboard.type('zq')
    await article.evaluate((el) => {
      const dt = new DataTransfer()
      dt.setData('text/plain', 'PASTED')
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, clientX: 40, clientY: 60 }))
    })
    expect(await textNow()).toBe(before)
    expect(await (await apiCall(app, 'documents.get', { externalId: KERRY }) as { text: string }).text).toBe(doc.text)
  })
})
