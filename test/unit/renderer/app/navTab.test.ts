import { describe, expect, it } from 'vitest'
import { navTab } from '../../../../src/renderer/app/navTab'

describe('navTab', () => {
  it('lights Library for the library, a document and a review (wherever they were opened from), and each other screen for its own address', () => {
    expect(navTab('')).toBe('library')
    expect(navTab('#/')).toBe('library')
    expect(navTab('#/documents/doc-1')).toBe('library')
    expect(navTab('#/review/doc-1')).toBe('library')
    expect(navTab('#/review/%E0%A4')).toBe('library')
    expect(navTab('#/agreement')).toBe('agreement')
    expect(navTab('#/agreement?annotators=alice,bob')).toBe('agreement')
    expect(navTab('#/schema')).toBe('schema')
    expect(navTab('#/recommenders')).toBe('recommenders')
    expect(navTab('#/team')).toBe('team')
    expect(navTab('#/workspace')).toBe('backups')
  })
})
