import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Relation, Span } from '../../../../../src/shared/domain/model'
import { decodeBratDocument } from '../../../../../src/shared/formats/brat/decodeBratDocument'
import { encodeBratDocument } from '../../../../../src/shared/formats/brat/encodeBratDocument'
import type { ExportLayer } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'
import { formatLineError } from '../../../../../src/shared/formats/importRecord'
import { compareAnn } from '../../../../helpers/bratCompare'
import { bratDocument } from '../../../../helpers/bratStandoffGen'

/**
 * Random valid brat standoff, every line kind mixed: T (fragments, duplicates,
 * astral text), E (shared triggers, types apart from the trigger's, numbered
 * roles, events as arguments, no arguments), R (Arg1/Arg2 or named roles),
 * A (binary, valued, Object-named), M, N, # and *. Decoded, handed to the
 * encoder as the store would, it must come back line for line up to ids.
 */

function layerOf(r: ImportRecord): ExportLayer {
  const spans: Span[] = r.spans.map((s, i) => ({
    id: i + 1, documentId: 1, annotator: 'a', label: s.label, start: s.start, end: s.end, fragments: s.fragments, kind: s.kind ?? 'entity',
    attributes: s.attributes, note: s.note, norm: s.norm, normText: s.normText ?? null, sourceId: s.sourceId, createdAt: '',
    ...(s.trigger !== undefined ? { triggerId: s.trigger + 1 } : {}),
  }))
  const relations: Relation[] = r.relations.map((x, i) => ({
    id: 1000 + i, documentId: 1, annotator: 'a', label: x.label, headId: x.head + 1, tailId: x.tail + 1, kind: x.kind ?? 'binary',
    attributes: x.attributes, note: x.note, sourceId: x.sourceId, createdAt: '',
  }))
  return { externalId: r.externalId, title: r.title, text: r.text, meta: r.meta, annotator: 'a', status: null, spans, relations }
}

describe('brat standoff, generated', () => {
  it('every valid document comes back line for line', () => {
    fc.assert(
      fc.property(bratDocument, ({ text, ann }) => {
        const { record, errors } = decodeBratDocument(text, ann, { file: 'g.ann', externalId: 'g' })
        expect(errors.map(formatLineError)).toEqual([])
        const out = encodeBratDocument(layerOf(record!))
        expect(out.txt).toBe(text)
        const { missing, extra } = compareAnn(ann, out.ann)
        expect({ ann, missing, extra }).toEqual({ ann, missing: [], extra: [] })
      }),
      { numRuns: 300 },
    )
  })
})
