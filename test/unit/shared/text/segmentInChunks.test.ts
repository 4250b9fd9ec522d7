import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forEachWordSegment, latinWordSegments, segmentInChunks } from '../../../../src/shared/text/segmentInChunks'

/** The fast ASCII path and the chunking must give exactly ICU's segments. */

const WORDS = new Intl.Segmenter('en', { granularity: 'word' })
const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' })
const nonSpace = (xs: Iterable<{ index: number; segment: string }>) => [...xs].filter((s) => s.segment.trim() !== '').map((s) => [s.index, s.segment])
const latinChars = fc.constantFrom(...'aZ09_ .,;:\'"-!?()/@#\t\n\r\x01xyéÜßǃ’‘“”…—–\x7f'.split(''))

describe('latinWordSegments', () => {
  it('equals ICU word segments on random Latin text', () => {
    fc.assert(
      fc.property(fc.array(latinChars, { maxLength: 40 }), (chars) => {
        const s = chars.join('')
        expect(nonSpace(latinWordSegments(s))).toEqual(nonSpace(WORDS.segment(s)))
      }),
      { numRuns: 2000 },
    )
  })

  it('follows the rules of the ICU in use: with one that does not join a:a (ICU 76, Node 22.12), neither does the fast path', () => {
    // ICU 78 (Node 20.20) joins letters across a colon, ICU 76 splits them in 'en' but not in 'sv'. A segmenter that
    // splits at every colon stands for the latter here, whatever ICU this Node has.
    const splitsColons = {
      segment: (text: string) =>
        [...WORDS.segment(text)].flatMap((x) =>
          x.segment.split(/(:)/).filter(Boolean).map((segment, i, parts) => ({ segment, index: x.index + parts.slice(0, i).join('').length })),
        ),
    } as unknown as Intl.Segmenter
    const text = 'Kerry:Brussels at 10:30, c:a 3,000'
    expect(nonSpace(latinWordSegments(text, splitsColons))).toEqual(nonSpace(splitsColons.segment(text) as Iterable<{ index: number; segment: string }>))
    expect(nonSpace(latinWordSegments(text, splitsColons)).map(([, w]) => w)).toEqual(['Kerry', ':', 'Brussels', 'at', '10', ':', '30', ',', 'c', ':', 'a', '3,000'])
    const got: string[] = []
    forEachWordSegment(splitsColons, text, (_, w) => got.push(w))
    expect(got).toEqual(['Kerry', ':', 'Brussels', 'at', '10', ':', '30', ',', 'c', ':', 'a', '3,000'])
    expect(nonSpace(latinWordSegments(text))).toEqual(nonSpace(WORDS.segment(text)))
  })
})

describe('segmentInChunks', () => {
  const long = (n: number) => {
    const words = ['Kerry', 'met', 'Ünal', 'in', 'Brussels.', 'שלום', 'e.g.', '3,000', '👍🏽', 'he', 'said:', '"No."', 'Then']
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(words[(i * 7) % words.length], i % 37 === 36 ? '\n' : i % 53 === 52 ? '\r\n\r\n' : ' ')
    return out.join('')
  }
  it('gives the same word segments as one pass of ICU over a long text', () => {
    const text = long(2000)
    expect(nonSpace(segmentInChunks(WORDS, text, 'word'))).toEqual(nonSpace(WORDS.segment(text)))
  })
  it('forEachWordSegment gives the same non-space word segments as one pass of ICU (the tokenizer’s path)', () => {
    const text = long(2000)
    const got: [number, string][] = []
    forEachWordSegment(WORDS, text, (index, segment) => got.push([index, segment]))
    expect(got.filter(([, s]) => s.trim() !== '')).toEqual(nonSpace(WORDS.segment(text)))
  })
  it('gives the same sentence starts as one pass of ICU, with line breaks and one very long line', () => {
    for (const text of [long(2000), long(2000).replace(/\r?\n/g, ' ')]) {
      const starts = [...segmentInChunks(SENTENCES, text, 'sentence')].map((s) => s.index)
      expect(starts).toEqual([...SENTENCES.segment(text)].map((s) => s.index))
    }
  })
})
