import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'

/** Selects the n-th occurrence of `needle` in the article text (label and suggestion tags excluded), as a user's drag would. */
export async function selectText(page: Page, needle: string, nth = 0): Promise<void> {
  const ok = await page.evaluate(
    ({ needle, nth }) => {
      const root = document.querySelector('.article')
      if (!root) return false
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => ((n.parentElement?.closest('[data-tag-for], [data-suggestion-tag]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)),
      })
      // Concatenate text nodes, so a needle across decoration boundaries is found too.
      const nodes: Text[] = []
      let all = ''
      const starts: number[] = []
      let n: Node | null
      while ((n = walker.nextNode())) {
        nodes.push(n as Text)
        starts.push(all.length)
        all += (n as Text).data
      }
      let at = -1
      for (let i = 0; i <= nth; i++) {
        at = all.indexOf(needle, at + 1)
        if (at < 0) return false
      }
      const locate = (offset: number, preferEnd: boolean) => {
        for (let i = 0; i < nodes.length; i++) {
          const end = starts[i] + nodes[i].data.length
          if (offset < end || (preferEnd && offset === end)) return { node: nodes[i], offset: offset - starts[i] }
        }
        const last = nodes[nodes.length - 1]
        return { node: last, offset: last.data.length }
      }
      const a = locate(at, false)
      const b = locate(at + needle.length, true)
      const range = document.createRange()
      range.setStart(a.node, a.offset)
      range.setEnd(b.node, b.offset)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      return true
    },
    { needle, nth },
  )
  if (!ok) throw new Error(`text not found in the article: ${needle}`)
}

/** Chooses the annotator on first run. */
export async function chooseAnnotator(page: Page, name: string): Promise<void> {
  await page.getByLabel('Annotator name').fill(name)
  await page.getByRole('button', { name: 'Start annotating' }).click()
}

export async function openDocument(page: Page, origin: string, externalId: string): Promise<void> {
  await page.goto(`${origin}/#/documents/${encodeURIComponent(externalId)}`)
  await page.locator('[data-document-ready="true"]').waitFor()
}

/** Calls the API directly, as the renderer would. */
export async function apiCall(app: { origin: string; token: string }, method: string, args: unknown): Promise<unknown> {
  const res = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
    body: JSON.stringify(args),
  })
  const reply = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!reply.ok) throw new Error(reply.error?.message)
  return reply.value
}

export async function setAnnotatorViaApi(app: { origin: string; token: string }, name: string): Promise<void> {
  await apiCall(app, 'session.setAnnotator', { name })
}

/**
 * Selects text, presses a label's hotkey and waits for the span to be saved.
 * Returns its id: the highest in the list, as a new row gets the highest id.
 */
export async function labelByKey(page: Page, needle: string, key: string, nth = 0): Promise<number> {
  const before = await page.locator('[data-list-span]').count()
  await selectText(page, needle, nth)
  await page.keyboard.press(key)
  await expect(page.locator('[data-list-span]')).toHaveCount(before + 1)
  await expect(page.locator('.span-list li.pending')).toHaveCount(0)
  const ids = await page.locator('[data-list-span]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.listSpan)))
  return Math.max(...ids)
}

type ReviewLayers = { document: { id: number }; layers: { annotator: string; spans: { id: number; start: number }[] }[] }

/**
 * A review done, then changed: rita takes alice's reading of the span at offset 20 over bob's and marks the review of
 * `externalId` done; then alice marks a PERSON at 10–16, a change since done.
 */
export async function finishReviewThenChange(app: { origin: string; token: string }, externalId: string): Promise<void> {
  const review = (await apiCall(app, 'review.layers', { externalId })) as ReviewLayers
  const at20 = (a: string) => review.layers.find((l) => l.annotator === a)!.spans.find((s) => s.start === 20)!.id
  await apiCall(app, 'review.decide', { documentId: review.document.id, reviewer: 'rita', accept: { item: { kind: 'span', id: at20('alice') } }, reject: [{ kind: 'span', id: at20('bob') }] })
  await apiCall(app, 'review.done', { documentId: review.document.id, reviewer: 'rita', done: true })
  await apiCall(app, 'spans.create', { documentId: review.document.id, annotator: 'alice', label: 'PERSON', start: 10, end: 16 })
}

/** The app's search (`/`) finds `word` once, and shows the hit on screen, painted where it is (the point at its centre is the hit). */
export async function searchShowsOnScreen(page: Page, word: string): Promise<void> {
  await page.keyboard.press('/')
  await page.keyboard.type(word)
  await expect(page.locator('[data-search-count]')).toHaveText('1 of 1')
  const hit = page.locator('.article .sw-hit--active')
  await expect(hit).toHaveText(word)
  await expect(hit).toBeInViewport()
  const b = (await hit.boundingBox())!
  expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.sw-hit--active') !== null, [b.x + b.width / 2, b.y + b.height / 2])).toBe(true)
}

/**
 * A header's parts (its children but `group`, and the children of `group`, its button group): which two overlap, and
 * which leave the window by more than `slack` px (class names, or tag names).
 */
export function headerParts(page: Page, head: string, group: string, slack = 0): Promise<{ overlaps: string[]; outside: string[] }> {
  return page.locator(head).evaluate(
    (el, { group, slack }) => {
      const boxes = [...el.querySelectorAll(`:scope > :not(${group}), ${group} > *`)].map((c) => {
        const r = c.getBoundingClientRect()
        return { cls: c.className || c.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom }
      })
      const overlaps: string[] = []
      for (let i = 0; i < boxes.length; i++)
        for (let k = i + 1; k < boxes.length; k++) {
          const a = boxes[i]
          const b = boxes[k]
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`${a.cls} / ${b.cls}`)
        }
      return { overlaps, outside: boxes.filter((b) => b.left < -slack || b.right > window.innerWidth + slack).map((b) => b.cls) }
    },
    { group, slack },
  )
}
