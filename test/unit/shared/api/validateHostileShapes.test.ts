import { describe, expect, it } from 'vitest'
import { isAppError } from '../../../../src/shared/api/errors'
import { parseCall } from '../../../../src/shared/api/validate'

describe('parseCall on shapes that make the validator itself throw', () => {
  it('an array-like whose length is a null-prototype object is bad input, not an internal error', () => {
    // Found by the API fuzz run: zod compares `.length` of the value to the minimum, and an
    // object without a prototype cannot be converted to a number.
    let caught: unknown
    try {
      parseCall('transfer.preview', { paths: { length: Object.create(null) } })
    } catch (e) {
      caught = e
    }
    expect(isAppError(caught)).toBe(true)
    expect((caught as { code: string }).code).toBe('bad_request')
    expect((caught as Error).message).toContain('transfer.preview')
  })
})
