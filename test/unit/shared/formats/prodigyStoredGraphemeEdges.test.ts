// A span added in the editor to a task that came from Prodigy, with an edge inside a character (here between `e` and
// its combining accent), is widened to the whole character, as every span of a task made here is (prodigy.ts,
// graphemeEdges.ts): on the task's own tokens it then starts and ends on tokens and gets token_start/token_end.
import { describe, expect, it } from 'vitest'
import { prodigyCodec } from '../../../../src/shared/formats/prodigy'
import { decodeAll, encodeAll, makeLayer, records } from './formatTestUtil'

const TEXT = 'Zoe\u0301 met Tim'
const tokens = [
  { text: 'Zoe\u0301', start: 0, end: 4, id: 0, ws: true },
  { text: 'met', start: 5, end: 8, id: 1, ws: true },
  { text: 'Tim', start: 9, end: 12, id: 2, ws: false },
]

describe('Prodigy export of a task from Prodigy: an added span inside a character', () => {
  it('is widened to the character, written on the task\'s tokens, and named in the warning', () => {
    const line = JSON.stringify({ text: TEXT, _input_hash: 1, _task_hash: 2, tokens, spans: [{ start: 9, end: 12, token_start: 2, token_end: 2, label: 'PER' }], answer: 'accept', _annotator_id: 'alice' })
    const [r] = records(decodeAll(prodigyCodec, line, 'utf16'))
    const layer = makeLayer(r.text, [[9, 12, 'PER'], [0, 3, 'PER']], [], { externalId: r.externalId, meta: r.meta, annotator: 'alice' })
    const { out, warnings } = encodeAll(prodigyCodec, [layer], 'utf16')
    const [task] = out.trim().split('\n').map((l) => JSON.parse(l) as { tokens: unknown[]; spans: { start: number; end: number; token_start?: number; token_end?: number; label: string }[] })
    expect(task.tokens).toEqual(tokens)
    expect(task.spans).toEqual([
      { start: 9, end: 12, token_start: 2, token_end: 2, label: 'PER' },
      { start: 0, end: 4, token_start: 0, token_end: 0, label: 'PER' },
    ])
    expect(warnings.find((w) => w.includes('inside a character'))).toContain('"Zoe" PER at 0-3')
    expect(warnings.filter((w) => w.includes('written without token_start'))).toEqual([])
  })
})
