/// <reference lib="dom" />
// The decorations module builds DOM widgets (run only in the browser); its types need the DOM library here.
import { getSchema } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import type { Span } from '../../../../src/shared/domain/model'
import { ARTICLE_NODES, textToDoc } from '../../../../src/renderer/editor/documentNodes'
import type { EditorPaint } from '../../../../src/renderer/editor/editorTypes'
import { PositionMap } from '../../../../src/renderer/editor/positionMap'
import { buildDecorations } from '../../../../src/renderer/editor/spanDecorations'
import { SpanIndex } from '../../../../src/renderer/editor/spanIndex'
import { spanFixture } from '../../../helpers/spanFixture'

const schema = getSchema(ARTICLE_NODES)

function span(id: number, start: number, end: number, label = 'PERSON'): Span {
  return spanFixture({ id, start, end, label })
}

// 200 lines of "Kerry met Michel." with a span on every name.
const LINE = 'Kerry met Michel.'
const text = Array.from({ length: 200 }, () => LINE).join('\n')
const spans: Span[] = []
for (let l = 0; l < 200; l++) {
  const base = l * (LINE.length + 1)
  spans.push(span(spans.length + 1, base, base + 5), span(spans.length + 2, base + 10, base + 16, 'GPE'))
}
const map = new PositionMap(text)
const doc = schema.nodeFromJSON(textToDoc(text))
const paint = (extra: Partial<EditorPaint> = {}): EditorPaint => ({ spans, relations: [], colors: { PERSON: '#c33', GPE: '#3a3' }, selectedSpanId: null, selectedRelationId: null, ...extra })

describe('buildDecorations', () => {
  it('decorates only the spans in the window, each with its label tag', () => {
    const from = 50 * (LINE.length + 1)
    const to = 60 * (LINE.length + 1)
    const set = buildDecorations(doc, map, paint(), new SpanIndex(spans), from, to)
    const found = set.find()
    const inline = found.filter((d) => d.spec.spanId !== undefined)
    const tags = found.filter((d) => d.spec.tagFor !== undefined)
    const expected = spans.filter((s) => s.end > from && s.start < to).map((s) => s.id)
    expect(inline.map((d) => d.spec.spanId as number).sort((a, b) => a - b)).toEqual(expected)
    expect(tags.map((d) => d.spec.tagFor as number).sort((a, b) => a - b)).toEqual(expected)
    // Each decoration covers exactly its span's characters.
    for (const d of inline) {
      const s = spans[(d.spec.spanId as number) - 1]
      expect(doc.textBetween(d.from, d.to)).toBe(text.slice(s.start, s.end))
    }
  })

  it('gives nested and overlapping spans different underline lanes', () => {
    const t = 'US Secretary of State John Kerry met Michel'
    const layer = [span(1, 0, 32), span(2, 22, 32), span(3, 0, 2, 'GPE'), span(4, 30, 40)]
    const set = buildDecorations(schema.nodeFromJSON(textToDoc(t)), new PositionMap(t), paint({ spans: layer }), new SpanIndex(layer), 0, t.length)
    const depth = new Map(set.find().filter((d) => d.spec.spanId !== undefined).map((d) => [d.spec.spanId as number, d.spec.depth as number]))
    expect(depth.get(2)).toBe(0)
    expect(depth.get(3)).toBe(0)
    expect(depth.get(1)).toBeGreaterThan(0)
    // 4 overlaps 1 and 2: its lane differs from both.
    expect(depth.get(4)).not.toBe(depth.get(1))
    expect(depth.get(4)).not.toBe(depth.get(2))
  })

  it('paints search hits in the window, the active one distinctly', () => {
    const hits = [
      { start: 10, end: 16 },
      { start: 18, end: 23 },
      { start: 100 * (LINE.length + 1), end: 100 * (LINE.length + 1) + 5 },
    ]
    const set = buildDecorations(doc, map, paint({ searchHits: hits, activeSearchHit: 1 }), new SpanIndex(spans), 0, 40)
    const found = set.find().filter((d) => d.spec.hit !== undefined)
    expect(found.map((d) => [d.spec.hit, d.spec.active])).toEqual([
      [0, false],
      [1, true],
    ])
    expect(doc.textBetween(found[1].from, found[1].to)).toBe('Kerry')
  })
})
