import { z } from 'zod'

/** One API method: its argument schema (checked at runtime) and its result type (checked at compile time). */
export interface MethodDef<A extends z.ZodType = z.ZodType, R = unknown> {
  args: A
  /** Phantom: carries the result type only; never set. */
  readonly result?: R
}

/** `def(argsSchema, returns<Result>())` declares one method. */
export function returns<R>(): R {
  return undefined as R
}

export function def<A extends z.ZodType, R>(args: A, _result: R): MethodDef<A, R> {
  return { args }
}

/** Row ids: positive integers. */
export const RowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
/** Character offsets (UTF-16 inside the program). */
export const Offset = z.number().int().nonnegative().max(2 ** 31 - 1)
