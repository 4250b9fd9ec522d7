import type { z } from 'zod'
import { contract, isMethod } from './contract'
import type { Method, ParsedArgs } from './contract'
import { AppError } from './errors'
import { MAX_JSON_DEPTH } from '../formats/jsonDepth'
import { firstLoneSurrogate, loneSurrogateFault } from '../text/wellFormed'

/** Turns zod issues into one readable sentence naming each field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], under: readonly PropertyKey[] = []): string {
  return tightest(issues)
    .slice(0, 8)
    .map((i) => {
      const path = [...under, ...i.path]
      const branches = i.code === 'invalid_union' ? nearestBranches(i) : null
      if (branches) return branches.map((b) => describeIssues(b, path)).join(', or ')
      const where = path.length ? path.map(String).join('.') : '(arguments)'
      return `${where}: ${issueMessage(i)}`
    })
    .join('; ')
}

/**
 * Of a union of argument objects ({id} or {externalId}), the branches the call came nearest to (fewest faults), so
 * the refusal names a field and its type rather than zod's bare "Invalid input"; null for a union of plain types.
 */
function nearestBranches(i: z.core.$ZodIssue): z.core.$ZodIssue[][] | null {
  if (i.code !== 'invalid_union' || !i.errors.length || i.errors.some((b) => !b.length || b.some((x) => x.code === 'invalid_type' && x.path.length === 0))) return null
  const fewest = Math.min(...i.errors.map((b) => b.length))
  return i.errors.filter((b) => b.length === fewest)
}

/** One bound per field: a number past zod's safe-integer bound and a field's own is refused with the tighter. */
function tightest(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const bound = (i: z.core.$ZodIssue): number | null => (i.code === 'too_big' ? Number(i.maximum) : i.code === 'too_small' ? -Number(i.minimum) : null)
  const keyOf = (i: z.core.$ZodIssue) => [i.code, ...i.path.map(String)].join('\u0000')
  const tightestOf = new Map<string, z.core.$ZodIssue>()
  for (const i of issues) {
    const b = bound(i)
    const kept = tightestOf.get(keyOf(i))
    if (b !== null && (kept === undefined || b < bound(kept)!)) tightestOf.set(keyOf(i), i)
  }
  return issues.filter((i) => bound(i) === null || tightestOf.get(keyOf(i)) === i)
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
  const shape = walkArguments(raw)
  if (shape.tooDeep !== null) {
    const where = shape.tooDeep || '(arguments)'
    throw new AppError('bad_request', `${method}: ${where}: nested deeper than ${MAX_JSON_DEPTH} levels`, { issues: [{ path: shape.tooDeep ? [shape.tooDeep] : [], message: `nested deeper than ${MAX_JSON_DEPTH} levels` }] })
  }
  if (shape.loneSurrogate) throw new AppError('bad_request', `${method}: ${shape.loneSurrogate}`, { issues: [{ path: [], message: shape.loneSurrogate }] })
  const polluting = shape.protoKey
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
 * One pass over the arguments (as JSON.parse or IPC's structured clone make
 * them): the path of the first own `__proto__` key (zod would drop it
 * silently from a record; refusing it names the problem instead), whether
 * they nest deeper than MAX_JSON_DEPTH (the top-level argument that does; handlers that stringify or walk such
 * a value overflow the stack), and the first string with an unpaired
 * surrogate (stored, it would become U+FFFD and shift offsets). Iterative, so
 * depth cannot overflow, and each object is visited once (structured clone
 * can carry cycles).
 */
function walkArguments(raw: unknown): { protoKey: string | null; tooDeep: string | null; loneSurrogate: string | null } {
  const stack: [unknown, string, number][] = [[raw, '', 0]]
  const seen = new Set<object>()
  let protoKey: string | null = null
  let loneSurrogate: string | null = null
  while (stack.length) {
    const [v, at, depth] = stack.pop()!
    if (typeof v === 'string') {
      if (loneSurrogate === null && firstLoneSurrogate(v) >= 0) loneSurrogate = loneSurrogateFault(v, at || '(arguments)')
      continue
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue
    // Named by its top-level argument: the full path would be hundreds of segments long.
    if (depth >= MAX_JSON_DEPTH) return { protoKey, tooDeep: at.split('.')[0], loneSurrogate }
    seen.add(v)
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' || typeof v[i] === 'string') stack.push([v[i], at ? `${at}.${i}` : String(i), depth + 1])
      continue
    }
    for (const k of Object.keys(v)) {
      const here = at ? `${at}.${k}` : k
      if (k === '__proto__') protoKey ??= here
      if (loneSurrogate === null && firstLoneSurrogate(k) >= 0) loneSurrogate = `${here}: the key has an unpaired surrogate`
      const child = (v as Record<string, unknown>)[k]
      if ((typeof child === 'object' && child !== null) || typeof child === 'string') stack.push([child, here, depth + 1])
    }
  }
  return { protoKey, tooDeep: null, loneSurrogate }
}
