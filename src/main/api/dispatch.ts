import { AppError } from '../../shared/api/errors'
import type { Reply } from '../../shared/api/errors'
import { parseCall } from '../../shared/api/validate'
import type { Handlers } from './handlerTypes'
import { ReplayGuard, isRequestId } from './replayGuard'
import { storageFailureReason } from './retryableStorageFailures'

/** One guard per set of handlers, so IPC and HTTP serving the same workspace share it. */
const guards = new WeakMap<Handlers, ReplayGuard>()

function guardFor(handlers: Handlers): ReplayGuard {
  let guard = guards.get(handlers)
  if (!guard) guards.set(handlers, (guard = new ReplayGuard()))
  return guard
}

/**
 * The one entry point every transport calls: validates the method and its
 * arguments against the contract, runs the handler, and turns any failure into
 * an error reply. It never throws, so no transport can crash on bad input.
 * A call with a request id is applied once: a retry of the same id is
 * answered with the first reply (see ReplayGuard); without one, it just runs.
 */
export async function dispatch(handlers: Handlers, method: unknown, raw: unknown, requestId?: unknown): Promise<Reply<unknown>> {
  if (requestId === undefined || requestId === null) return run(handlers, method, raw)
  if (!isRequestId(requestId)) {
    return { ok: false, error: { code: 'bad_request', message: 'request id: expected 8 to 64 characters of A-Z, a-z, 0-9 or -' } }
  }
  if (typeof method !== 'string') return run(handlers, method, raw)
  return guardFor(handlers).run(requestId, method, () => run(handlers, method, raw))
}

async function run(handlers: Handlers, method: unknown, raw: unknown): Promise<Reply<unknown>> {
  try {
    // A method is a string; anything else (even one whose String() throws) is simply unknown.
    if (typeof method !== 'string') throw new AppError('unknown_method', `unknown method: expected a string, got ${typeName(method)}`)
    const { method: m, args } = parseCall(method, raw)
    const handler = handlers[m] as (a: unknown) => unknown
    const value = await handler(args)
    return { ok: true, value: value === undefined ? null : value }
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message, details: e.details } }
    const message = e instanceof Error ? e.message : String(e)
    // Disk full, locked, read-only: nothing was written, and the same edit may go through later.
    const storage = storageFailureReason(e)
    if (storage) return { ok: false, error: { code: 'unavailable', message: `the workspace could not be written: ${storage}`, details: { sqlite: (e as { code: string }).code } } }
    // SQLite constraint failures are the caller's fault only when our checks missed them; report plainly.
    return { ok: false, error: { code: 'internal', message: `internal error: ${message}` } }
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`
}
