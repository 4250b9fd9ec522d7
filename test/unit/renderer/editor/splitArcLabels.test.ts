// A relation between spans on different lines is drawn in two parts; both carry its label (h93), so the tail's line
// alone says what the relation is, and two such labels over one stretch of a line move apart instead of covering
// each other (the rails are a level, 7-8 px, apart; a pill is 13 px tall).
import { describe, expect, it } from 'vitest'
import { pillWidth } from '../../../../src/renderer/editor/arcLabels'
import { DEFAULT_ARC_OPTIONS, layoutArcs } from '../../../../src/renderer/editor/arcLayout'
import type { ArcAnchor } from '../../../../src/renderer/editor/arcLayout'

const opts = { ...DEFAULT_ARC_OPTIONS, left: 100, width: 800, margin: 860 }
const anchor = (start: number, left: number, right: number, line: number): ArcAnchor => ({ start, box: { left, right, top: 100 + line * 60, bottom: 120 + line * 60 } })

describe('a split arc', () => {
  it('is labelled on the head line and on the tail line', () => {
    const anchors = new Map([
      [1, anchor(0, 200, 260, 0)],
      [2, anchor(300, 500, 580, 3)],
    ])
    const [arc] = layoutArcs([{ id: 1, label: 'PART_OF', headId: 1, tailId: 2 }], anchors, opts)
    expect(arc.kind).toBe('split')
    expect(arc.labels.map((l) => l.part)).toEqual(['head', 'tail'])
    expect(arc.labels[0].y).toBe(arc.segments[0].railY)
    expect(arc.labels[1].y).toBe(arc.segments[1].railY)
    // The tail's label sits on the tail line's rail: between the tail and the text's right edge.
    expect(arc.labels[1].x).toBeGreaterThan(540)
    expect(arc.labels[1].x + pillWidth('PART_OF') / 2).toBeLessThanOrEqual(800)
    expect([arc.labelX, arc.labelY]).toEqual([arc.labels[0].x, arc.labels[0].y])
  })

  it('keeps its labels apart from another split arc into the same span, near the right edge (a rail shorter than two pills)', () => {
    const anchors = new Map([
      [1, anchor(0, 200, 260, 0)],
      [2, anchor(100, 150, 250, 1)],
      [3, anchor(300, 730, 790, 3)],
    ])
    const arcs = layoutArcs(
      [
        { id: 1, label: 'PART_OF', headId: 1, tailId: 3 },
        { id: 2, label: 'LOCATED_IN', headId: 2, tailId: 3 },
      ],
      anchors,
      opts,
    )
    const pills = arcs.flatMap((a) => a.labels.map((l) => ({ ...l, w: pillWidth(a.label) })))
    expect(pills).toHaveLength(4)
    for (const [i, a] of pills.entries())
      for (const b of pills.slice(i + 1)) {
        const apart = Math.abs(a.y - b.y) >= 13 || a.x + a.w / 2 <= b.x - b.w / 2 || b.x + b.w / 2 <= a.x - a.w / 2
        expect(apart, JSON.stringify([a, b])).toBe(true)
      }
    for (const p of pills) expect(p.x - p.w / 2 >= 100 && p.x + p.w / 2 <= 800).toBe(true)
  })
})
