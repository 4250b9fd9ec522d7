// The expensive payloads, in their own file so they run beside the cheap ones:
// 10 MB strings and 10,000-deep objects and arrays in every argument key of
// every contract method (plus one key the schema does not name).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '../../../../src/shared/api/contract'
import type { Method } from '../../../../src/shared/api/contract'
import { argumentKeys, deepArray, deepObject, HUGE_DEPTH, HUGE_STRINGS, nastyValue, ownObject } from './fuzzPayloads'
import { CheckedDispatch, fuzzWorkspace } from './fuzzWorkspace'

/** Runs per method: each builds one object around a prebuilt 10 MB string or deep value, so a few suffice. */
const RUNS = Number(process.env.SPANWRIGHT_FUZZ_HUGE_RUNS ?? 12)
const methods = Object.keys(contract) as Method[]
const DEEP_VALUES: readonly unknown[] = [deepObject(HUGE_DEPTH), deepArray(HUGE_DEPTH), deepObject(HUGE_DEPTH, 'x'.repeat(1000))]

describe('API fuzz: 10 MB strings and 10,000-deep values in every key', () => {
  let checked: CheckedDispatch
  beforeAll(async () => {
    checked = new CheckedDispatch(await fuzzWorkspace())
  })
  afterAll(() => {
    const t = checked.tally
    console.log(`API fuzz (huge) summary: ${t.calls} payloads over ${methods.length} methods, ${t.ok} accepted, errors ${JSON.stringify(t.errors)}, crashes ${t.crashes}`)
  })

  for (const method of methods) {
    const keys = [...argumentKeys(contract[method].args), 'extra']
    it(`${method} (${RUNS} huge payloads)`, async () => {
      const huge = fc.oneof(fc.constantFrom(...HUGE_STRINGS), fc.constantFrom(...DEEP_VALUES))
      // The huge value in one key, the others filled with (possibly valid) junk.
      const inKey = fc
        .tuple(fc.constantFrom(...keys), huge, fc.subarray(keys), fc.array(nastyValue, { minLength: keys.length, maxLength: keys.length }))
        .map(([hugeKey, value, others, fill]) => ({
          payload: ownObject([...others.filter((k) => k !== hugeKey).map((k, i): [string, unknown] => [k, fill[i]]), [hugeKey, value]]),
          // A key the schema does not name, or a 10,000-deep value, can never be accepted; a
          // 10 MB string in a real key is refused by today's schemas, but a future method may take one.
          mustRefuse: hugeKey === 'extra' || typeof value !== 'string',
        }))
      const bare = huge.map((payload) => ({ payload, mustRefuse: true }))
      await fc.assert(
        fc.asyncProperty(fc.oneof(inKey, bare), async ({ payload, mustRefuse }) => {
          const reply = await checked.call(method, payload)
          if (mustRefuse) expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } })
          // A refusal names the problem without echoing the 10 MB back.
          if (!reply.ok) expect(JSON.stringify(reply).length).toBeLessThan(20_000)
        }),
        { numRuns: RUNS },
      )
    }, 60_000)
  }
})
