// An outsider's run: a relation between spans on different lines is drawn in two parts (the head's line, the margin,
// the tail's line), and only the head's part carried the label, so a reader of the tail's line could not see what the
// relation was. Both parts now carry it. The text is a real BioNLP 2011 EPI abstract (test/fixtures/brat).
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ApiLayer } from './editorLayer'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument } from './pageHelpers'

const EPI = path.resolve(import.meta.dirname, '../fixtures/brat/bionlp2011-epi')
const DOC = 'PMID-11393792'

test.describe('a relation between spans on different lines', () => {
  const app = appPerDescribe({ annotator: 'rita' })

  test('says its label on the head line and on the tail line, the pills apart', async ({ page }) => {
    test.setTimeout(120_000) // an import and two page loads
    const started = (await apiCall(app, 'transfer.import', { paths: [EPI], annotator: 'bionlp', addLabels: true })) as { id: string }
    await expect.poll(async () => ((await apiCall(app, 'transfer.job', { id: started.id })) as { state: string }).state).toBe('done')
    const l = await ApiLayer.open(app, DOC, 'rita')
    await l.span('gene', 'GPE', 'COL1A2')
    await l.span('part', 'GPE', 'C-propeptide')
    await l.span('puppy', 'ORG', 'Beagle puppy')
    const rel = await l.relation('PART_OF', 'gene', 'part')
    const near = await l.relation('LOCATED_IN', 'puppy', 'part')
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(app.url)
      await openDocument(page, app.origin, DOC)
      const arc = page.locator(`.sw-arcs [data-relation-id="${rel}"]`)
      await expect(arc.locator('[data-label-part]')).toHaveCount(2)
      await page.screenshot({ path: `test/e2e/__screenshots__/split-arc-label-${scheme}.png` })
    }
    const got = await page.evaluate(
      ({ rel, head, tail }) => {
        const box = (e: Element | null) => {
          const r = e!.getBoundingClientRect()
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
        }
        const g = document.querySelector(`.sw-arcs [data-relation-id="${rel}"]`)!
        return {
          parts: [...g.querySelectorAll('[data-label-part]')].map((p) => ({ part: p.getAttribute('data-label-part'), text: p.textContent, pill: box(p.querySelector('rect')) })),
          head: box(document.querySelector(`.article [data-span-id="${head}"]`)),
          tail: box(document.querySelector(`.article [data-span-id="${tail}"]`)),
          pills: [...document.querySelectorAll('.sw-arcs .sw-arc-label-bg')].map(box),
        }
      },
      { rel, head: l.id('gene'), tail: l.id('part') },
    )
    expect(got.tail.top - got.head.top).toBeGreaterThan(40) // on different lines
    expect(got.parts.map((p) => [p.part, p.text])).toEqual([
      ['head', 'PART_OF'],
      ['tail', 'PART_OF'],
    ])
    // Each pill sits in the band above its own span's line (the rails run there), not above another line.
    const [headPill, tailPill] = got.parts.map((p) => p.pill)
    expect(headPill.bottom).toBeLessThanOrEqual(got.head.top)
    expect(got.head.top - headPill.bottom).toBeLessThan(45)
    expect(tailPill.bottom).toBeLessThanOrEqual(got.tail.top)
    expect(got.tail.top - tailPill.bottom).toBeLessThan(45)
    expect(near).toBeGreaterThan(0)
    for (const [i, a] of got.pills.entries()) for (const b of got.pills.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true)
  })
})
