// Payload generators for the API fuzz suites. They read each method's zod
// schema for its real argument keys, so a method added to the contract is
// fuzzed with its own keys without anyone touching these tests.
import fc from 'fast-check'
import { z } from 'zod'

/** The argument keys a method's schema names (objects, unions of objects, refined/piped objects). */
export function argumentKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  if (schema instanceof z.ZodUnion) return [...new Set((schema.options as z.ZodType[]).flatMap(argumentKeys))]
  if (schema instanceof z.ZodPipe) return argumentKeys(schema.in as z.ZodType)
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return argumentKeys(schema.unwrap() as z.ZodType)
  }
  return []
}

/** Keys that have polluted prototypes elsewhere; each is set as an own property, as JSON.parse does. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']

/** An object with exactly these own enumerable entries, `__proto__` included as a plain key. */
export function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  return o
}

/** An object nested `depth` levels deep under key `a` (built iteratively: no recursion here). */
export function deepObject(depth: number, leaf: unknown = 1): unknown {
  let o: unknown = leaf
  for (let i = 0; i < depth; i++) o = { a: o }
  return o
}

export function deepArray(depth: number): unknown {
  let o: unknown = []
  for (let i = 0; i < depth; i++) o = [o]
  return o
}

const numberEdges = [NaN, Infinity, -Infinity, -0, 0, -1, 0.5, 1.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308]
/** Strings a handler might accept, so some payloads get past validation into the store. */
const plausibleStrings = ['', ' ', '\u0000', 'alice', 'PERSON', 'GPE', 'PART_OF', '#ff0000', 'entity', 'relation', 'todo', 'done', 'd1', 'a/b', '..', '../..', 'jsonl', 'brat', 'Kerry', '😀', '\ud800']

/**
 * Strings that cannot name a file outside the fuzz's sandbox folder: methods
 * that take paths (import, export) would otherwise be sent to read `/` or
 * write anywhere. Relative paths stay inside the sandbox (see sandboxCwd).
 */
export function relative(s: string): string {
  return s.replace(/^[/\\~]+/, '')
}
const someString = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 80 })).map(relative)
const leaves: fc.Arbitrary<unknown>[] = [someString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt()]
const junk = (maxDepth: number) => fc.anything({ maxDepth, values: leaves, withNullPrototype: true })

/** One argument value: wrong types, number edges, plausible ids and names, nested junk. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...numberEdges, null, undefined, true, false, [], {}, [1], { id: 1 }),
  fc.constantFrom<unknown>(...plausibleStrings),
  fc.integer({ min: -3, max: 40 }),
  fc.double(),
  fc.bigInt(),
  someString,
  fc.array(junk(2), { maxLength: 4 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })), junk(1), { maxKeys: 4 }),
)

/** Extra keys: the strict schemas must refuse them, `__proto__` and friends included. */
const extraEntries = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 })), nastyValue), { maxLength: 3 })

/** An object with some of the method's real keys, each holding a nasty value, plus perhaps extra keys. */
export function shapedPayload(keys: string[]): fc.Arbitrary<unknown> {
  const own = keys.length ? fc.subarray(keys).chain((ks) => fc.tuple(...ks.map((k) => nastyValue.map((v): [string, unknown] => [k, v])))) : fc.constant([] as [string, unknown][])
  return fc.tuple(own, fc.oneof(fc.constant([] as [string, unknown][]), extraEntries)).map(([a, b]) => ownObject([...a, ...b]))
}

/** What zod takes as `{}`: no arguments at all, or an object (Map, Date, ...) with no own keys. */
export function isEmptyArguments(p: unknown): boolean {
  if (p === undefined) return true
  return typeof p === 'object' && p !== null && !Array.isArray(p) && Object.keys(p).length === 0
}

/**
 * Everything a caller might send for one method: anything at all, shaped junk,
 * and arrays where an object belongs. Empty arguments, which a method without
 * parameters accepts, come from their own rare branch: otherwise ~1,800 of
 * 2,000 calls to `workspace.backup` would each write and fsync a backup.
 */
export function payloadFor(keys: string[]): fc.Arbitrary<unknown> {
  const shaped = shapedPayload(keys)
  const anything = fc.anything({ values: leaves, withNullPrototype: true, withObjectString: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true })
  return fc.oneof(
    { weight: 12, arbitrary: anything.filter((p) => !isEmptyArguments(p)) },
    { weight: 20, arbitrary: shaped.filter((p) => !isEmptyArguments(p)) },
    { weight: 4, arbitrary: fc.array(shaped, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, {}, Object.create(null), new Map([[1, 2]]), new Date(0)) },
  )
}

const TEN_MB = 10 * 1024 * 1024
/** 10 MB strings, built once: ASCII, astral (surrogate pairs), whitespace, and one that looks like a label name. */
export const HUGE_STRINGS: readonly string[] = ['x'.repeat(TEN_MB), '😀'.repeat(TEN_MB / 2), ' '.repeat(TEN_MB), `PERSON${'A'.repeat(TEN_MB)}`]
export const HUGE_DEPTH = 10_000
