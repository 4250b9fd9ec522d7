// Review groups spans by the text they label. A discontinuous span labels its fragments, not its covering range:
// before, review grouped by the covering range, so a word in the gap ("right" in "[left] and right [ventricles]")
// became a rival reading of the discontinuous span (a 'missing' or 'boundary' place it is not), and a reading's
// extent dropped its fragments, so the card quoted the whole range for both readings of one place.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignLayers, piecesOf, sharesText } from '../../../../src/shared/review/alignment'
import type { AlignLayer, AlignSpan } from '../../../../src/shared/review/alignment'
import { decideReview } from '../../../../src/shared/review/decisions'

const TEXT = 'The left and right ventricles failed.'
const at = (w: string): [number, number] => [TEXT.indexOf(w), TEXT.indexOf(w) + w.length]
const START = at('left')[0]
const END = at('ventricles')[1]
const split = (id: number, label = 'ANAT'): AlignSpan => ({ id, start: START, end: END, label, fragments: [at('ventricles'), at('left')] })
const word = (id: number, w: string, label: string): AlignSpan => ({ id, start: at(w)[0], end: at(w)[1], label })
const layer = (annotator: string, ...spans: AlignSpan[]): AlignLayer => ({ annotator, spans, relations: [] })
const NOTHING = { gold: { spans: [], relations: [] }, rejected: { spans: [], relations: [] } }

describe('review groups by the text spans label, fragments included', () => {
  it('a span in a discontinuous span\'s gap is a place of its own, not a rival reading', () => {
    const al = alignLayers([layer('alice', split(1), word(2, 'right', 'SIDE')), layer('bob', split(3))])
    // Before: one group [START, END], 'missing' for bob, holding both of alice's spans.
    expect(al.spanGroups.map((g) => [g.key, g.difference, g.items.map((i) => i.id)])).toEqual([
      [`s${START}-${END}`, 'agreed', [1, 3]],
      [`s${at('right')[0]}-${at('right')[1]}`, 'missing', [2]],
    ])
    const { disagreements } = decideReview({ alignment: al, ...NOTHING })
    expect(disagreements.map((d) => [d.start, d.end, d.readings.map((r) => r.label)])).toEqual([[at('right')[0], at('right')[1], ['SIDE']]])
  })

  it('a span touching one fragment still meets the discontinuous span, and groups join through fragments', () => {
    const touching = alignLayers([layer('alice', split(1)), layer('bob', word(2, 'ventricles failed', 'ANAT'))])
    expect(touching.spanGroups.map((g) => [g.start, g.end, g.difference])).toEqual([[START, at('ventricles failed')[1], 'boundary']])
    // bob's "left" and carol's "ventricles" share nothing, but alice's discontinuous span holds both.
    const chained = alignLayers([layer('alice', split(1)), layer('bob', word(2, 'left', 'ANAT')), layer('carol', word(3, 'ventricles', 'ANAT'))])
    expect(chained.spanGroups.map((g) => g.items.map((i) => i.annotator))).toEqual([['alice', 'bob', 'carol']])
  })

  it('two discontinuous spans whose fragments interleave without touching are two places', () => {
    const a: AlignSpan = { id: 1, start: 0, end: 20, label: 'X', fragments: [[0, 3], [17, 20]] }
    const b: AlignSpan = { id: 2, start: 5, end: 15, label: 'X', fragments: [[5, 7], [12, 15]] }
    const al = alignLayers([layer('alice', a), layer('bob', b)])
    expect(al.spanGroups.map((g) => [g.key, g.difference])).toEqual([
      ['s0-20', 'missing'],
      ['s5-15', 'missing'],
    ])
  })

  it('a reading of a discontinuous span carries its fragments; the contiguous one over the same range does not', () => {
    const al = alignLayers([layer('alice', split(1)), layer('bob', { id: 2, start: START, end: END, label: 'ANAT' })])
    const [d] = decideReview({ alignment: al, ...NOTHING }).disagreements
    expect(d.readings.map((r) => [r.annotators[0], r.start, r.end, r.fragments])).toEqual([
      ['alice', START, END, [at('left'), at('ventricles')]],
      ['bob', START, END, undefined],
    ])
  })

  it('piecesOf and sharesText read fragments, not the covering range', () => {
    expect(piecesOf(split(1))).toEqual([at('left'), at('ventricles')])
    expect(piecesOf(word(1, 'right', 'X'))).toEqual([at('right')])
    expect(sharesText(split(1), word(2, 'right', 'X'))).toBe(false)
    expect(sharesText(split(1), word(2, 'left and', 'X'))).toBe(true)
    expect(sharesText(word(1, 'left', 'X'), word(2, 'and', 'X'))).toBe(false)
  })

  it('contiguous spans group exactly as the overlap sweep did (covering range and fragments are the same thing)', () => {
    // The earlier sweep, as the oracle for spans without fragments.
    const sweep = (spans: AlignSpan[]) => {
      const all = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id)
      const out: number[][] = []
      let reach = -1
      for (const s of all) {
        if (!out.length || s.start >= reach) out.push([])
        out[out.length - 1].push(s.id)
        reach = out[out.length - 1].length === 1 ? s.end : Math.max(reach, s.end)
      }
      return out.map((g) => g.sort((a, b) => a - b))
    }
    const spanArb = fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 12 })).map(([start, len]) => ({ start, end: start + len }))
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 14 }), (raw) => {
        const spans = raw.map((r, i): AlignSpan => ({ id: i + 1, ...r, label: 'X' }))
        const al = alignLayers([layer('a', ...spans.filter((s) => s.id % 2)), layer('b', ...spans.filter((s) => !(s.id % 2)))])
        expect(al.spanGroups.map((g) => g.items.map((i) => i.id).sort((a, b) => a - b))).toEqual(sweep(spans))
      }),
      { numRuns: 300 },
    )
  })
})
