import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { dispatch } from '../api/dispatch'
import type { Handlers } from '../api/handlerTypes'

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
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
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
    const method = decodeURIComponent(url.pathname.slice('/api/'.length))
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
      void dispatch(opts.handlers, method, body).then((reply) => send(res, 200, reply))
    })
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
