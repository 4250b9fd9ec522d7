import type { Relation } from '../../shared/domain/model'
import type { ArcAnchor, ArcRelation } from './arcLayout'
import type { SpanIndex } from './spanIndex'

export interface ArcInputs {
  relations: ArcRelation[]
  anchors: Map<number, ArcAnchor>
  /** The text's left and right edges in layer coordinates (where split arcs leave and enter a line). */
  left: number
  width: number
  /** The layer's right edge less a little: how far right margin rails may go. */
  margin: number
}

/**
 * Reads the boxes the arc layout needs, all reads before any write: the first
 * line box of every decorated span (only spans near the viewport are
 * decorated) and the box of its label tag, in the layer's coordinates (relative to `root`). Relations with
 * neither end decorated are left out; one with a single end decorated keeps
 * the other end's offset so its stub points the right way.
 */
export function measureArcInputs(root: HTMLElement, text: HTMLElement, relations: readonly Relation[], index: SpanIndex): ArcInputs {
  const origin = root.getBoundingClientRect()
  const textBox = text.getBoundingClientRect()
  const first = new Map<number, Element>()
  for (const el of root.querySelectorAll('[data-span-id]')) {
    const id = Number((el as HTMLElement).dataset.spanId)
    if (!first.has(id)) first.set(id, el)
  }
  const tags = new Map<number, Element>()
  for (const el of root.querySelectorAll('[data-tag-for]')) tags.set(Number((el as HTMLElement).dataset.tagFor), el)
  const anchors = new Map<number, ArcAnchor>()
  const anchor = (id: number): ArcAnchor | null => {
    const known = anchors.get(id)
    if (known) return known
    const span = index.byId.get(id)
    if (!span) return null
    const el = first.get(id)
    const r = el?.getClientRects()[0]
    // Arcs meet the span at its label tag (above the text), as in brat, so they never cross the words.
    const t = r ? tags.get(id)?.getBoundingClientRect() : undefined
    const box: ArcAnchor['box'] = r ? { left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top } : null
    if (box && t && t.height > 0) {
      box.anchorTop = t.top - origin.top
      box.anchorX = (t.left + t.right) / 2 - origin.left
    }
    const a: ArcAnchor = { start: span.start, box }
    anchors.set(id, a)
    return a
  }
  const near: ArcRelation[] = []
  for (const r of relations) {
    if (!first.has(r.headId) && !first.has(r.tailId)) continue
    if (!anchor(r.headId) || !anchor(r.tailId)) continue
    near.push({ id: r.id, label: r.label, headId: r.headId, tailId: r.tailId })
  }
  return { relations: near, anchors, left: textBox.left - origin.left, width: textBox.right - origin.left, margin: origin.width - 6 }
}
