// An API call's refusal names the field and what it should hold. Seen against `spanwright serve`: a document
// asked for by `{"id":"1"}`, `{"id":null}` or `{"id":[1]}` was refused as `documents.get: (arguments): Invalid
// input`, naming neither the field nor the type (the arguments are one of two objects, {id} or {externalId}), and a
// huge id as `id: Too big: expected int to be <=9007199254740991; id: Too big: expected number to be <=…`, the
// same fault twice with two different bounds.
import { describe, expect, it } from 'vitest'
import { parseCall } from '../../../../src/shared/api/validate'

function refusal(method: string, args: unknown): string {
  try {
    parseCall(method, args)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('accepted')
}

describe('refusals of arguments that are one of several objects', () => {
  it('name the field of the branch the call came nearest to, and its type', () => {
    expect(refusal('documents.get', { id: '1' })).toBe('documents.get: id: Invalid input: expected number, received string')
    expect(refusal('documents.get', { id: null })).toBe('documents.get: id: Invalid input: expected number, received null')
    expect(refusal('documents.get', { externalId: 7 })).toBe('documents.get: externalId: Invalid input: expected string, received number')
    expect(refusal('annotations.get', { externalId: 'doc-1', annotator: 5 })).toBe('annotations.get: annotator: Invalid input: expected string, received number')
  })

  it('name each field that would do when the call fits none better', () => {
    expect(refusal('documents.get', {})).toBe('documents.get: id: Invalid input: expected number, received undefined, or externalId: Invalid input: expected string, received undefined')
  })

  it('arguments that are no object still say so', () => {
    expect(refusal('documents.get', [1])).toMatch(/^documents\.get: \(arguments\): Invalid input: expected object/)
  })
})

describe('a number past two bounds', () => {
  it('is refused once, with the tighter bound', () => {
    expect(refusal('documents.get', { id: 2 ** 70 })).toBe('documents.get: id: Too big: expected int to be <=9007199254740991')
    const end = refusal('spans.create', { documentId: 1, annotator: 'a', label: 'PERSON', start: 0, end: 1e300 })
    expect(end).toBe('spans.create: end: Too big: expected number to be <=2147483647')
  })
})
