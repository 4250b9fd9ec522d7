import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, errors } from './formatTestUtil'

/**
 * Python's json.dump writes NaN, Infinity and -Infinity unless allow_nan=False
 * (a Prodigy or model score, a pandas column). They are not JSON, and the line
 * is refused; the reason now says so and what to do, instead of V8's bare
 * "Unexpected token 'N'".
 */

const HINT = 'NaN and Infinity are not JSON: Python writes them unless json.dump(..., allow_nan=False); write null instead'

describe('NaN and Infinity from Python', () => {
  it.each([
    ['jsonl', '{"id": "d1", "text": "Kerry", "meta": {"score": NaN}}'],
    ['prodigy', '{"text": "Apple", "spans": [], "meta": {"score": -Infinity}, "answer": "accept"}'],
    ['labelstudio', '[{"data": {"text": "Kerry"}, "annotations": [{"lead_time": Infinity, "result": []}]}]'],
    ['spacy', '[["Kerry", {"entities": [], "score": NaN}]]'],
  ] as const)('%s: refused with the line and what to do', (format, file) => {
    const errs = errors(decodeAll(streamCodec(format), file, 'codepoint', 'x.json'))
    expect(errs.map((e) => e.line)).toEqual([1])
    expect(errs[0].reason).toMatch(/^not valid JSON \(/)
    expect(errs[0].reason.endsWith(HINT)).toBe(true)
  })

  it('a string holding NaN is no reason for the hint', () => {
    const errs = errors(decodeAll(streamCodec('jsonl'), '{"id": "d1", "text": "NaN, Infinity", "x": }', 'codepoint', 'x.json'))
    expect(errs[0].reason).not.toContain('allow_nan')
  })
})
