import type { Args, Method, Result } from '../../shared/api/contract'
import type { ApiError, Reply } from '../../shared/api/errors'

interface Bridge {
  invoke(method: string, args: unknown, requestId?: string): Promise<unknown>
  /** Desktop only (src/preload): the application menu's commands, and a dropped file's path. */
  onMenu?(listener: (action: string) => void): () => void
  pathForFile?(file: File): string
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

declare global {
  // The token this page was opened with, shared by the boot script's copy of this module and the app's (built apart).
  var __spanwrightToken: string | undefined
}

/** The loopback server hands its token in the URL once; keep it for this tab and drop it from the address bar. */
function httpToken(): string | null {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    globalThis.__spanwrightToken = fromUrl
    keepForReload(fromUrl)
    params.delete('token')
    const rest = params.toString()
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`)
    return fromUrl
  }
  return globalThis.__spanwrightToken ?? sessionStorage.getItem(TOKEN_KEY)
}

/** The marks a first screen sets once it shows what it is for (the document's spans, the library's rows). */
const FIRST_SCREEN_MARKS = new Set(['spanwright:document-ready', 'spanwright:library-rows'])

/**
 * Kept in sessionStorage for a reload of this tab, but written once the first screen is up, or as the page goes:
 * a page's first use of its storage waits on the browser process (6-15 ms of the main thread measured), and an
 * idle moment of the start (waiting for the reads or the app's code) would otherwise spend it before the screen.
 */
function keepForReload(value: string): void {
  let written = false
  const write = () => {
    if (written) return
    written = true
    try {
      sessionStorage.setItem(TOKEN_KEY, value)
    } catch {
      // storage disabled: this page still has the token; a reload will ask for a new link
    }
  }
  window.addEventListener('pagehide', write, { once: true })
  const whenIdle = () => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(write, { timeout: 3000 }) : setTimeout(write, 100))
  // A screen that sets no such mark (schema, review) writes it a few seconds in.
  const fallback = setTimeout(whenIdle, 5000)
  if (typeof PerformanceObserver === 'undefined') return
  const marks = new PerformanceObserver((list) => {
    if (!list.getEntries().some((e) => FIRST_SCREEN_MARKS.has(e.name))) return
    marks.disconnect()
    clearTimeout(fallback)
    whenIdle()
  })
  try {
    marks.observe({ type: 'mark' })
  } catch {
    // no mark observation here: the fallback writes it
  }
}

let token: string | null | undefined

/** A fresh id for one edit: the same id goes with every retry of it. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

async function transport(method: string, args: unknown, requestId: string | undefined): Promise<Reply<unknown>> {
  if (window.spanwright) {
    const bridge = window.spanwright
    return (await (requestId === undefined ? bridge.invoke(method, args) : bridge.invoke(method, args, requestId))) as Reply<unknown>
  }
  if (token === undefined) token = httpToken()
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` }
  if (requestId !== undefined) headers['x-spanwright-request'] = requestId
  const res = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(args ?? {}),
  })
  return (await res.json()) as Reply<unknown>
}

/** How one call is sent. */
export interface CallOptions {
  /** The edit's id (newRequestId): the same on every retry, so the server applies the edit once even if an answer was lost. */
  requestId?: string
}

/** Calls one API method through IPC (desktop) or HTTP (browser mode); throws ApiCallError on an error reply. */
export async function call<M extends Method>(method: M, args: Args<M>, opts: CallOptions = {}): Promise<Result<M>> {
  const reply = await transport(method, args, opts.requestId)
  if (!reply.ok) throw new ApiCallError(reply.error)
  return reply.value as Result<M>
}

/** Reads the token early so it leaves the address bar before anything else renders. */
export function initTransport(): void {
  if (!window.spanwright && token === undefined) token = httpToken()
}
