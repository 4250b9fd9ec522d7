import type { Args, Method, Result } from '../../shared/api/contract'
import { call } from './client'

/**
 * Reads started before the code that needs them has loaded (the boot script
 * asks for the session, the schema and the opened document while React and
 * the editor's code are still on their way). Each is taken once, by the same
 * method and arguments (key order does not matter); a read nobody takes is
 * dropped quietly.
 */
interface Prefetched {
  started: Map<string, { at: number; reply: Promise<unknown>; answer?: { value: unknown } }>
  /** The page has left the screen it opened on: reads are no longer kept for a taker. */
  left?: boolean
  /** Reads whose arguments come from other reads (the layer needs the document's id): settled once those are known. */
  pending: Set<{ method: Method; known: Promise<unknown> }>
}
declare global {
  // One set per page, shared by the boot script's copy of this module and the app's (they are built apart).
  var __spanwrightPrefetched: Prefetched | undefined
}
const shared: Prefetched = (globalThis.__spanwrightPrefetched ??= { started: new Map(), pending: new Set() })
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

/**
 * The reads are for the screen the page opened on. Once the user goes elsewhere (the first hashchange), one not
 * taken yet is stale: the library's first page read at the start and taken only on a later visit showed the
 * statuses of before the edits made meanwhile (a document marked done still read "To do").
 */
export function leaveFirstScreen(): void {
  shared.left = true
  shared.started.clear()
}
if (typeof addEventListener === 'function') addEventListener('hashchange', leaveFirstScreen, { once: true })

/** Starts the read now; returns it, for a caller that chains the next read on it (its taker still gets it once). */
export function prefetch<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const p = call(method, args)
  if (shared.left) return p
  const entry: { at: number; reply: Promise<unknown>; answer?: { value: unknown } } = { at: Date.now(), reply: p }
  // Its taker sees an error; untaken, it is dropped. An answer is kept for answered() too.
  p.then((value) => (entry.answer = { value }), () => undefined)
  shared.started.set(keyOf(method, args), entry)
  return p
}

/**
 * Starts the read once its arguments are known (null: not at all). Until then a
 * takeOrCall of this method waits for them rather than asking a second time.
 */
export function prefetchWhen<M extends Method>(method: M, args: Promise<Args<M> | null>): void {
  // Registered before `known` settles (reactions run in order), so a waiting taker finds the read.
  const known = args.then(
    (a) => void (a && prefetch(method, a)),
    () => undefined,
  )
  const entry = { method, known }
  shared.pending.add(entry)
  void known.then(() => shared.pending.delete(entry))
}

/** The prefetched read for exactly this call, once; else null (call it yourself). */
export function takePrefetched<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> | null {
  const key = keyOf(method, args)
  const p = shared.started.get(key)
  if (!p) return null
  shared.started.delete(key)
  return Date.now() - p.at <= FRESH_MS ? (p.reply as Promise<Result<M>>) : null
}

/** The answer of a prefetched read that has already answered (not taken: takePrefetched takes it); else null. */
export function answered<M extends Method>(method: M, args: Args<M>): { value: Result<M> } | null {
  const p = shared.started.get(keyOf(method, args))
  return p?.answer && Date.now() - p.at <= FRESH_MS ? (p.answer as { value: Result<M> }) : null
}

/** The prefetched read if there is one (waiting for one whose arguments are still coming), else a fresh call. */
export async function takeOrCall<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const now = takePrefetched(method, args)
  if (now) return now
  const waiting = [...shared.pending].filter((p) => p.method === method)
  if (!waiting.length) return call(method, args)
  await Promise.all(waiting.map((p) => p.known))
  return takePrefetched(method, args) ?? call(method, args)
}
