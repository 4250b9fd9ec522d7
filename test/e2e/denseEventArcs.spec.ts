// Relation arcs over a real, dense event corpus (BioNLP 2011 ID, test/fixtures/brat/bionlp2011-id: events imported as
// relations): an outsider saw margin lanes cross when many arcs split over lines, and rails run through the line
// above where a line's tags stack. Measured on the page: no two margin rails share an x over overlapping heights; the
// rails that run through the words of a text line are counted in the report.
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument } from './pageHelpers'

const ID = path.resolve(import.meta.dirname, '../fixtures/brat/bionlp2011-id')
const DENSE = ['PMC2242835-02-Results-06', 'PMC2858072-02-Results_and_Discussion-01']

/** Margin rails that share an x and overlap in height, and rails that cross a text line's box (layer coordinates). */
function measure(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector('.sw-arcs')!
    const o = svg.getBoundingClientRect()
    const margins = [...svg.querySelectorAll('[data-margin]')].map((g) => {
      const [x, top, bottom] = g.getAttribute('data-margin')!.split(' ').map(Number)
      return { id: g.getAttribute('data-relation-id'), x, top, bottom }
    })
    // Two rails may share a lane only when every lane the margin holds is taken: then the outermost one is shared.
    const xs = [...new Set(margins.map((m) => m.x))].sort((a, b) => a - b)
    const full = xs.length >= 15 ? xs[xs.length - 1] : Infinity
    const sharedLanes: string[] = []
    let sharedOutermost = 0
    for (const [i, a] of margins.entries())
      for (const b of margins.slice(i + 1))
        if (Math.abs(a.x - b.x) < 1 && a.top < b.bottom && b.top < a.bottom) {
          if (a.x === full) sharedOutermost++
          else sharedLanes.push(`${a.id}/${b.id} at x ${a.x}`)
        }
    // Text line boxes: every text node's client rects, tags left out.
    const lines: { left: number; right: number; top: number; bottom: number }[] = []
    const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest('[data-tag-for], [data-suggestion-tag]') || !n.textContent!.trim() ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    })
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const r = document.createRange()
      r.selectNodeContents(n)
      for (const b of r.getClientRects()) if (b.width > 0) lines.push({ left: b.left - o.left, right: b.right - o.left, top: b.top - o.top, bottom: b.bottom - o.top })
    }
    const crossings: string[] = []
    let rails = 0
    for (const g of svg.querySelectorAll('[data-rail]')) {
      rails++
      const [y, x1, x2] = g.getAttribute('data-rail')!.split(' ').map(Number)
      const hit = lines.find((l) => l.left < x2 && x1 < l.right && y > l.top + 1 && y < l.bottom - 1)
      if (hit) crossings.push(`relation ${g.parentElement!.getAttribute('data-relation-id')}: rail y ${y} through text ${Math.round(hit.top)}-${Math.round(hit.bottom)}`)
    }
    return { margins: margins.length, lanes: xs.length, sharedOutermost, rails, sharedLanes, crossings }
  })
}

test.describe('arcs over a dense event corpus', () => {
  const app = appPerDescribe({ annotator: 'rita' })

  test('margin rails keep their own lanes (rails through text lines are counted in the report)', async ({ page }) => {
    test.setTimeout(240_000)
    const started = (await apiCall(app, 'transfer.import', { paths: [ID], annotator: 'rita', addLabels: true })) as { id: string }
    await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: started.id })) as { state: string }).state, { timeout: 60_000 }).toBe('done')
    const report: string[] = []
    for (const [width, height] of [
      [1400, 900],
      [1024, 768],
    ]) {
      await page.setViewportSize({ width, height })
      for (const doc of DENSE) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme })
          await page.goto(app.url)
          await openDocument(page, app.origin, doc)
          await expect.poll(async () => page.locator('.sw-arcs [data-rail]').count()).toBeGreaterThan(10)
          if (doc === DENSE[0]) await page.screenshot({ path: `test/e2e/__screenshots__/dense-arcs-${width}-${scheme}.png` })
        }
        // Every part of the text, scrolled through a screen at a time (the arcs are redrawn after a scroll settles).
        for (let step = 0; step < 12; step++) {
          let got = await measure(page)
          report.push(`${width} ${doc} @${step}: ${got.rails} rails, ${got.margins} margin rails in ${got.lanes} lanes, ${got.sharedLanes.length} shared lanes (${got.sharedOutermost} pairs in the full margin's outermost), ${got.crossings.length} crossings`)
          // Rails through the line above where tags stack are reported, not asserted: giving such paragraphs taller
          // lines moved words when a tag was added and shifted a long document's layout as its paragraphs were
          // decorated (a search then scrolled its hit off screen), so that part was taken back. Not done.
          await expect
            .poll(async () => {
              got = await measure(page)
              return got.sharedLanes
            }, `${width} ${doc} @${step}`)
            .toEqual([])
          const more = await page.evaluate(() => {
            const el = [...document.querySelectorAll<HTMLElement>('*')].find((e) => e.scrollHeight > e.clientHeight + 4 && getComputedStyle(e).overflowY.match(/auto|scroll/) && e.querySelector('.article'))
            if (!el || el.scrollTop + el.clientHeight >= el.scrollHeight - 2) return false
            el.scrollTop += el.clientHeight * 0.8
            return true
          })
          if (!more) break
        }
      }
    }
    console.log(report.join('\n'))
  })
})
