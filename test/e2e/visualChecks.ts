import type { Locator, Page } from '@playwright/test'

/**
 * What a reader sees, measured in the page: the WCAG contrast ratio of an element's text over the background it is
 * drawn on (its own, else the nearest ancestor's, translucent layers mixed in), horizontal overflow, and boxes that
 * overlap. Colours are read back from a 1×1 canvas, so any CSS colour syntax the browser computes is measured as painted.
 */
export async function contrastOf(el: Locator): Promise<number> {
  return el.evaluate(CONTRAST)
}

/** The page-side measure (one function, so it can be passed to evaluate): text colour over the background it sits on. */
const CONTRAST = (node: Element): number => {
  type C = [number, number, number, number]
  // Any CSS colour (rgb(), color(srgb …) from color-mix(), lch() from relative colours) as the browser paints it.
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
  const parse = (v: string): C => {
    ctx.clearRect(0, 0, 1, 1)
    ctx.fillStyle = v
    ctx.fillRect(0, 0, 1, 1)
    const d = ctx.getImageData(0, 0, 1, 1).data
    return [d[0], d[1], d[2], d[3] / 255]
  }
  const over = (top: C, under: C): C => {
    const a = top[3]
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1]
  }
  // Background layers from the element outwards, until an opaque one; the page's canvas (white) under all.
  const layers: C[] = []
  for (let e: Element | null = node; e; e = e.parentElement) {
    const bg = parse(getComputedStyle(e).backgroundColor)
    if (bg[3] > 0) layers.push(bg)
    if (bg[3] >= 1) break
  }
  let bg: C = [255, 255, 255, 1]
  for (const l of layers.reverse()) bg = over(l, bg)
  const fg = over(parse(getComputedStyle(node).color), bg)
  const lum = (c: C) => {
    const ch = c.slice(0, 3).map((x) => {
      const s = x / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
  }
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a)
  return (hi + 0.05) / (lo + 0.05)
}

/**
 * Every visible element on the page whose own text (not its children's) has a contrast below `min` over its
 * background, worst first. Disabled controls are left out (WCAG exempts inactive parts). `within`: only under this
 * element (an open dialog: what lies under its backdrop is dimmed on purpose). `wholePage`: below the fold too.
 */
export async function lowContrastTexts(page: Page, min = 4.5, within = 'body', wholePage = false): Promise<{ ratio: number; text: string; where: string }[]> {
  return page.evaluate(
    ([measure, threshold, root, all]) => {
      const contrast = new Function(`return (${measure})`)() as (e: Element) => number
      const out: { ratio: number; text: string; where: string }[] = []
      for (const e of document.querySelector(root)?.querySelectorAll('*') ?? []) {
        const own = [...e.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent ?? '').join('').trim()
        if (!own || e.closest('[disabled], [aria-disabled="true"], svg, option, script, style')) continue
        const r = e.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) continue
        if (!all && (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth)) continue
        const cs = getComputedStyle(e)
        if (cs.visibility !== 'visible' || Number(cs.opacity) === 0) continue
        const ratio = contrast(e)
        if (ratio < threshold) out.push({ ratio: Math.round(ratio * 100) / 100, text: own.slice(0, 40), where: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}` })
      }
      return out.sort((a, b) => a.ratio - b.ratio)
    },
    [CONTRAST.toString(), min, within, wholePage] as const,
  )
}

/** The lowest contrast among the visible elements matching `selector` that hold text of their own, with a name for it. */
export async function lowestContrast(page: Page, selector: string): Promise<{ ratio: number; what: string }> {
  const all = page.locator(selector)
  let worst = { ratio: Infinity, what: '' }
  for (let i = 0; i < (await all.count()); i++) {
    const el = all.nth(i)
    if (!(await el.isVisible())) continue
    const text = (await el.evaluate((n) => [...n.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join('').trim())) ?? ''
    if (!text) continue
    const ratio = await contrastOf(el)
    if (ratio < worst.ratio) worst = { ratio, what: `${selector} "${text.slice(0, 40)}"` }
  }
  return worst
}

/** Pixels by which the page scrolls sideways (0 when everything fits the window's width). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

/** Pairs of the visible elements matching `selector` whose boxes overlap by more than `tolerance` px each way. */
export async function overlappingBoxes(page: Page, selector: string, tolerance = 0.5): Promise<string[]> {
  return page.evaluate(
    ([sel, tol]) => {
      const boxes = [...document.querySelectorAll(sel)]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
      const out: string[] = []
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r
          const b = boxes[j].r
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left)
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
          if (x > tol && y > tol) out.push(`${boxes[i].e.textContent?.trim().slice(0, 30)} × ${boxes[j].e.textContent?.trim().slice(0, 30)}`)
        }
      return out
    },
    [selector, tolerance] as const,
  )
}
