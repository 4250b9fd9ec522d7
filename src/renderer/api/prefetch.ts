import type { Args, Method, Result } from '../../shared/api/contract'
import { call } from './client'

/**
 * Reads started before the code that needs them has loaded (a start on a
 * document link asks for the document while the editor's chunk is still on
 * its way). Each is taken once, by the same method and arguments; a read
 * nobody takes is dropped quietly.
 */
const started = new Map<string, Promise<unknown>>()
const keyOf = (method: Method, args: unknown) => `${method} ${JSON.stringify(args)}`

export function prefetch<M extends Method>(method: M, args: Args<M>): void {
  const p = call(method, args)
  p.catch(() => undefined) // its taker sees the error; untaken, it is dropped
  started.set(keyOf(method, args), p)
}

/** The prefetched read for exactly this call, once; else null (call it yourself). */
export function takePrefetched<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> | null {
  const key = keyOf(method, args)
  const p = started.get(key)
  if (!p) return null
  started.delete(key)
  return p as Promise<Result<M>>
}
