import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, records } from './formatTestUtil'

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
    expect(rs[0].notes).toEqual({ 'native jsonl fields this format does not read, not imported: "source"': 1, 'native jsonl fields this format does not read, not imported: "score"': 1 })
    expect(rs[1].notes).toBeUndefined()
  })
})
