import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * spaCy training tuples carry more than entities: `cats` (text categories),
 * `links` (entity linking), token-level `words`/`tags`/`heads`/`deps`. They
 * used to vanish without a word on import (an import must never turn
 * annotations into nothing). They are kept in the document's meta, counted in
 * the import notes by name, and written back beside the entities.
 */

const codec = streamCodec('spacy')
const FILE = JSON.stringify([
  ['Kerry loved Paris', { entities: [[0, 5, 'PER']], cats: { POSITIVE: 1.0, NEGATIVE: 0.0 } }],
  ['No cats here', { entities: [] }],
])

describe('spaCy annotations other than entities and spans', () => {
  it('are kept, counted by name, and written back', () => {
    const rs = records(decodeAll(codec, FILE))
    expect(rs[0].notes).toEqual({ 'spaCy "cats" annotations, kept in the document\'s meta and written back (only entities and spans are spans)': 1 })
    expect(rs[1].notes).toBeUndefined()
    const layers = rs.map((r, i) => makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta, externalId: `d${i}` }))
    expect(JSON.parse(encodeAll(codec, layers).out)).toEqual([
      ['Kerry loved Paris', { entities: [[0, 5, 'PER']], spans: { sc: [[0, 5, 'PER']] }, cats: { POSITIVE: 1.0, NEGATIVE: 0.0 } }],
      ['No cats here', { entities: [], spans: { sc: [] } }],
    ])
  })
})
