// hf row ids as a dataset keyed by id reads them: unique whatever the document
// ids and annotator names hold. A `#` or `%` inside a document id or annotator
// name is percent-escaped (%23, %25), so splitting an id at `#` gives back its
// parts; ids without either character are unchanged (`<document>#<n>`).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { encodeAll, makeLayer } from './formatTestUtil'
import type { ExportLayer } from '../../../../src/shared/formats/formatCodec'

const TEXT = 'Kerry met Michel. Bye.'
const layer = (externalId: string, annotator: string): ExportLayer => makeLayer(TEXT, [[0, 5, 'PER']], [], { externalId, annotator })
/** Layers in the export's order: by document id, then annotator name. */
const sorted = (layers: ExportLayer[]) => [...layers].sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : a.annotator < b.annotator ? -1 : 1))
const rows = (layers: ExportLayer[]) =>
  encodeAll(streamCodec('hf'), sorted(layers))
    .out.trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; document: string })

describe('hf row ids', () => {
  it('document "a#1" beside annotator "1" of document "a": two rows, two ids', () => {
    const ids = rows([layer('a', '0'), layer('a', '1'), layer('a#1', 'x')]).map((r) => r.id)
    expect(ids).toEqual(['a#0', 'a#1', 'a#1#0', 'a#1#1', 'a%231#0', 'a%231#1'])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('unique, and split at # gives back document, annotator and sentence, for any ids and names', () => {
    const part = fc.string({ unit: fc.constantFrom('a', '1', '#', '%', '2', '3'), minLength: 1, maxLength: 4 })
    const unescape = (s: string) => s.replace(/%23|%25/g, (m) => (m === '%23' ? '#' : '%'))
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(part, part), { minLength: 1, maxLength: 6, selector: ([d, a]) => `${d}\u0000${a}` }), (pairs) => {
        const layers = sorted(pairs.map(([d, a]) => layer(d, a)))
        const out = rows(layers)
        expect(new Set(out.map((r) => r.id)).size).toBe(out.length)
        for (const r of out) {
          const parts = r.id.split('#')
          expect(unescape(parts[0])).toBe(r.document)
          expect(parts.at(-1)).toMatch(/^\d+$/)
          if (parts.length === 3) expect(layers.some((l) => l.externalId === r.document && l.annotator === unescape(parts[1]))).toBe(true)
          else expect(parts.length).toBe(2)
        }
      }),
      { numRuns: 200 },
    )
  })
})
