// Property: for every method of the contract (read from the contract itself,
// so new methods are covered without editing this file), thousands of random
// payloads through dispatch against a real workspace never throw, always get a
// structured reply, and never change the store when refused.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '../../../../src/shared/api/contract'
import type { Method } from '../../../../src/shared/api/contract'
import { argumentKeys, payloadFor } from './fuzzPayloads'
import { CheckedDispatch, fuzzWorkspace } from './fuzzWorkspace'

/** Payloads per method; SPANWRIGHT_FUZZ_RUNS overrides it for a longer soak. */
const RUNS = Number(process.env.SPANWRIGHT_FUZZ_RUNS ?? 2000)
const methods = Object.keys(contract) as Method[]

/** True for a payload no object schema can accept: arrays, primitives, null (undefined means "no arguments"). */
function notAnObject(p: unknown): boolean {
  return p === null || Array.isArray(p) || (typeof p !== 'object' && p !== undefined)
}

function isPlainObject(p: unknown): p is Record<string, unknown> {
  if (typeof p !== 'object' || p === null) return false
  const proto = Object.getPrototypeOf(p) as unknown
  return proto === Object.prototype || proto === null
}

describe('API fuzz: random payloads for every contract method', () => {
  let checked: CheckedDispatch
  const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort()
  beforeAll(async () => {
    checked = new CheckedDispatch(await fuzzWorkspace())
  })
  afterAll(() => {
    const t = checked.tally
    console.log(
      `API fuzz summary: ${t.calls} payloads over ${methods.length} methods (+ method names), ${t.ok} accepted, ` +
        `errors ${JSON.stringify(t.errors)}, crashes ${t.crashes}`,
    )
  })

  for (const method of methods) {
    const keys = argumentKeys(contract[method].args)
    it(`${method} (${RUNS} payloads; keys: ${keys.join(', ') || 'none'})`, async () => {
      await fc.assert(
        fc.asyncProperty(payloadFor(keys), async (payload) => {
          const reply = await checked.call(method, payload)
          // Strict objects: a key the schema does not name is refused, whatever else is right.
          const mustRefuse = notAnObject(payload) || (isPlainObject(payload) && Object.keys(payload).some((k) => !keys.includes(k)))
          if (mustRefuse) {
            expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } })
            if (!reply.ok) expect(reply.error.message.startsWith(`${method}: `), reply.error.message).toBe(true)
          }
        }),
        { numRuns: RUNS },
      )
    }, 60_000)
  }

  it(`unknown method names and non-string methods (${RUNS} calls)`, async () => {
    const name = fc.oneof(
      fc.string(),
      fc.constantFrom<unknown>('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' schema.list', 'schema.list ', 'SCHEMA.LIST', 'schema.list\u0000'),
      fc.anything({ withNullPrototype: true, withBigInt: true }),
    )
    await fc.assert(
      fc.asyncProperty(name, fc.anything({ maxDepth: 2 }), async (m, payload) => {
        fc.pre(!(typeof m === 'string' && Object.prototype.hasOwnProperty.call(contract, m)))
        const reply = await checked.call(m, payload)
        expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
      }),
      { numRuns: RUNS },
    )
  })

  it('left no trace on Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore)
  })
})
