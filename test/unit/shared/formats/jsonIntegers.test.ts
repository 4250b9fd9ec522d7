// Integers beyond 2^53 read from JSON keep their digits (as strings), instead of JSON.parse's rounded number.
import { describe, expect, it } from 'vitest'
import { parseJsonKeepingIntegers, quoteUnsafeIntegers } from '../../../../src/shared/formats/jsonIntegers'

describe('parseJsonKeepingIntegers', () => {
  it('keeps the digits of integers beyond 2^53, positive and negative, anywhere in the value', () => {
    const r = parseJsonKeepingIntegers('{"id": 1234567890123456789, "a": [-9007199254740993, 9007199254740991], "o": {"x":18446744073709551615}}')
    expect(r.json).toEqual({ id: '1234567890123456789', a: ['-9007199254740993', 9007199254740991], o: { x: '18446744073709551615' } })
    expect(r.kept).toBe(3)
  })

  it('leaves safe integers, fractions, exponents and digits inside strings as they are', () => {
    const raw = '{"t": "call 12345678901234567890 \\" 12345678901234567890", "f": 12345678901234567.5, "e": 12345678901234567e3, "n": 9007199254740991, "m": -9007199254740991}'
    expect(quoteUnsafeIntegers(raw)).toEqual({ text: raw, kept: 0 })
    expect(parseJsonKeepingIntegers(raw).json).toEqual(JSON.parse(raw))
  })

  it('reports a syntax error at the position of the text as given, and never makes invalid JSON valid', () => {
    expect(() => parseJsonKeepingIntegers('{"id": 1234567890123456789, }')).toThrow(/position 28/u)
    expect(() => parseJsonKeepingIntegers('{"id": 01234567890123456789}')).toThrow(SyntaxError)
    expect(() => parseJsonKeepingIntegers('{12345678901234567890: 1}')).toThrow(SyntaxError)
  })
})
