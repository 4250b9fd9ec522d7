import { describe, expect, it } from 'vitest'
import { MAX_SCROLL_PX, OVERSCAN, virtualWindow } from '../../../../../src/renderer/features/library/virtualWindow'

const RH = 46
const H = 800

/** The mounted rows cover the viewport, and the spacers plus rows make up the whole scroll height. */
function expectCovers(n: number, scrollTop: number) {
  const w = virtualWindow(n, RH, H, scrollTop)
  const rows = w.last - w.first + 1
  expect(w.topSpace).toBeLessThanOrEqual(scrollTop + 0.001)
  expect(w.topSpace + rows * RH).toBeGreaterThanOrEqual(Math.min(scrollTop + H, Math.min(n * RH, MAX_SCROLL_PX)) - 0.001)
  expect(w.topSpace + rows * RH + w.bottomSpace).toBeCloseTo(Math.min(n * RH, MAX_SCROLL_PX), 3)
  expect(rows).toBeLessThanOrEqual(Math.ceil(H / RH) + 2 * OVERSCAN + 2)
  return w
}

describe('virtualWindow: which rows of a long list to mount', () => {
  it('lays a few thousand rows out one to one', () => {
    expect(virtualWindow(3000, RH, H, 0)).toEqual({ first: 0, last: Math.ceil(H / RH) + OVERSCAN, topSpace: 0, bottomSpace: 3000 * RH - (Math.ceil(H / RH) + OVERSCAN + 1) * RH })
    const w = expectCovers(3000, RH * 2400)
    expect(w.first).toBe(2400 - OVERSCAN)
    expect(w.topSpace).toBe(w.first * RH)
    expect(expectCovers(3000, 3000 * RH - H).last).toBe(2999)
  })

  it('scales a million rows into the browser height limit and still reaches both ends and the middle', () => {
    const n = 1_000_000
    const max = MAX_SCROLL_PX - H
    expect(expectCovers(n, 0).first).toBe(0)
    expect(expectCovers(n, max).last).toBe(n - 1)
    const mid = expectCovers(n, max / 2)
    expect(Math.abs(mid.first + OVERSCAN - (n * RH - H) / 2 / RH)).toBeLessThan(2)
    for (let k = 1; k < 20; k++) expectCovers(n, (max * k) / 20)
  })

  it('mounts nothing for an empty list', () => {
    expect(virtualWindow(0, RH, H, 0)).toEqual({ first: 0, last: -1, topSpace: 0, bottomSpace: 0 })
  })
})
