import type { Args, Method, Result } from '../../shared/api/contract'
import { call } from './client'

/**
 * Reads started before the code that needs them has loaded (the boot script
 * asks for the session, the schema and the opened document while React and
 * the editor's code are still on their way). Each is taken once, by the same
 * method and arguments (key order does not matter); a read nobody takes is
 * dropped quietly.
 */
type Started = Map<string, { at: number; reply: Promise<unknown> }>
declare global {
  // One map per page, shared by the boot script's copy of this module and the app's (they are built apart).
  var __spanwrightPrefetched: Started | undefined
}
const started: Started = (globalThis.__spanwrightPrefetched ??= new Map())
/** A read not taken by then is old news (the screen it was for went away): it is asked for again. */
const FRESH_MS = 15_000

/** The same arguments give the same key whatever order their keys were written in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  )
}
const keyOf = (method: Method, args: unknown) => `${method} ${JSON.stringify(canonical(args ?? {}))}`

/** Starts the read now; returns it, for a caller that chains the next read on it (its taker still gets it once). */
export function prefetch<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const p = call(method, args)
  p.catch(() => undefined) // its taker sees the error; untaken, it is dropped
  started.set(keyOf(method, args), { at: Date.now(), reply: p })
  return p
}

/** The prefetched read for exactly this call, once; else null (call it yourself). */
export function takePrefetched<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> | null {
  const key = keyOf(method, args)
  const p = started.get(key)
  if (!p) return null
  started.delete(key)
  return Date.now() - p.at <= FRESH_MS ? (p.reply as Promise<Result<M>>) : null
}

/** The prefetched read if there is one, else a fresh call. */
export function takeOrCall<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  return takePrefetched(method, args) ?? call(method, args)
}
