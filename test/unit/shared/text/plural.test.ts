import { describe, expect, it } from 'vitest'
import { countOf, nounFor } from '../../../../src/shared/text/plural'

describe('countOf / nounFor', () => {
  it('says one thing in the singular and zero or many in the plural, with an irregular plural when given', () => {
    expect(countOf(1, 'layer')).toBe('1 layer')
    expect(countOf(0, 'layer')).toBe('0 layers')
    expect(countOf(2, 'new document')).toBe('2 new documents')
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry')
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries')
    // Digits as they are: the CLI's lines are read by scripts.
    expect(countOf(12000, 'record')).toBe('12000 records')
    expect(nounFor(1, 'relation')).toBe('relation')
    expect(nounFor(-1, 'relation')).toBe('relations')
  })
})
