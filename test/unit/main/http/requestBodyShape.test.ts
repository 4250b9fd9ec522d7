// The serve body limit, read as an outsider sends bodies: right at and past the limit, strings that look like JSON
// (braces, quotes, escapes) counted once as strings, deep nesting, text that is not JSON, and the largest real calls.
import { describe, expect, it } from 'vitest'
import { MAX_JSON_ITEMS, requestBodyProblem } from '../../../../src/main/http/requestBodyShape'

const strings = (n: number) => `[${Array(n).fill('"ab"').join(',')}]`

describe('requestBodyProblem', () => {
  it('a body of 500,001 short strings is refused like one of tiny objects (cloning 15 million held the thread 5 s)', () => {
    // The array itself is one item: MAX_JSON_ITEMS - 1 strings are exactly at the limit.
    expect(requestBodyProblem(strings(MAX_JSON_ITEMS - 1))).toBeNull()
    expect(requestBodyProblem(strings(MAX_JSON_ITEMS))).toMatchObject({ status: 413, message: expect.stringMatching(/more than 500000 JSON objects, arrays and strings \(keys included; the limit per request; at character \d+\)/) })
  })

  it('braces, brackets, colons, quotes and backslashes inside strings are not counted', () => {
    const tricky = JSON.stringify({ a: '{[:"\\', b: ['\\"{', '}]\\\\', 'x\\u0022['], c: '"'.repeat(1000) + '{'.repeat(1000) })
    // 1 object, 3 keys, 1 array, 5 string values: the text counted as its values, nothing inside them.
    expect(requestBodyProblem(tricky, 10)).toBeNull()
    expect(requestBodyProblem(tricky, 9)?.status).toBe(413)
    expect(JSON.parse(tricky)).toBeTruthy()
  })

  it('nesting past 256 is a 400; text that is not JSON passes the scan and is left to JSON.parse', () => {
    expect(requestBodyProblem('{"a":'.repeat(257) + '1' + '}'.repeat(257))).toMatchObject({ status: 400, message: expect.stringMatching(/nested deeper than 256 levels/) })
    expect(requestBodyProblem('{"a":'.repeat(255) + '1' + '}'.repeat(255))).toBeNull()
    for (const text of ['abc', '}}}]]]', '"unterminated {[', '']) expect(requestBodyProblem(text)).toBeNull()
  })

  it('the largest real calls pass: review.decide with 2 × 10,000 items, review.agreement with 1,000,000 document ids', () => {
    const items = (k: number) => Array.from({ length: 10_000 }, (_, i) => ({ kind: 'span', id: k + i }))
    expect(requestBodyProblem(JSON.stringify({ documentId: 1, reviewer: 'rita', reject: items(1), unreject: items(20_001) }))).toBeNull()
    expect(requestBodyProblem(JSON.stringify({ documentIds: Array.from({ length: 1_000_000 }, (_, i) => i + 1) }))).toBeNull()
    expect(requestBodyProblem(JSON.stringify({ annotator: 'alice', documents: Array.from({ length: 10_000 }, (_, i) => `doc-${i}`), assigned: true }))).toBeNull()
  })
})
