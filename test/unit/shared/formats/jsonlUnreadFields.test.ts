import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

/**
 * A native JSONL line with a top-level field the format does not read
 * (`source`, `score`, written by a script) was imported without it and
 * without a word. The import still goes on (they are not annotations), but
 * the report names each such field with how many lines had it.
 */

describe('native jsonl fields it does not read', () => {
  it('are named in the import notes', () => {
    const codec = streamCodec('jsonl')
    const rs = records(decodeAll(codec, [
      JSON.stringify({ id: 'a', text: 'Kerry', annotator: 'x', spans: [{ start: 0, end: 5, label: 'PER' }], source: 'web', score: 0.5 }),
      JSON.stringify({ id: 'b', text: 'Paris', meta: { source: 'kept' }, title: 'T', status: 'done', annotator: 'x', offsets: 'utf16', spans: [], relations: [] }),
    ].join('\n')))
    expect(rs[0].notes).toEqual({
      'native jsonl fields this format does not read, not imported: "source" (first at in.txt:1)': 1,
      'native jsonl fields this format does not read, not imported: "score" (first at in.txt:1)': 1,
    })
    expect(rs[1].notes).toBeUndefined()
  })

  it('of a span or a relation (a script\'s confidence or source) are named too, with the file and line first seen on', () => {
    const codec = streamCodec('jsonl')
    const span = (start: number, end: number, extra: object = {}) => ({ id: `T${start}`, start, end, label: 'PER', ...extra })
    const rs = records(decodeAll(codec, [
      JSON.stringify({ id: 'a', text: 'Kerry met Michel', annotator: 'x', spans: [span(0, 5), span(10, 16, { confidence: 0.9 })] }),
      '',
      JSON.stringify({ id: 'b', text: 'Kerry met Michel', annotator: 'x', spans: [span(0, 5, { confidence: 0.5, source: 'model' }), span(10, 16, { confidence: 0.7 })], relations: [{ id: 'R1', head: 'T0', tail: 'T10', label: 'MET', weight: 2 }] }),
    ].join('\n'), 'codepoint', 'data.jsonl'))
    expect(rs.map((r) => r.spans.length)).toEqual([2, 2])
    expect(rs[0].notes).toEqual({ 'spans with a field native jsonl does not read, not imported: "confidence" (first at data.jsonl:1)': 1 })
    expect(rs[1].notes).toEqual({
      'spans with a field native jsonl does not read, not imported: "confidence" (first at data.jsonl:1)': 2,
      'spans with a field native jsonl does not read, not imported: "source" (first at data.jsonl:3)': 1,
      'relations with a field native jsonl does not read, not imported: "weight" (first at data.jsonl:3)': 1,
    })
    // Our own export has no such field: exported and read back, nothing is noted.
    const layer = makeLayer('Kerry met Michel', [[0, 5, 'PER'], [10, 16, 'PER']], [[0, 1, 'MET']])
    layer.spans[0] = { ...layer.spans[0], note: 'n', attributes: { negated: true }, norm: 'Q1', normText: 'Kerry' }
    expect(records(decodeAll(codec, encodeAll(codec, [layer]).out))[0].notes).toBeUndefined()
  })
})
