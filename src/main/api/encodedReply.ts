import type { Reply } from '../../shared/api/errors'

/**
 * A success reply already written as JSON (UTF-8 bytes) by the thread that
 * made it. The worker writes a reply once and hands the HTTP thread the bytes
 * (a transferred buffer): no copy of the object graph between threads, and no
 * second stringify there. A 10k-span layer is 2.7 MB of JSON; cloning its
 * 12k objects cost 45–120 ms on the HTTP thread under load.
 * Error replies stay objects: they are small, and the host reads their codes.
 */
export interface EncodedReply {
  encoded: Uint8Array
}

/** What a transport may be handed: a reply object, or a success reply as JSON bytes. */
export type WireReply = Reply<unknown> | EncodedReply

export function isEncodedReply(r: WireReply): r is EncodedReply {
  return 'encoded' in r
}

/**
 * The reply as JSON bytes when it succeeded, else the reply itself. JSON.stringify
 * is what the HTTP transport applied before, so the bytes are the same; a value
 * it cannot write (a BigInt, a cycle) becomes an internal error reply.
 */
export function encodeReply(reply: Reply<unknown>): WireReply {
  if (!reply.ok) return reply
  try {
    // TextEncoder gives a buffer of its own (Buffer.from may hand out a slice of Node's shared pool, which cannot be transferred).
    return { encoded: new TextEncoder().encode(JSON.stringify(reply)) }
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `internal error: the reply cannot be written as JSON (${(e as Error).message})` } }
  }
}
