import { AppError } from '../../../shared/api/errors'
import { jsonTooDeep } from '../../../shared/formats/jsonDepth'

export interface RequestOptions {
  timeoutMs: number
  signal?: AbortSignal
  /** Largest reply read (default MAX_REPLY_BYTES). */
  maxBytes?: number
}

/** The body of a reply, cut for a message. */
const excerpt = (s: string) => JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s)

/**
 * A JSON request to a model server, with a timeout and a caller's cancel.
 * Every way it can fail becomes one plain sentence naming the server: not
 * reachable, too slow, cancelled, an HTTP error with what it said, or a reply
 * that is not JSON. Nothing here can stop the process.
 */
export async function requestJson(url: string, init: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> }, opts: RequestOptions): Promise<unknown> {
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  let text: string
  let status: number
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal,
    })
    status = res.status
    text = await readCapped(res, opts.maxBytes ?? MAX_REPLY_BYTES, url)
  } catch (e) {
    if (e instanceof AppError) throw e
    if (opts.signal?.aborted) throw new AppError('unavailable', `the request to ${url} was cancelled`)
    if (timeout.aborted) throw new AppError('unavailable', `${url} did not answer within ${(opts.timeoutMs / 1000).toFixed(opts.timeoutMs < 1000 ? 1 : 0)} s; is the model server busy or stuck?`)
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    const why =
      cause?.code === 'ECONNREFUSED'
        ? 'connection refused: is the server running?'
        : cause?.code === 'ENOTFOUND'
          ? 'no such host'
          : cause?.message === 'bad port' // the WHATWG list of blocked ports (9, 25, 6000…): refused before connecting
            ? `port ${new URL(url).port} is one that fetch refuses to connect to, as browsers do: give the server another port`
            : (cause?.message ?? (e as Error).message)
    throw new AppError('unavailable', `${url} is not reachable (${why})`)
  }
  if (status < 200 || status >= 300) throw new AppError('unavailable', `${url} answered HTTP ${status}: ${excerpt(text)}`)
  // Very deep JSON parses, then overflows the stack of whatever walks it (a message quoting it, the reader).
  const deep = jsonTooDeep(text)
  if (deep) throw new AppError('unavailable', `${url} answered ${deep}`)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new AppError('unavailable', `${url} answered something that is not JSON: ${excerpt(text)}`)
  }
}

/** A model server's reply is read up to this size; a bigger one is refused rather than filling memory. */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024

/** The body as text, refused past `max` bytes (read as it streams: a server need not say its length). */
async function readCapped(res: Response, max: number, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN)
  const tooBig = () => new AppError('unavailable', `${url} answered more than ${max.toLocaleString('en')} bytes; that is not a suggestion list`)
  if (declared > max) {
    await res.body?.cancel()
    throw tooBig()
  }
  if (!res.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    // Throwing ends the loop, which cancels the stream.
    if (size > max) throw tooBig()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** `base` + `path` with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}
