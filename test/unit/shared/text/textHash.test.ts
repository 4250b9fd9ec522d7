import { describe, expect, it } from 'vitest'
import { textHash } from '../../../../src/shared/text/textHash'

describe('textHash', () => {
  it('gives the values workspaces and team servers already store (FNV-1a 64-bit over UTF-16 units, then the length)', () => {
    expect(textHash('')).toBe('fnv811c9dc5050c5d1f-0')
    expect(textHash('Kerry met Michel')).toBe('fnv6f54aaca3b97eaf6-10')
    expect(textHash('Zoë met 李明 🎉')).toMatch(/^fnv[0-9a-f]{16}-d$/)
  })

  it('tells texts apart that differ in one unit or in order', () => {
    expect(textHash('Kerry met Michel')).not.toBe(textHash('Kerry met Michal'))
    expect(textHash('ab')).not.toBe(textHash('ba'))
  })
})
