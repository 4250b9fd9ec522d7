import type { Args, Method, Result } from '../../shared/api/contract'
import type { ApiError, Reply } from '../../shared/api/errors'

interface Bridge {
  invoke(method: string, args: unknown): Promise<unknown>
}

declare global {
  interface Window {
    spanwright?: Bridge
  }
}

/** An error reply from the API, thrown to the caller. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
  }
}

const TOKEN_KEY = 'spanwright.token'

/** The loopback server hands its token in the URL once; keep it for this tab and drop it from the address bar. */
function httpToken(): string | null {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    params.delete('token')
    const rest = params.toString()
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

let token: string | null | undefined

async function transport(method: string, args: unknown): Promise<Reply<unknown>> {
  if (window.spanwright) return (await window.spanwright.invoke(method, args)) as Reply<unknown>
  if (token === undefined) token = httpToken()
  const res = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
    body: JSON.stringify(args ?? {}),
  })
  return (await res.json()) as Reply<unknown>
}

/** Calls one API method through IPC (desktop) or HTTP (browser mode); throws ApiCallError on an error reply. */
export async function call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const reply = await transport(method, args)
  if (!reply.ok) throw new ApiCallError(reply.error)
  return reply.value as Result<M>
}

/** Reads the token early so it leaves the address bar before anything else renders. */
export function initTransport(): void {
  if (!window.spanwright && token === undefined) token = httpToken()
}
