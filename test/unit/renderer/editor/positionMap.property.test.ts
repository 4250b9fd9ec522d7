import { getSchema } from '@tiptap/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ARTICLE_NODES, textToDoc } from '../../../../src/renderer/editor/documentNodes'
import { PositionMap } from '../../../../src/renderer/editor/positionMap'

const schema = getSchema(ARTICLE_NODES)

// Pieces chosen to hit every awkward case: astral emoji (surrogate pairs),
// Hebrew, combining accents, CRLF, lone CR and LF, empty lines.
const piece = fc.constantFrom('a', 'Kerry', ' ', '😀', '👩‍🔬', 'שלום', 'é', 'e\u0301', '\r\n', '\n', '\r', '\n\n', 'Liège')

/** Offsets a span may start or end at: not inside a CRLF pair or a surrogate pair. */
function boundaries(text: string): number[] {
  const out: number[] = []
  for (let o = 0; o <= text.length; o++) {
    const insideCrlf = text[o - 1] === '\r' && text[o] === '\n'
    const c = text.charCodeAt(o)
    const insidePair = c >= 0xdc00 && c <= 0xdfff
    if (!insideCrlf && !insidePair) out.push(o)
  }
  return out
}

describe('PositionMap (property)', () => {
  it('for every span, the editor text between the mapped positions is the span text', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 20 }), (pieces, picks) => {
        const text = pieces.join('')
        const doc = schema.nodeFromJSON(textToDoc(text))
        const map = new PositionMap(text)
        const bs = boundaries(text)
        for (const [i, j] of picks) {
          let start = bs[i % bs.length]
          let end = bs[j % bs.length]
          if (start > end) [start, end] = [end, start]
          // The editor separates paragraphs, which we read back as "\n": the same text with its line breaks normalised.
          expect(doc.textBetween(map.toPos(start), map.toPos(end), '\n')).toBe(text.slice(start, end).replace(/\r\n|\r/g, '\n'))
          // Every boundary maps back to itself.
          for (const o of [start, end]) expect(map.toOffset(map.toPos(o))).toBe(o)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('maps positions of an emoji, CRLF and Hebrew sample exactly', () => {
    const text = 'Title 😀\r\nשלום Verviers\r\n\r\nend'
    const map = new PositionMap(text)
    const doc = schema.nodeFromJSON(textToDoc(text))
    const at = (needle: string) => [text.indexOf(needle), text.indexOf(needle) + needle.length] as const
    for (const needle of ['😀', 'שלום', 'Verviers', 'end', 'שלום Verviers']) {
      const [s, e] = at(needle)
      expect(doc.textBetween(map.toPos(s), map.toPos(e))).toBe(needle)
    }
  })
})
