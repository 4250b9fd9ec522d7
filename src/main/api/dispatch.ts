import { AppError } from '../../shared/api/errors'
import type { Reply } from '../../shared/api/errors'
import { parseCall } from '../../shared/api/validate'
import type { Handlers } from './handlerTypes'

/**
 * The one entry point every transport calls: validates the method and its
 * arguments against the contract, runs the handler, and turns any failure into
 * an error reply. It never throws, so no transport can crash on bad input.
 */
export async function dispatch(handlers: Handlers, method: unknown, raw: unknown): Promise<Reply<unknown>> {
  try {
    const { method: m, args } = parseCall(String(method), raw)
    const handler = handlers[m] as (a: unknown) => unknown
    const value = await handler(args)
    return { ok: true, value: value === undefined ? null : value }
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message, details: e.details } }
    const message = e instanceof Error ? e.message : String(e)
    // SQLite constraint failures are the caller's fault only when our checks missed them; report plainly.
    return { ok: false, error: { code: 'internal', message: `internal error: ${message}` } }
  }
}
