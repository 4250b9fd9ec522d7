// spaCy's view of an entity that starts or ends on whitespace ('  leading',
// 'trailing  ', a span that took the newline after a word): `spacy debug data`
// fails it as an "invalid whitespace entity span", the NER cannot begin or end
// an entity on a whitespace token, and when the edge falls inside a token's
// trailing space the entity does not align at all (W030, dropped from training).
// So `entities` and spans["sc"] alike hold each span with its edge whitespace
// trimmed (Python's whitespace), a whitespace-only span none (doc.char_span
// gives None for an edge inside a token's trailing space, so spans["sc"] was
// no place for the exact spans), and importing the file gives back the spans
// as trimmed.
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, layerView, makeLayer, records } from './formatTestUtil'
import type { SpanSpec } from './formatTestUtil'

const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u
const TEXT = '  leading space\u00a0and trailing  \r\nNew York\x85 '
const SPANS: SpanSpec[] = [
  [0, 9, 'X'], // '  leading'
  [20, 30, 'Y'], // 'trailing  '
  [32, 41, 'LOC'], // 'New York\x85'
  [15, 16, 'WS'], // the no-break space alone
  [10, 15, 'Z'], // 'space': no edge whitespace, unchanged
]

type Example = [string, { entities: [number, number, string][]; spans?: Record<string, [number, number, string][]> }]

describe('spaCy export: entities never start or end on whitespace', () => {
  for (const format of ['spacy', 'spacy-jsonl'] as const) {
    it(`${format}: entities and spans.sc are trimmed, and a re-import gives the trimmed spans`, () => {
      const layer = makeLayer(TEXT, SPANS)
      const { out, warnings } = encodeAll(streamCodec(format), [layer])
      const [text, ann] = (format === 'spacy' ? (JSON.parse(out) as Example[]) : out.trim().split('\n').map((l) => JSON.parse(l) as Example))[0]
      for (const [s, e] of ann.entities) {
        const chars = Array.from(text).slice(s, e)
        expect(chars.length).toBeGreaterThan(0)
        expect(PY_SPACE.test(chars[0]) || PY_SPACE.test(chars[chars.length - 1]), JSON.stringify(chars.join(''))).toBe(false)
      }
      expect(ann.entities).toEqual([
        [2, 9, 'X'],
        [20, 28, 'Y'],
        [32, 40, 'LOC'],
        [10, 15, 'Z'],
      ])
      expect(ann.spans?.sc).toEqual(ann.entities)
      expect(warnings).toContain(`${format}: 3 spans started or ended on whitespace and were written without it, in "entities" and "spans" alike (spaCy's Doc.char_span gives None for a span whose edge is not a token's edge)`)
      expect(warnings).toContain(`${format}: 1 span of whitespace only was left out (no spaCy token can hold one)`)
      // …and counted as left out, so the export's last line does not claim it as written.
      const leftOut: number[] = []
      ;[...streamCodec(format).encode([layer], { unit: 'codepoint', warn: () => {}, leftOut: (kind, n) => kind === 'span' && leftOut.push(n) })]
      expect(leftOut.reduce((a, b) => a + b, 0)).toBe(1)
      const back = records(decodeAll(streamCodec('spacy'), out))
      expect(back).toHaveLength(1)
      const got = back[0].spans.map((s) => [s.start, s.end, s.label])
      expect(got.sort()).toEqual(ann.entities.sort())
      expect(layerView(layer).spans).toHaveLength(5)
    })
  }

  it('a document with no edge whitespace has the same spans in entities and spans.sc', () => {
    const { out } = encodeAll(streamCodec('spacy-jsonl'), [makeLayer('New York is big', [[0, 8, 'LOC']])])
    expect(JSON.parse(out)).toEqual(['New York is big', { entities: [[0, 8, 'LOC']], spans: { sc: [[0, 8, 'LOC']] } }])
  })
})
