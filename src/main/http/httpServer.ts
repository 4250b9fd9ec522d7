import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { dispatch } from '../api/dispatch'
import type { Handlers } from '../api/handlerTypes'
import { isRequestId } from '../api/replayGuard'
import { jobDownload } from '../services/jobs/jobRegistry'

export interface HttpServerOptions {
  handlers: Handlers
  /** The built renderer (out/renderer); served as static files. */
  staticDir: string
  port?: number
  /** Defaults to a fresh random token per run. */
  token?: string
  maxBodyBytes?: number
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}

/**
 * Sent with every static file, as well as the <meta> in index.html: scripts
 * only from the app itself (no inline, no eval), and no framing by other pages.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Constant-time token comparison. */
function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
  res.end(text)
}

/**
 * The loopback adapter of the API contract: the built renderer as static
 * files, and POST /api/<method> with a JSON body, answered by the same
 * dispatch as Electron's IPC. Bound to 127.0.0.1 only; API calls need the
 * per-run token, and a Host header naming this server (against DNS rebinding).
 */
export function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url')
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024
  const staticRoot = path.resolve(opts.staticDir)
  let port = 0

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(res, 421, { ok: false, error: { code: 'unauthorized', message: 'wrong Host header' } })
    }
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    } catch {
      // e.g. `//[`: a request line no URL parser accepts must not throw out of the handler.
      req.resume()
      return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'the request path is not a valid URL' } })
    }
    if (url.pathname.startsWith('/api/download/')) return handleDownload(req, res, url)
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url)
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'bad_request', message: 'method not allowed' } })
    return serveStatic(res, url.pathname)
  })

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const auth = req.headers.authorization
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined
    if (!tokenMatches(given, token)) {
      req.resume()
      return send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } })
    }
    if (req.method !== 'POST') {
      req.resume()
      return send(res, 405, { ok: false, error: { code: 'bad_request', message: 'use POST' } })
    }
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > maxBody) {
      req.resume()
      return send(res, 413, { ok: false, error: { code: 'bad_request', message: `request body over ${maxBody} bytes` } }, { connection: 'close' })
    }
    let method: string
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length))
    } catch {
      // A malformed escape (e.g. /api/%E0) would otherwise throw out of the request handler and end the server.
      req.resume()
      return send(res, 404, { ok: false, error: { code: 'unknown_method', message: 'unknown method: the path is not valid percent-encoding' } })
    }
    // A retried edit carries the same id on every attempt, so dispatch applies it once.
    const requestHeader = req.headers['x-spanwright-request']
    const requestId = Array.isArray(requestHeader) ? requestHeader.join(',') : requestHeader
    if (requestId !== undefined && !isRequestId(requestId)) {
      req.resume()
      return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'x-spanwright-request: expected 8 to 64 characters of A-Z, a-z, 0-9 or -' } })
    }
    const chunks: Buffer[] = []
    let size = 0
    let aborted = false
    req.on('data', (c: Buffer) => {
      if (aborted) return
      size += c.length
      if (size > maxBody) {
        aborted = true
        send(res, 413, { ok: false, error: { code: 'bad_request', message: `request body over ${maxBody} bytes` } }, { connection: 'close' })
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (aborted) return
      let body: unknown
      try {
        const text = Buffer.concat(chunks).toString('utf8')
        body = text.length ? JSON.parse(text) : {}
      } catch (e) {
        return send(res, 400, { ok: false, error: { code: 'bad_request', message: `body is not JSON: ${(e as Error).message}` } })
      }
      // An unknown method is a missing resource; every other reply, refusals included, is data.
      void dispatch(opts.handlers, method, body, requestId).then((reply) => send(res, !reply.ok && reply.error.code === 'unknown_method' ? 404 : 200, reply))
    })
  }

  /**
   * GET /api/download/<job>/<n>: the n-th file a finished export job wrote. A
   * link cannot carry the Authorization header, so the run token may come as
   * `?token=` here (the only route that takes it from the URL).
   */
  function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    req.resume()
    const auth = req.headers.authorization
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : (url.searchParams.get('token') ?? undefined)
    if (!tokenMatches(given, token)) return send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } })
    if (req.method !== 'GET') return send(res, 405, { ok: false, error: { code: 'bad_request', message: 'use GET' } })
    const m = /^\/api\/download\/([A-Za-z0-9_-]{8,64})(?:\/(\d{1,4}))?$/.exec(url.pathname)
    const file = m ? jobDownload(m[1], Number(m[2] ?? 0)) : null
    if (!file) return send(res, 404, { ok: false, error: { code: 'not_found', message: 'no such download (the export is not finished, or was dropped)' } })
    let size: number
    try {
      size = fs.statSync(file.path).size
    } catch {
      return send(res, 404, { ok: false, error: { code: 'not_found', message: `${file.name} is no longer on disk` } })
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    fs.createReadStream(file.path).pipe(res)
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    let rel: string
    try {
      rel = decodeURIComponent(pathname)
    } catch {
      return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'bad path' } })
    }
    if (rel === '/' || rel === '') rel = '/index.html'
    const file = path.resolve(staticRoot, `.${rel}`)
    if (!file.startsWith(staticRoot + path.sep)) return send(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } })
    fs.readFile(file, (err, data) => {
      if (err) return send(res, 404, { ok: false, error: { code: 'not_found', message: `not found: ${rel}` } })
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      })
      res.end(data)
    })
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections()
            server.close(() => r())
          }),
      })
    })
  })
}
