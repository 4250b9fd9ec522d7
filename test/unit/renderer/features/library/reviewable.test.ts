import { describe, expect, it } from 'vitest'
import { reviewable } from '../../../../../src/renderer/features/library/reviewable'

describe('reviewable: Review is offered only where there is something to compare', () => {
  it('needs two layers, or a gold layer begun', () => {
    expect(reviewable({ layerCount: 0, hasGold: false })).toBe(false)
    expect(reviewable({ layerCount: 1, hasGold: false })).toBe(false)
    expect(reviewable({ layerCount: 2, hasGold: false })).toBe(true)
    expect(reviewable({ layerCount: 5, hasGold: false })).toBe(true)
    expect(reviewable({ layerCount: 1, hasGold: true })).toBe(true)
    expect(reviewable({ layerCount: 0, hasGold: true })).toBe(true)
  })
})
