// annotations.get names its document by row id or by external id (a start asks by the external id beside documents.get).
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../../src/shared/api/errors'
import { parseCall } from '../../../../../src/shared/api/validate'

function refusal(args: unknown): AppError {
  try {
    parseCall('annotations.get', args)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error(`expected ${JSON.stringify(args)} to be refused`)
}

describe('annotations.get arguments', () => {
  it('takes a row id or an external id, with the annotator', () => {
    expect(parseCall('annotations.get', { documentId: 7, annotator: 'alice' }).args).toEqual({ documentId: 7, annotator: 'alice' })
    expect(parseCall('annotations.get', { externalId: 'doc/ü 1', annotator: 'alice' }).args).toEqual({ externalId: 'doc/ü 1', annotator: 'alice' })
  })

  it('refuses both at once, neither, and an external id that is empty, too long or not a string', () => {
    const bad: unknown[] = [
      { documentId: 7, externalId: 'a', annotator: 'alice' },
      { annotator: 'alice' },
      { externalId: '', annotator: 'alice' },
      { externalId: 'x'.repeat(501), annotator: 'alice' },
      { externalId: 12, annotator: 'alice' },
      { externalId: ['a'], annotator: 'alice' },
      { externalId: { $ne: null }, annotator: 'alice' },
      { externalId: 'a' },
      { externalId: 'a', annotator: '' },
      JSON.parse('{"externalId":"a","annotator":"alice","__proto__":{"documentId":1}}'),
    ]
    for (const args of bad) expect(refusal(args).code, JSON.stringify(args)).toBe('bad_request')
  })

  it('takes the longest external id documents.get takes', () => {
    const externalId = 'x'.repeat(500)
    expect(parseCall('annotations.get', { externalId, annotator: 'alice' }).args).toEqual({ externalId, annotator: 'alice' })
    expect(parseCall('documents.get', { externalId }).args).toEqual({ externalId })
  })
})
