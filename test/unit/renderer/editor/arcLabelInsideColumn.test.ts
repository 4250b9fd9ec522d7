import { describe, expect, it } from 'vitest'
import { DEFAULT_ARC_OPTIONS, layoutArcs } from '../../../../src/renderer/editor/arcLayout'
import type { ArcAnchor } from '../../../../src/renderer/editor/arcLayout'

const box = (left: number, right: number, top: number) => ({ left, right, top, bottom: top + 18 })
const opts = { ...DEFAULT_ARC_OPTIONS, left: 100, width: 700 }
const labelWidth = (label: string) => label.length * DEFAULT_ARC_OPTIONS.labelCharWidth + 8

describe('arc labels stay inside the text column (the review merged view)', () => {
  it('a split arc whose head sits at the line start keeps its label right of the left edge', () => {
    // Head on a lower line, near the left edge; tail on the line above: the head's bracket runs to the left edge.
    const anchors = new Map<number, ArcAnchor>([
      [1, { start: 200, box: box(104, 190, 300) }],
      [2, { start: 40, box: box(600, 660, 100) }],
    ])
    const [arc] = layoutArcs([{ id: 1, label: 'AFFILIATED_WITH', headId: 1, tailId: 2 }], anchors, opts)
    expect(arc.labelX - labelWidth('AFFILIATED_WITH') / 2).toBeGreaterThanOrEqual(100)
    expect(arc.labelX + labelWidth('AFFILIATED_WITH') / 2).toBeLessThanOrEqual(700)
  })

  it('and left of the right edge, for a span at the line end', () => {
    const anchors = new Map<number, ArcAnchor>([
      [1, { start: 10, box: box(650, 698, 100) }],
      [2, { start: 200, box: box(120, 200, 300) }],
    ])
    const [arc] = layoutArcs([{ id: 1, label: 'PART_OF', headId: 1, tailId: 2 }], anchors, opts)
    expect(arc.labelX + labelWidth('PART_OF') / 2).toBeLessThanOrEqual(700)
    // A label with room is centred on its rail, as before.
    const roomy = new Map<number, ArcAnchor>([
      [1, { start: 10, box: box(200, 260, 100) }],
      [2, { start: 50, box: box(400, 460, 100) }],
    ])
    expect(layoutArcs([{ id: 1, label: 'PART_OF', headId: 1, tailId: 2 }], roomy, opts)[0].labelX).toBe(330)
  })
})
