import { describe, expect, it } from 'vitest'
import { extendByToken, nextTokenEnd, prevTokenStart } from '../../../../../src/renderer/features/annotate/tokenSteps'

const text = "Dr. Ünal visited Belgium's capital, Brussels."
const at = (s: string) => text.indexOf(s)
const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end)

describe('Shift+arrow token steps', () => {
  it('steps over whole tokens of the shared tokenizer (a possessive is its own token)', () => {
    expect(text.slice(at('Belgium'), nextTokenEnd(text, at('Belgium')))).toBe('Belgium')
    expect(text.slice(at('Belgium'), nextTokenEnd(text, at("'s")))).toBe("Belgium's")
    expect(nextTokenEnd(text, text.length)).toBe(text.length)
    expect(prevTokenStart(text, 0)).toBe(0)
    expect(text.slice(prevTokenStart(text, at('capital')), at('capital'))).toBe("'s ")
  })

  it('from a caret selects the token it is in or next to; then grows one token at a time either way', () => {
    const caret = at('isited')
    const first = extendByToken(text, { start: caret, end: caret }, 1)
    expect(slice(first)).toBe('visited')
    const second = extendByToken(text, first, 1)
    expect(slice(second)).toBe('visited Belgium')
    expect(slice(extendByToken(text, second, 1))).toBe("visited Belgium's")
    expect(slice(extendByToken(text, second, -1))).toBe('Ünal visited Belgium')
    const before = at('Brussels') - 1
    expect(slice(extendByToken(text, { start: before, end: before }, -1))).toBe(',')
  })

  it('from a selected span grows past its ends', () => {
    const span = { start: at('Brussels'), end: at('Brussels') + 8 }
    expect(slice(extendByToken(text, span, 1))).toBe('Brussels.')
    expect(slice(extendByToken(text, span, -1))).toBe(', Brussels')
  })
})
