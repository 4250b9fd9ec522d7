import { describe, expect, it } from 'vitest'
import { columnGrid } from '../../../../../src/renderer/features/review/columnGrid'

describe('side-by-side columns fit their row', () => {
  it('one row while each column gets 160 px (1400 px: 1040 px for alice, bob, carol and gold; 1024 px: 664 px)', () => {
    expect(columnGrid(4, 1040)).toEqual({ perRow: 4, rows: 1 })
    expect(columnGrid(4, 664)).toEqual({ perRow: 4, rows: 1 })
    expect(columnGrid(3, 664)).toEqual({ perRow: 3, rows: 1 })
  })

  it('narrower, as few rows as fit, balanced: never wider than the row', () => {
    expect(columnGrid(4, 500)).toEqual({ perRow: 2, rows: 2 })
    expect(columnGrid(5, 500)).toEqual({ perRow: 3, rows: 2 })
    expect(columnGrid(7, 664)).toEqual({ perRow: 4, rows: 2 })
    for (let n = 1; n <= 9; n++)
      for (let w = 160; w <= 1600; w += 7) {
        const g = columnGrid(n, w)
        expect(g.perRow * 160).toBeLessThanOrEqual(w)
        expect(g.perRow * g.rows).toBeGreaterThanOrEqual(n)
        expect((g.perRow - 1) * g.rows).toBeLessThan(n)
      }
  })

  it('before the row is measured, or with nothing to show, one row', () => {
    expect(columnGrid(4, 0)).toEqual({ perRow: 4, rows: 1 })
    expect(columnGrid(0, 600)).toEqual({ perRow: 1, rows: 1 })
  })
})
