// Margin rails of split arcs (h93): when more rails overlap than fit 5 px apart in the margin, the lanes close up
// (to 2 px) instead of sharing the outermost lane, where several rails ran as one line; only past what fits 2 px
// apart inside the layer is the outermost shared.
import { describe, expect, it } from 'vitest'
import { DEFAULT_ARC_OPTIONS, layoutArcs } from '../../../../src/renderer/editor/arcLayout'
import type { ArcAnchor, ArcRelation } from '../../../../src/renderer/editor/arcLayout'

const anchor = (start: number, left: number, line: number): ArcAnchor => ({ start, box: { left, right: left + 40, top: 100 + line * 60, bottom: 120 + line * 60 } })

/** `n` arcs, each from line i to line n + i: every one overlaps every other over the middle lines. */
function overlapping(n: number) {
  const anchors = new Map<number, ArcAnchor>()
  const relations: ArcRelation[] = []
  for (let i = 0; i < n; i++) {
    anchors.set(2 * i, anchor(i * 100, 120, i))
    anchors.set(2 * i + 1, anchor((n + i) * 100, 300, n + i))
    relations.push({ id: i, label: 'Theme', headId: 2 * i, tailId: 2 * i + 1 })
  }
  return { anchors, relations }
}

describe('margin lanes', () => {
  it('gives each of 12 overlapping rails its own lane inside a 40 px margin', () => {
    const { anchors, relations } = overlapping(12)
    const arcs = layoutArcs(relations, anchors, { ...DEFAULT_ARC_OPTIONS, left: 100, width: 800, margin: 840 })
    const xs = arcs.map((a) => a.marginRail!.x)
    expect(new Set(xs).size).toBe(12)
    for (const x of xs) expect(x > 800 && x <= 840).toBe(true)
    const sorted = [...xs].sort((a, b) => a - b)
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(2)
  })

  it('shares only the outermost lane when even 2 px apart they would leave the layer', () => {
    const { anchors, relations } = overlapping(12)
    const arcs = layoutArcs(relations, anchors, { ...DEFAULT_ARC_OPTIONS, left: 100, width: 800, margin: 820 })
    const xs = arcs.map((a) => a.marginRail!.x)
    for (const x of xs) expect(x).toBeLessThanOrEqual(820)
    expect(new Set(xs).size).toBe(6) // 10 px of room: lanes at 810, 812, …, 820
  })
})
