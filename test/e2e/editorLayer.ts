import type { Page } from '@playwright/test'
import type { RunningApp } from './appServer'
import { apiCall } from './pageHelpers'

/** Spans and relations made through the API, as the screens would, at the n-th occurrence of a needle (after an anchor). */
export class ApiLayer {
  private ids = new Map<string, number>()
  private constructor(
    private app: RunningApp,
    readonly doc: { id: number; text: string; title: string },
    private annotator: string,
  ) {}

  static async open(app: RunningApp, externalId: string, annotator: string): Promise<ApiLayer> {
    return new ApiLayer(app, (await apiCall(app, 'documents.get', { externalId })) as { id: number; text: string; title: string }, annotator)
  }

  at(needle: string, nth = 0, after = ''): { start: number; end: number } {
    let at = after ? this.doc.text.indexOf(after) : -1
    if (after && at < 0) throw new Error(`anchor not in text: ${after}`)
    for (let i = 0; i <= nth; i++) {
      at = this.doc.text.indexOf(needle, at + 1)
      if (at < 0) throw new Error(`needle not in text: ${needle}`)
    }
    return { start: at, end: at + needle.length }
  }

  async span(key: string, label: string, needle: string, nth = 0, after = ''): Promise<number> {
    const s = (await apiCall(this.app, 'spans.create', { documentId: this.doc.id, annotator: this.annotator, label, ...this.at(needle, nth, after) })) as { id: number }
    this.ids.set(key, s.id)
    return s.id
  }

  async relation(label: string, head: string, tail: string): Promise<number> {
    const r = (await apiCall(this.app, 'relations.create', { documentId: this.doc.id, annotator: this.annotator, label, headId: this.ids.get(head), tailId: this.ids.get(tail) })) as { id: number }
    return r.id
  }

  id(key: string): number {
    return this.ids.get(key)!
  }
}

/**
 * Every word of the article's first `lines` lines with its box (label and suggestion tags left out), relative to the
 * article. Words are found in each line's whole text, so a word split by a span's element is still one word.
 */
export function wordBoxes(page: Page, lines: number): Promise<{ word: string; x: number; y: number; w: number; h: number }[]> {
  return page.evaluate((lines) => {
    const article = document.querySelector('.article')!
    const origin = article.getBoundingClientRect()
    const out: { word: string; x: number; y: number; w: number; h: number }[] = []
    for (const p of Array.from(article.children).slice(0, lines)) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement?.closest('[data-tag-for], [data-suggestion-tag]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      })
      const nodes: Text[] = []
      const starts: number[] = []
      let all = ''
      let n: Node | null
      while ((n = walker.nextNode())) {
        nodes.push(n as Text)
        starts.push(all.length)
        all += (n as Text).data
      }
      const locate = (offset: number, end: boolean) => {
        for (let i = 0; i < nodes.length; i++) {
          const stop = starts[i] + nodes[i].data.length
          if (offset < stop || (end && offset === stop)) return { node: nodes[i], offset: offset - starts[i] }
        }
        throw new Error('offset outside the line')
      }
      for (const m of all.matchAll(/\S+/gu)) {
        const a = locate(m.index!, false)
        const b = locate(m.index! + m[0].length, true)
        const r = document.createRange()
        r.setStart(a.node, a.offset)
        r.setEnd(b.node, b.offset)
        const box = r.getBoundingClientRect()
        out.push({ word: m[0], x: box.left - origin.left, y: box.top - origin.top, w: box.width, h: box.height })
      }
    }
    return out
  }, lines)
}

/** Whether two word lists are the same words at the same places, to within `tol` px (text split into elements may shape a hair differently). */
export function sameBoxes(a: { word: string; x: number; y: number; w: number; h: number }[], b: typeof a, tol = 0.5): string | null {
  if (a.length !== b.length) return `${a.length} words, then ${b.length}`
  for (let i = 0; i < a.length; i++) {
    const p = a[i]
    const q = b[i]
    if (p.word !== q.word) return `word ${i}: ${p.word} then ${q.word}`
    for (const k of ['x', 'y', 'w', 'h'] as const) if (Math.abs(p[k] - q[k]) > tol) return `word ${i} (${p.word}): ${k} ${p[k]} then ${q[k]}`
  }
  return null
}
