import { describe, expect, it } from 'vitest'
import { listWindow, scrollTopToReveal } from '../../../../../src/renderer/features/annotate/listWindow'

describe('listWindow', () => {
  it('renders only the rows in view plus the overscan', () => {
    // 10k rows of 32 px, a 576 px box scrolled to row 1000.
    const w = listWindow(10_000, 32, 32_000, 576, 8)
    expect(w).toEqual({ first: 992, end: 1026 })
    expect(w.end - w.first).toBeLessThan(40)
  })

  it('clamps at the top and the bottom', () => {
    expect(listWindow(10_000, 32, 0, 576, 8)).toEqual({ first: 0, end: 26 })
    expect(listWindow(100, 32, 100 * 32 - 576, 576, 8)).toEqual({ first: 74, end: 100 })
    // Scrolled past the end (the list shrank under the box): still at least the last row.
    expect(listWindow(5, 32, 10_000, 160, 2)).toEqual({ first: 4, end: 5 })
  })

  it('renders every row of a short list and nothing of an empty one', () => {
    expect(listWindow(3, 32, 0, 96)).toEqual({ first: 0, end: 3 })
    expect(listWindow(0, 32, 0, 96)).toEqual({ first: 0, end: 0 })
  })

  it('the rows rendered always cover the viewport', () => {
    for (const top of [0, 17, 320, 9_999, 31_990]) {
      const w = listWindow(1_000, 32, top, 400, 0)
      expect(w.first * 32).toBeLessThanOrEqual(top)
      expect(Math.min(1_000 * 32, w.end * 32)).toBeGreaterThanOrEqual(Math.min(1_000 * 32, top + 400))
    }
  })
})

describe('scrollTopToReveal', () => {
  it('scrolls up to a row above, down to a row below, and not at all for one in view', () => {
    expect(scrollTopToReveal(2, 32, 320, 320)).toBe(64)
    expect(scrollTopToReveal(30, 32, 0, 320)).toBe(31 * 32 - 320)
    expect(scrollTopToReveal(12, 32, 320, 320)).toBeNull()
  })
})
