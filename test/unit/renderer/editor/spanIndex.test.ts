import { describe, expect, it } from 'vitest'
import type { Span } from '../../../../src/shared/domain/model'
import { SpanIndex } from '../../../../src/renderer/editor/spanIndex'
import { seeded } from '../../../helpers/seededRandom'
import { spanFixture } from '../../../helpers/spanFixture'

function span(id: number, start: number, end: number): Span {
  return spanFixture({ id, start, end })
}

// A seeded layer with nesting and pending (negative-id) spans, given out of order.
const rand = seeded(7)
const layer: Span[] = []
for (let i = 1; i <= 600; i++) {
  const start = Math.floor(rand() * 5_000)
  layer.push(span(i % 50 === 0 ? -i : i, start, start + 1 + Math.floor(rand() * 40)))
}

describe('SpanIndex', () => {
  const index = new SpanIndex(layer)

  it('finds exactly the spans overlapping a range, in start order', () => {
    for (const [from, to] of [
      [0, 100],
      [1_234, 1_300],
      [4_990, 6_000],
      [2_500, 2_501],
    ]) {
      const expected = layer.filter((s) => s.start < to && s.end > from).sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id)
      expect(index.overlapping(from, to).map((s) => s.id)).toEqual(expected.map((s) => s.id))
    }
  })

  it('looks every span up by id, pending ones too', () => {
    expect(index.byId.size).toBe(layer.length)
    for (const s of layer) expect(index.byId.get(s.id)).toBe(s)
    expect(index.byId.get(100_000)).toBeUndefined()
  })

  it('keeps an already sorted layer as given, without copying it', () => {
    const sorted = [...layer].sort((a, b) => a.start - b.start)
    expect(new SpanIndex(sorted).sorted).toBe(sorted)
  })
})
