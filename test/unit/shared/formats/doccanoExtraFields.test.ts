import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * doccano's exports carry fields besides the text and its labels:
 * `Comments`/`comments` (what annotators wrote about the example),
 * `annotation_approver`, a numeric `user`, a `cats` list. They used to be
 * dropped without a word; they are kept in the document's meta and written
 * back as the top-level fields they were, in both doccano formats.
 */

describe('doccano fields besides the text and labels', () => {
  it.each([
    ['doccano', { id: 1, text: 'Kerry met Barnier', label: [[0, 5, 'PER']], Comments: ['check Barnier'], annotation_approver: 'admin', user: 3 }, 'label'],
    ['doccano-rel', { id: 2, text: 'Kerry met Barnier', entities: [{ id: 1, label: 'PER', start_offset: 0, end_offset: 5 }], relations: [], Comments: [{ text: 'ok' }] }, 'entities'],
  ] as const)('%s: kept and written back', (format, line, spansKey) => {
    const codec = streamCodec(format)
    const [r] = records(decodeAll(codec, JSON.stringify(line)))
    const layer = makeLayer(r.text, r.spans.map((s) => [s.start, s.end, s.label]), [], { meta: r.meta, externalId: String(line.id), title: String(line.id) })
    const out = JSON.parse(encodeAll(codec, [layer]).out) as Record<string, unknown>
    const extra = Object.fromEntries(Object.entries(line).filter(([k]) => !['id', 'text', spansKey, 'relations'].includes(k)))
    for (const [k, v] of Object.entries(extra)) expect(out[k], k).toEqual(v)
    expect(out.meta).toBeUndefined()
  })
})
