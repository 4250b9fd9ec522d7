import type { z } from 'zod'
import { contract, isMethod } from './contract'
import type { Method, ParsedArgs } from './contract'
import { AppError } from './errors'

/** Turns zod issues into one readable sentence naming each field. */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 8)
    .map((i) => {
      const where = i.path.length ? i.path.map(String).join('.') : '(arguments)'
      return `${where}: ${issueMessage(i)}`
    })
    .join('; ')
}

/** Zod says only "Invalid input" for a union; name the types it would have taken. */
function issueMessage(i: z.core.$ZodIssue): string {
  if (i.code !== 'invalid_union') return i.message
  const expected = new Set(i.errors.flatMap((branch) => branch.filter((b) => b.code === 'invalid_type' && b.path.length === 0).map((b) => (b as { expected: string }).expected)))
  return expected.size ? `${i.message}: expected ${[...expected].join(', ')}` : i.message
}

/** Validates a method name and its raw arguments against the contract. */
export function parseCall<M extends Method>(method: string, raw: unknown): { method: M; args: ParsedArgs<M> } {
  if (typeof method !== 'string' || !isMethod(method)) {
    throw new AppError('unknown_method', `unknown method ${JSON.stringify(String(method)).slice(0, 120)}`)
  }
  const polluting = findPrototypeKey(raw)
  if (polluting) throw new AppError('bad_request', `${method}: ${polluting}: a "__proto__" key is not allowed`, { issues: [{ path: polluting.split('.'), message: 'a "__proto__" key is not allowed' }] })
  const schema = contract[method].args as z.ZodType
  let parsed: ReturnType<typeof schema.safeParse>
  try {
    parsed = schema.safeParse(raw === undefined ? {} : raw)
  } catch (e) {
    // Hostile shapes can make the validator itself throw (zod reads `.length`
    // of anything array-like and compares it). That is still bad input.
    throw new AppError('bad_request', `${method}: the arguments could not be read (${(e as Error).message})`)
  }
  if (!parsed.success) {
    throw new AppError('bad_request', `${method}: ${describeIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })),
    })
  }
  return { method: method as M, args: parsed.data as ParsedArgs<M> }
}

/**
 * The path of the first own `__proto__` key anywhere in the arguments (as
 * JSON.parse makes them), or null. Zod would drop it silently from a record;
 * refusing it names the problem instead. Iterative, so depth cannot overflow,
 * and each object is visited once (IPC's structured clone can carry cycles).
 */
function findPrototypeKey(raw: unknown): string | null {
  const stack: [unknown, string][] = [[raw, '']]
  const seen = new Set<object>()
  while (stack.length) {
    const [v, at] = stack.pop()!
    if (typeof v !== 'object' || v === null || seen.has(v)) continue
    seen.add(v)
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object') stack.push([v[i], at ? `${at}.${i}` : String(i)])
      continue
    }
    for (const k of Object.keys(v)) {
      const here = at ? `${at}.${k}` : k
      if (k === '__proto__') return here
      const child = (v as Record<string, unknown>)[k]
      if (typeof child === 'object' && child !== null) stack.push([child, here])
    }
  }
  return null
}
