import { describe, expect, it } from 'vitest'
import { contract } from '../../../../src/shared/api/contract'
import { AppError } from '../../../../src/shared/api/errors'
import { parseCall } from '../../../../src/shared/api/validate'

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('the API contract', () => {
  it('accepts a well-formed call and returns the parsed arguments', () => {
    const { args } = parseCall('spans.create', { documentId: 1, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    expect(args).toEqual({ documentId: 1, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
  })

  it('refuses an unknown method, naming it', () => {
    const e = errorOf(() => parseCall('spans.explode', {}))
    expect(e.code).toBe('unknown_method')
    expect(e.message).toContain('spans.explode')
  })

  it('does not treat Object.prototype members as methods', () => {
    expect(errorOf(() => parseCall('constructor', {})).code).toBe('unknown_method')
    expect(errorOf(() => parseCall('__proto__', {})).code).toBe('unknown_method')
  })

  it('names the field of a wrong type', () => {
    const e = errorOf(() => parseCall('spans.create', { documentId: '1', annotator: 'alice', label: 'PERSON', start: 0, end: 5 }))
    expect(e.code).toBe('bad_request')
    expect(e.message).toMatch(/documentId/)
  })

  it('names a missing field', () => {
    const e = errorOf(() => parseCall('spans.create', { documentId: 1, annotator: 'alice', label: 'PERSON', start: 0 }))
    expect(e.message).toMatch(/end/)
  })

  it('refuses NaN, Infinity, negative and fractional offsets', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5]) {
      const e = errorOf(() => parseCall('spans.create', { documentId: 1, annotator: 'a', label: 'PERSON', start: bad, end: 5 }))
      expect(e.message).toMatch(/start/)
    }
  })

  it('refuses start after end and unknown extra fields', () => {
    expect(errorOf(() => parseCall('spans.create', { documentId: 1, annotator: 'a', label: 'PERSON', start: 5, end: 2 })).message).toMatch(
      /start must be before end/,
    )
    expect(errorOf(() => parseCall('spans.delete', { id: 1, extra: true })).message).toMatch(/extra/)
  })

  it('refuses non-object arguments', () => {
    expect(errorOf(() => parseCall('documents.list', 'alice')).code).toBe('bad_request')
    expect(errorOf(() => parseCall('documents.list', null)).code).toBe('bad_request')
  })

  it('has a schema for every method', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(typeof def.args.safeParse, name).toBe('function')
    }
  })
})
