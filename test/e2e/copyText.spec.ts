// Copying from the read-only view gives the document's text: the label tags drawn over the spans are not text.
import { expect, test } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument } from './pageHelpers'

const KERRY = '001_5a98d8623b08ebb0'

test.describe('copying from the document view', () => {
  const app = appPerDescribe({ annotator: 'reader' })

  test('a paragraph with labelled spans copies as its own text, without the tags', async ({ page }) => {
    const doc = (await apiCall(app, 'documents.get', { externalId: KERRY })) as { id: number; text: string }
    await apiCall(app, 'spans.create', { documentId: doc.id, annotator: 'reader', label: 'PERSON', start: doc.text.indexOf('John Kerry'), end: doc.text.indexOf('John Kerry') + 10 })
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await expect(page.locator('[data-tag-for]').first()).toBeVisible()
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('.article > p')].find((x) => x.textContent!.includes('John Kerry'))!
      const r = document.createRange()
      r.selectNodeContents(p)
      const s = getSelection()!
      s.removeAllRanges()
      s.addRange(r)
    })
    // ProseMirror reads the DOM selection on selectionchange, a task later: copy (which changes nothing) until it has.
    const copy = () =>
      page.evaluate(() => {
        const dt = new DataTransfer()
        const ev = new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true })
        document.querySelector('.article')!.dispatchEvent(ev)
        return { handled: ev.defaultPrevented, text: dt.getData('text/plain'), sel: getSelection()!.toString() }
      })
    const line = doc.text.split('\n').find((l) => l.includes('John Kerry'))!
    await expect.poll(copy).toEqual({ handled: true, text: line, sel: line })
  })
})
