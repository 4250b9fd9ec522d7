// The side-by-side columns emphasise the spans of the current disagreement: those labelling its readings' text.
// Before, every span overlapping the covering range was emphasised, so a word in a discontinuous span's gap lit up
// with it in every column.
import { describe, expect, it } from 'vitest'
import { alignLayers } from '../../../../../src/shared/review/alignment'
import type { AlignLayer, AlignSpan } from '../../../../../src/shared/review/alignment'
import { decideReview } from '../../../../../src/shared/review/decisions'
import { highlightedSpanIds } from '../../../../../src/renderer/features/review/highlightedSpans'

const TEXT = 'The left and right ventricles failed.'
const at = (w: string): [number, number] => [TEXT.indexOf(w), TEXT.indexOf(w) + w.length]
const word = (id: number, w: string, label: string): AlignSpan => ({ id, start: at(w)[0], end: at(w)[1], label })
const split = (id: number): AlignSpan => ({ id, start: at('left')[0], end: at('ventricles')[1], label: 'ANAT', fragments: [at('left'), at('ventricles')] })
const NOTHING = { gold: { spans: [], relations: [] }, rejected: { spans: [], relations: [] } }

describe('highlightedSpanIds', () => {
  it("emphasises the spans on a discontinuous reading's fragments, not one in its gap", () => {
    const layers: AlignLayer[] = [
      { annotator: 'alice', spans: [split(1), word(2, 'right', 'SIDE')], relations: [] },
      { annotator: 'bob', spans: [{ ...split(3), label: 'ORGAN' }, word(4, 'right', 'SIDE')], relations: [] },
    ]
    const [d] = decideReview({ alignment: alignLayers(layers), ...NOTHING }).disagreements
    expect(d.readings.map((r) => r.label)).toEqual(['ANAT', 'ORGAN'])
    // "right", agreed in the gap, is not part of this place.
    expect(highlightedSpanIds(d, layers).sort()).toEqual([1, 3])
    // A contiguous span over the range does take part (it labels the fragments' words too).
    const gold = { spans: [word(9, 'left and right ventricles', 'ANAT')] }
    expect(highlightedSpanIds(d, [...layers, gold]).sort()).toEqual([1, 3, 9])
  })

  it("a relation's ends, not the text between them", () => {
    const layers: AlignLayer[] = [
      { annotator: 'alice', spans: [word(1, 'left', 'ANAT'), word(2, 'failed', 'EVENT'), word(3, 'right', 'SIDE')], relations: [{ id: 10, headId: 1, tailId: 2, label: 'HAS' }] },
      { annotator: 'bob', spans: [word(4, 'left', 'ANAT'), word(5, 'failed', 'EVENT'), word(6, 'right', 'SIDE')], relations: [] },
    ]
    const [d] = decideReview({ alignment: alignLayers(layers), ...NOTHING }).disagreements
    expect(d.kind).toBe('relation')
    expect(highlightedSpanIds(d, layers).sort()).toEqual([1, 2, 4, 5])
  })
})
