import type { z } from 'zod'
import type { MethodDef } from './define'
import { annotationMethods } from './methods/annotations'
import { conflictMethods } from './methods/conflicts'
import { documentMethods } from './methods/documents'
import { historyMethods } from './methods/history'
import { recommendMethods } from './methods/recommend'
import { reviewMethods } from './methods/review'
import { schemaMethods } from './methods/schema'
import { sessionMethods } from './methods/session'
import { teamMethods } from './methods/team'
import { transferMethods } from './methods/transfer'
import { workspaceMethods } from './methods/workspace'

/**
 * The one API contract: every method the renderer (or any client) may call,
 * with the zod schema that validates its arguments and the type of its result.
 * Each transport (Electron IPC, loopback HTTP) carries exactly this table.
 * Method groups live in ./methods, one file per capability.
 */
export const contract = {
  ...sessionMethods,
  ...schemaMethods,
  ...documentMethods,
  ...annotationMethods,
  ...historyMethods,
  ...reviewMethods,
  ...workspaceMethods,
  ...transferMethods,
  ...recommendMethods,
  ...conflictMethods,
  ...teamMethods,
} satisfies Record<string, MethodDef>

export type Contract = typeof contract
export type Method = keyof Contract
export type Args<M extends Method> = z.input<Contract[M]['args']>
export type ParsedArgs<M extends Method> = z.output<Contract[M]['args']>
export type Result<M extends Method> = NonNullable<Contract[M]['result']>

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
