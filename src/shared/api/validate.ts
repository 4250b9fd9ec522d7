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
      return `${where}: ${i.message}`
    })
    .join('; ')
}

/** Validates a method name and its raw arguments against the contract. */
export function parseCall<M extends Method>(method: string, raw: unknown): { method: M; args: ParsedArgs<M> } {
  if (typeof method !== 'string' || !isMethod(method)) {
    throw new AppError('unknown_method', `unknown method ${JSON.stringify(String(method)).slice(0, 120)}`)
  }
  const schema = contract[method].args as z.ZodType
  const parsed = schema.safeParse(raw === undefined ? {} : raw)
  if (!parsed.success) {
    throw new AppError('bad_request', `${method}: ${describeIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })),
    })
  }
  return { method: method as M, args: parsed.data as ParsedArgs<M> }
}
