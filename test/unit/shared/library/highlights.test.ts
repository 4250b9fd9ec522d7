import { describe, expect, it } from 'vitest'
import { HIT_END, HIT_START, hasHit, splitHighlights } from '../../../../src/shared/library/highlights'

describe('splitHighlights', () => {
  it('splits marked text into plain and hit parts', () => {
    expect(splitHighlights(`a ${HIT_START}b${HIT_END} c ${HIT_START}d${HIT_END}`)).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c ', hit: false },
      { text: 'd', hit: true },
    ])
    expect(hasHit(`x${HIT_START}y${HIT_END}`)).toBe(true)
    expect(hasHit('xy')).toBe(false)
  })

  it('keeps markup as text and never leaks markers, even unbalanced ones', () => {
    const parts = splitHighlights(`<img src=x onerror=alert(1)> ${HIT_START}👨‍👩‍👧${HIT_END}${HIT_END} tail${HIT_START}`)
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', hit: false },
      { text: '👨‍👩‍👧', hit: true },
      { text: ' tail', hit: false },
    ])
    expect(parts.map((p) => p.text).join('')).not.toMatch(/[\u0002\u0003]/u)
  })
})
