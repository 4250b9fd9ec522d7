import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { RunningApp } from './appServer'
import { appPerDescribe } from './fixtures'
import { apiCall, openDocument, setAnnotatorViaApi } from './pageHelpers'

// The document view's rendering: nested spans with their labels, relation
// arcs, right-to-left lines, and the annotated sample as a screenshot.
const KERRY = '001_5a98d8623b08ebb0'
const BELGIUM = '002_41e43d58b8396c46'

interface Doc {
  id: number
  text: string
}

/** Creates spans and relations through the API, as the screens would, at the n-th occurrence of each needle. */
class Layer {
  private ids = new Map<string, number>()
  constructor(
    private app: RunningApp,
    private doc: Doc,
    private annotator: string,
  ) {}

  static async open(app: RunningApp, externalId: string, annotator: string): Promise<Layer> {
    const doc = (await apiCall(app, 'documents.get', { externalId })) as Doc
    return new Layer(app, doc, annotator)
  }

  async span(key: string, label: string, needle: string, nth = 0, after = ''): Promise<number> {
    let at = after ? this.doc.text.indexOf(after) : -1
    if (after && at < 0) throw new Error(`anchor not in text: ${after}`)
    for (let i = 0; i <= nth; i++) {
      at = this.doc.text.indexOf(needle, at + 1)
      if (at < 0) throw new Error(`needle not in text: ${needle}`)
    }
    const span = (await apiCall(this.app, 'spans.create', { documentId: this.doc.id, annotator: this.annotator, label, start: at, end: at + needle.length })) as { id: number }
    this.ids.set(key, span.id)
    return span.id
  }

  async relation(label: string, head: string, tail: string): Promise<number> {
    const r = (await apiCall(this.app, 'relations.create', { documentId: this.doc.id, annotator: this.annotator, label, headId: this.ids.get(head), tailId: this.ids.get(tail) })) as { id: number }
    return r.id
  }

  id(key: string): number {
    return this.ids.get(key)!
  }
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox()
  if (!b) throw new Error(`no box for ${selector}`)
  return b
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

test.describe('document view rendering', () => {
  const app = appPerDescribe()

  test('nested spans are both visible, each with its label and its own underline lane', async ({ page }) => {
    await setAnnotatorViaApi(app, 'nina')
    const layer = await Layer.open(app, KERRY, 'nina')
    const outer = await layer.span('outer', 'PERSON', 'US Secretary of State John Kerry')
    const inner = await layer.span('inner', 'PERSON', 'John Kerry', 0, 'US Secretary of State')
    const us = await layer.span('us', 'GPE', 'US', 0, 'support to Belgium')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await page.evaluate(() => document.fonts.ready)

    for (const id of [outer, inner, us]) {
      await expect(page.locator(`[data-span-id="${id}"]`).first()).toBeVisible()
      await expect(page.locator(`[data-tag-for="${id}"]`)).toBeVisible()
    }
    await expect(page.locator(`[data-tag-for="${inner}"]`)).toHaveText('PERSON')
    await expect(page.locator(`[data-tag-for="${us}"]`)).toHaveText('GPE')
    // The outer span contains the inner one's element and underlines further below it.
    await expect(page.locator(`[data-span-id="${outer}"] [data-span-id="${inner}"], [data-span-id="${inner}"] [data-span-id="${outer}"]`)).toHaveCount(1)
    const outerBox = await box(page, `[data-span-id="${outer}"]`)
    const innerBox = await box(page, `[data-span-id="${inner}"]`)
    expect(outerBox.y + outerBox.height).toBeGreaterThan(innerBox.y + innerBox.height + 2)
    // Tags never cover each other.
    const tags = await Promise.all([outer, inner, us].map((id) => box(page, `[data-tag-for="${id}"]`)))
    for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) expect(overlaps(tags[i], tags[j])).toBe(false)
  })

  test('each relation is drawn as an arc with an arrowhead and its label', async ({ page }) => {
    await setAnnotatorViaApi(app, 'rhea')
    const layer = await Layer.open(app, KERRY, 'rhea')
    await layer.span('res', 'FAC', "Belgian Prime Minister's Residence")
    await layer.span('bru', 'GPE', 'Brussels', 0, "Minister's Residence")
    await layer.span('bel', 'GPE', 'Belgium', 0, "Minister's Residence")
    await layer.span('daesh', 'ORG', 'DAESH')
    await layer.span('attacks', 'EVENT', 'Brussels attacks')
    const rels = [
      await layer.relation('LOCATED_IN', 'res', 'bru'),
      await layer.relation('PART_OF', 'bru', 'bel'),
      await layer.relation('PERPETRATOR_OF', 'daesh', 'attacks'),
    ]
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    for (const id of rels) {
      const arc = page.locator(`.sw-arcs [data-relation-id="${id}"]`)
      await expect(arc).toHaveCount(1)
      await expect(arc.locator('path.sw-arc-line').first()).toHaveAttribute('d', /^M[\d.-]+ [\d.-]+.*L/)
      await expect(arc.locator('.sw-arc-arrow')).toHaveCount(1)
    }
    await expect(page.locator(`.sw-arcs [data-relation-id="${rels[1]}"] text`)).toHaveText('PART_OF')
    // The arc from Brussels to Belgium ends on Belgium: its arrow tip lies over that span.
    // Both boxes in one task, again until both are drawn: the arcs are redrawn after layout, and a box read across a redraw is null.
    const tipAndSpan = () =>
      page.evaluate(
        ({ rel, span }) => {
          const tip = document.querySelector(`.sw-arcs [data-relation-id="${rel}"] .sw-arc-arrow`)?.getBoundingClientRect()
          const bel = document.querySelector(`[data-span-id="${span}"]`)?.getBoundingClientRect()
          return tip && bel && tip.width > 0 && bel.width > 0 ? { tip: tip.toJSON() as DOMRect, bel: bel.toJSON() as DOMRect } : null
        },
        { rel: rels[1], span: layer.id('bel') },
      )
    await expect.poll(tipAndSpan).not.toBeNull()
    const { tip, bel } = (await tipAndSpan())!
    expect(tip.x + tip.width / 2).toBeGreaterThan(bel.x)
    expect(tip.x + tip.width / 2).toBeLessThan(bel.x + bel.width)
    expect(tip.y + tip.height).toBeLessThanOrEqual(bel.y + 3)
    // Arcs follow the text when the layout changes.
    const before = await page.locator(`.sw-arcs [data-relation-id="${rels[1]}"] .sw-arc-arrow`).getAttribute('d')
    await page.setViewportSize({ width: 1000, height: 900 })
    await expect.poll(() => page.locator(`.sw-arcs [data-relation-id="${rels[1]}"] .sw-arc-arrow`).getAttribute('d')).not.toBe(before)
  })

  test('the Hebrew line renders right to left with its spans on the right characters', async ({ page }) => {
    await setAnnotatorViaApi(app, 'dana')
    const layer = await Layer.open(app, BELGIUM, 'dana')
    const first = await layer.span('first', 'EVENT', 'פעילות')
    const second = await layer.span('second', 'ORG', 'משטרת בלגיה')
    await page.goto(app.url)
    await openDocument(page, app.origin, BELGIUM)
    await page.evaluate(() => document.fonts.ready)
    const a = page.locator(`[data-span-id="${first}"]`)
    const b = page.locator(`[data-span-id="${second}"]`)
    await expect(a).toHaveText('פעילות')
    await expect(b).toHaveText('משטרת בלגיה')
    const line = a.locator('xpath=ancestor::p')
    expect(await line.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl')
    const lineBox = (await line.boundingBox())!
    const boxA = (await a.boundingBox())!
    const boxB = (await b.boundingBox())!
    // The first word of a right-to-left line is its rightmost; the second lies to its left.
    expect(boxA.x + boxA.width).toBeGreaterThan(lineBox.x + lineBox.width - 8)
    expect(boxB.x + boxB.width).toBeLessThan(boxA.x)
    // Each span's box is exactly its characters' box.
    for (const el of [a, b]) {
      const [spanRect, charsRect] = await el.evaluate((node) => {
        const r = document.createRange()
        r.selectNodeContents(node)
        const c = r.getBoundingClientRect()
        const s = node.getBoundingClientRect()
        return [
          [s.left, s.right],
          [c.left, c.right],
        ]
      })
      expect(Math.abs(spanRect[0] - charsRect[0])).toBeLessThan(1)
      expect(Math.abs(spanRect[1] - charsRect[1])).toBeLessThan(1)
    }
  })

  test('screenshot: the annotated sample article', async ({ page }) => {
    await setAnnotatorViaApi(app, 'shot')
    const l = await Layer.open(app, KERRY, 'shot')
    await l.span('t-us', 'GPE', 'US')
    await l.span('t-bel', 'GPE', 'Belgium')
    await l.span('p2-title', 'PERSON', 'US Secretary of State John Kerry', 0)
    await l.span('p2-us', 'GPE', 'US', 0, 'Belgium after attacks')
    await l.span('p2-kerry', 'PERSON', 'John Kerry')
    await l.span('p2-bel', 'GPE', 'Belgium', 0, 'accusations against')
    await l.span('p2-bru', 'GPE', 'Brussels', 0, 'failed to prevent')
    await l.span('p2-attacks', 'EVENT', 'Brussels attacks')
    await l.span('p3-kerry', 'PERSON', 'John Kerry', 0, 'Photo by')
    await l.span('p3-michel', 'PERSON', 'Belgian Prime Minister Charles Michel')
    await l.span('p3-norp', 'NORP', 'Belgian', 0, 'shakes hands with')
    await l.span('p3-res', 'FAC', "Belgian Prime Minister's Residence")
    await l.span('p3-bru', 'GPE', 'Brussels', 0, "Minister's Residence")
    await l.span('p3-bel', 'GPE', 'Belgium', 0, "Minister's Residence")
    await l.span('p3-date', 'DATE', 'Friday, March 25, 2016')
    await l.span('p4-daesh', 'ORG', 'DAESH')
    await l.relation('PART_OF', 'p2-kerry', 'p2-us')
    await l.relation('LOCATED_IN', 'p3-res', 'p3-bru')
    await l.relation('PART_OF', 'p3-bru', 'p3-bel')
    await l.relation('PERPETRATOR_OF', 'p4-daesh', 'p2-attacks')
    await page.goto(app.url)
    await openDocument(page, app.origin, KERRY)
    await expect(page.locator('.sw-arcs [data-relation-id]')).toHaveCount(4)
    await expect(page.locator('[data-tag-for]')).toHaveCount(16)
    await page.screenshot({ path: 'test/e2e/__screenshots__/editor-annotated-sample.png' })
  })
})
