import { describe, expect, it } from 'vitest'
import { LabelStudioBackend } from '../../../../../src/main/services/recommend/labelStudioBackend'
import { modelServer } from '../../../../helpers/modelServer'

/**
 * A model server whose reply has the outer shape but not the inner one: a
 * prediction that is not an object, a `result` that is not a list, an
 * array 100,000 deep (the CLI said "Maximum call stack size exceeded"). These used to give "0 suggestions" with no word, as if the
 * model had found nothing; they are refused with what the server said. An
 * empty list of predictions, or a prediction with an empty result, is a
 * model that found nothing, and stays 0 suggestions.
 */

const text = 'Kerry met Michel in Brussels.'
const labels = ['PERSON', 'GPE']
const suggest = async (reply: unknown) => {
  const server = await modelServer(() => [200, typeof reply === 'string' ? reply : JSON.stringify(reply)])
  return new LabelStudioBackend({ url: server.url, labels }).suggest({ id: 1, text })
}

describe('Label Studio ML backend: replies of the wrong inner shape', () => {
  it.each([
    ['a result that is a string', { results: [{ result: 'oops', score: 'high' }] }, /answered a prediction whose "result" is not a list: \{"result":"oops","score":"high"\}/],
    ['a prediction that is not an object', { results: ['x'] }, /answered a prediction that is not an object: "x"/],
    ['an array of arrays', '[[[[[]]]]]', /answered a prediction that is not an object: \[\[\[\[\]\]\]\]/],
    ['JSON 100,000 arrays deep (it parses, then overflows the stack of what reads it)', '['.repeat(100_000) + ']'.repeat(100_000), /answered JSON nested deeper than 256 levels/],
  ])('%s is refused with what the server said', async (_, reply, message) => {
    await expect(suggest(reply)).rejects.toThrow(message)
  })

  it('no predictions, or an empty result, is a model that found nothing', async () => {
    expect(await suggest({ results: [] })).toEqual([])
    expect(await suggest({ results: [{ result: [] }] })).toEqual([])
    expect(await suggest({ results: [{ score: 0.1 }] })).toEqual([])
  })
})
