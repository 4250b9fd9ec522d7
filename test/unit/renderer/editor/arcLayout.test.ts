import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ARC_OPTIONS, layoutArcs } from '../../../../src/renderer/editor/arcLayout'
import type { ArcAnchor, ArcRelation, ArcSegmentLayout, LaidArc } from '../../../../src/renderer/editor/arcLayout'

const opts = { ...DEFAULT_ARC_OPTIONS, width: 800 }

/** A span box on line `line` (lines 1000 px apart, so rails of different lines never share a y). */
function anchor(start: number, left: number, right: number, line = 0): ArcAnchor {
  return { start, box: { left, right, top: 100 + line * 1000, bottom: 120 + line * 1000 } }
}

function rel(id: number, headId: number, tailId: number, label = 'PART_OF'): ArcRelation {
  return { id, label, headId, tailId }
}

/** The x extent of a segment path (every coordinate pair's x). */
function xRange(d: string): [number, number] {
  const nums = d.match(/-?\d+(\.\d+)?/g)!.map(Number)
  const xs = nums.filter((_, i) => i % 2 === 0)
  return [Math.min(...xs), Math.max(...xs)]
}

const points = (d: string) => {
  const nums = d.match(/-?\d+(\.\d+)?/g)!.map(Number)
  return nums.flatMap((_, i) => (i % 2 ? [] : [[nums[i], nums[i + 1]]]))
}
const firstPoint = (d: string) => points(d)[0]
const lastPoint = (d: string) => points(d).at(-1)

function assertNoOverlapPerLevel(arcs: LaidArc[]) {
  const rails = arcs.flatMap((a) => a.segments.map((s) => ({ id: a.id, railY: s.railY, x: xRange(s.d) })))
  for (let i = 0; i < rails.length; i++)
    for (let j = i + 1; j < rails.length; j++) {
      const p = rails[i]
      const q = rails[j]
      if (p.railY !== q.railY) continue
      // Same line, same level: the rails must be apart.
      expect(p.x[0] < q.x[1] && q.x[0] < p.x[1], `arcs ${p.id} and ${q.id} share rail y ${p.railY}`).toBe(false)
    }
}

describe('layoutArcs', () => {
  it('puts a short arc nested in a long one on a lower level', () => {
    const anchors = new Map([
      [1, anchor(0, 10, 40)],
      [2, anchor(10, 100, 140)],
      [3, anchor(20, 160, 200)],
      [4, anchor(30, 400, 440)],
    ])
    const arcs = layoutArcs([rel(1, 1, 4), rel(2, 2, 3)], anchors, opts)
    const long = arcs.find((a) => a.id === 1)!
    const short = arcs.find((a) => a.id === 2)!
    expect(short.segments[0].level).toBe(0)
    expect(long.segments[0].level).toBe(1)
    expect(long.segments[0].railY).toBeLessThan(short.segments[0].railY)
    assertNoOverlapPerLevel(arcs)
  })

  it('stacks crossing arcs on different levels and keeps disjoint arcs on level 0', () => {
    const anchors = new Map([
      [1, anchor(0, 10, 40)],
      [2, anchor(10, 100, 140)],
      [3, anchor(20, 200, 240)],
      [4, anchor(30, 300, 340)],
      [5, anchor(40, 600, 640)],
      [6, anchor(50, 700, 740)],
    ])
    const arcs = layoutArcs([rel(1, 1, 3), rel(2, 2, 4), rel(3, 5, 6)], anchors, opts)
    const level = (id: number) => arcs.find((a) => a.id === id)!.segments[0].level
    expect(level(1)).not.toBe(level(2))
    expect(level(3)).toBe(0)
    assertNoOverlapPerLevel(arcs)
  })

  it('ends in an arrowhead on the tail and puts the label over the rail', () => {
    const anchors = new Map([
      [1, anchor(0, 10, 50)],
      [2, anchor(10, 200, 260)],
    ])
    const [arc] = layoutArcs([rel(7, 2, 1, 'LOCATED_IN')], anchors, opts)
    expect(arc.kind).toBe('line')
    expect(arc.label).toBe('LOCATED_IN')
    // The arrow tip is at the tail's centre, on its top.
    expect(arc.arrow).toContain('L30 100L')
    expect(arc.labelX).toBe((230 + 30) / 2)
    expect(arc.labelY).toBe(arc.segments[0].railY)
  })

  it('joins an arc between lines through a rail in the right margin, as one unbroken path', () => {
    const anchors = new Map<number, ArcAnchor>([
      [1, anchor(0, 600, 650, 0)],
      [2, anchor(90, 100, 150, 1)],
    ])
    const [split] = layoutArcs([rel(1, 1, 2)], anchors, { ...opts, left: 40, width: 760, margin: 800 })
    expect(split.kind).toBe('split')
    expect(split.segments).toHaveLength(2)
    const [head, tail] = split.segments as [ArcSegmentLayout, ArcSegmentLayout]
    // The head's rail runs past the text's right edge into the margin (it stopped at 760, and read as cut) ...
    expect(xRange(head.d)).toEqual([625, 770])
    expect(split.marginRail).toEqual({ x: 770, top: head.railY, bottom: tail.railY })
    // ... down the margin, and turns into the tail line's rail, which runs back to the tail (it started at the left edge).
    expect(lastPoint(head.d)).toEqual(firstPoint(tail.d))
    expect(lastPoint(head.d)?.[1]).toBe(tail.railY)
    expect(xRange(tail.d)).toEqual([125, 766])
    expect(split.arrow).toContain('L125 1100L')
  })

  it('runs an arc to a line above up the margin', () => {
    const anchors = new Map<number, ArcAnchor>([
      [1, anchor(90, 100, 150, 2)],
      [2, anchor(0, 600, 650, 0)],
    ])
    const [up] = layoutArcs([rel(1, 1, 2)], anchors, { ...opts, width: 760 })
    expect(up.marginRail!.top).toBe(up.segments[1].railY)
    expect(up.marginRail!.bottom).toBe(up.segments[0].railY)
    expect(lastPoint(up.segments[0].d)).toEqual(firstPoint(up.segments[1].d))
  })

  it('gives margin rails over the same lines separate lanes, within the margin', () => {
    const anchors = new Map<number, ArcAnchor>([
      [1, anchor(0, 100, 150, 0)],
      [2, anchor(10, 300, 350, 0)],
      [3, anchor(90, 100, 150, 1)],
      [4, anchor(95, 300, 350, 2)],
    ])
    const arcs = layoutArcs([rel(1, 1, 3), rel(2, 2, 4)], anchors, { ...opts, width: 760, margin: 790 })
    const xs = arcs.map((a) => a.marginRail!.x)
    expect(new Set(xs).size).toBe(2)
    for (const x of xs) expect(x).toBeGreaterThan(760)
    for (const x of xs) expect(x).toBeLessThanOrEqual(790)
    // A narrow margin (the review's side-by-side columns) shares its last lane rather than leave the layer.
    for (const a of layoutArcs([rel(1, 1, 3), rel(2, 2, 4)], anchors, { ...opts, width: 760, margin: 772 })) expect(a.marginRail!.x).toBeLessThanOrEqual(772)
  })

  it('runs an arc whose other end is off screen into the margin towards it, with an arrowhead when that end is the tail', () => {
    const anchors = new Map<number, ArcAnchor>([
      [2, anchor(90, 100, 150, 1)],
      [3, { start: 5000, box: null }],
      [4, { start: 0, box: null }],
    ])
    const arcs = layoutArcs([rel(2, 2, 3), rel(3, 4, 2)], anchors, { ...opts, left: 40, width: 760 })
    const down = arcs.find((a) => a.id === 2)!
    expect(down.kind).toBe('stub')
    // The tail lies further on: the margin rail goes down from the head's rail and ends in an arrowhead pointing down.
    expect(down.marginRail!.top).toBe(down.segments[0].railY)
    expect(down.marginRail!.bottom).toBeGreaterThan(down.segments[0].railY)
    expect(down.arrow).toContain(`L${down.marginRail!.x} ${down.marginRail!.bottom}L`)
    // The head lies before: the rail comes down the margin from above into the tail's line, and the arrowhead is at the tail.
    const up = arcs.find((a) => a.id === 3)!
    expect(up.marginRail!.bottom).toBe(up.segments[0].railY)
    expect(firstPoint(up.segments[0].d)).toEqual([up.marginRail!.x, up.marginRail!.top])
    expect(up.arrow).toContain('L125 1100L')
  })

  it('never puts two overlapping rails on one level (random spans and relations)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ line: fc.integer({ min: 0, max: 2 }), left: fc.integer({ min: 0, max: 760 }), w: fc.integer({ min: 5, max: 40 }) }), { minLength: 2, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('PART_OF', 'LOCATED_IN', 'X')), { maxLength: 40 }),
        (boxes, pairs) => {
          const anchors = new Map(boxes.map((b, i) => [i, anchor(b.line * 100 + b.left, b.left, b.left + b.w, b.line)]))
          const relations = pairs.map(([h, t, label], i) => rel(i, h % boxes.length, t % boxes.length, label)).filter((r) => r.headId !== r.tailId)
          const arcs = layoutArcs(relations, anchors, { ...opts, maxLevel: 1000 })
          expect(arcs).toHaveLength(relations.length)
          assertNoOverlapPerLevel(arcs)
        },
      ),
      { numRuns: 300 },
    )
  })
})
