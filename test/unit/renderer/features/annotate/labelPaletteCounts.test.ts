import { describe, expect, it } from 'vitest'
import { countByLabel } from '../../../../../src/renderer/features/annotate/labelCounts'

/**
 * The palette's span counts per label, for labels named like Object.prototype
 * keys (valid label names): kept in a plain object, `constructor` spans were
 * counted from Object's own function and the palette showed
 * "function Object() { [native code] }1" beside the label; `__proto__` set the
 * object's prototype and had no count.
 */
describe('label palette counts', () => {
  it('counts constructor, toString and __proto__ spans as numbers', () => {
    const counts = countByLabel(['constructor', 'constructor', 'toString', '__proto__', 'PER'].map((label) => ({ label })))
    expect([...counts]).toEqual([
      ['constructor', 2],
      ['toString', 1],
      ['__proto__', 1],
      ['PER', 1],
    ])
    expect(counts.get('hasOwnProperty')).toBeUndefined()
  })
})
