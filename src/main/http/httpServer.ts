import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { isUtf8 } from 'node:buffer'
import { dispatch } from '../api/dispatch'
import { isEncodedReply } from '../api/encodedReply'
import type { WireReply } from '../api/encodedReply'
import type { Handlers } from '../api/handlerTypes'
import { isRequestId } from '../api/replayGuard'
import { jobDownload } from '../services/jobs/jobRegistry'
import { removeTransferTemp } from '../services/jobs/uploads'
import { firstLoneSurrogate } from '../../shared/text/wellFormed'
import { requestBodyProblem } from './requestBodyShape'
import { StaticFiles } from './staticFiles'

export interface HttpServerOptions {
  /** Served in this thread (tests, scripts); or give `call` (and `download`) to forward to the API worker. */
  handlers?: Handlers
  /** Answers an API call elsewhere (src/main/worker): the same contract as dispatch(); a success may come as JSON bytes, sent as they are. */
  call?: (method: unknown, args: unknown, requestId?: unknown) => Promise<WireReply>
  /** The n-th file a finished export job offers, where `call` runs the jobs. */
  download?: (job: string, n: number) => Promise<{ name: string; path: string } | null>
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

/**
 * The decoded path of a static request, or null when it cannot name a file
 * here: an undecodable escape, NUL or another control character, a backslash,
 * a lone surrogate, or over 1 KiB. A `..` segment is resolved and then must
 * stay inside the root (404 otherwise).
 */
export function staticPath(pathname: string): string | null {
  let rel: string
  try {
    rel = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (!rel.startsWith('/') || rel.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(rel) || firstLoneSurrogate(rel) >= 0) return null
  if (Buffer.byteLength(rel) > 1024) return null
  return rel === '/' ? '/index.html' : rel
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function logFault(where: string, e: unknown): void {
  const err = e as NodeJS.ErrnoException
  // A client that hangs up mid-reply is ordinary; anything else is worth a line on stderr.
  if (err?.code === 'ECONNRESET' || err?.code === 'EPIPE') return
  console.error(`spanwright serve: ${where}: ${err instanceof Error ? err.message : String(e)}`)
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, JSON.stringify(body), headers)
}

/** JSON already written (a string, or the worker's UTF-8 bytes) goes out as it is. */
function sendJson(res: http.ServerResponse, status: number, json: string | Uint8Array, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return
  const length = typeof json === 'string' ? Buffer.byteLength(json) : json.byteLength
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(length), ...headers })
  res.end(json)
}

/** An API reply: an unknown method is a missing resource (404); every other reply, refusals included, is data (200). */
function sendReply(res: http.ServerResponse, reply: WireReply): void {
  if (isEncodedReply(reply)) return sendJson(res, 200, reply.encoded)
  send(res, !reply.ok && reply.error.code === 'unknown_method' ? 404 : 200, reply)
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
  // Bodies are held, parsed on this thread and copied to the worker: a few dozen MB of small objects cost GBs
  // and seconds each, so twelve at once held 7 GB and answered nothing for minutes. Two limits' worth at a time.
  const maxHeld = 2 * maxBody
  let bodyBytesHeld = 0
  const staticRoot = path.resolve(opts.staticDir)
  let port = 0
  const handlers = opts.handlers
  const callApi: (m: unknown, a: unknown, r?: unknown) => Promise<WireReply> =
    opts.call ?? ((m, a, r) => (handlers ? dispatch(handlers, m, a, r) : Promise.reject(new Error('startHttpServer: give handlers or call'))))
  const findDownload = opts.download ?? ((job: string, n: number) => Promise.resolve(jobDownload(job, n)))

  // A download needs no token in its URL (a link cannot send the Authorization header, and a URL with a
  // token ends up in history): the page load that carries the token sets this separate, download-only
  // secret as an HttpOnly, SameSite=Strict cookie scoped to /api/download/.
  const downloadSecret = crypto.randomBytes(24).toString('base64url')

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    // Nothing a request carries may end the process: any fault below is answered, logged, and the server goes on.
    res.on('error', (e) => logFault('response', e))
    try {
      route(req, res)
    } catch (e) {
      answerFault(req, res, e)
    }
  }
  const server = http.createServer(onRequest)
  // A client that waits for "100 Continue" before sending (curl, for big bodies) is told of a body over the
  // limit at once (413, below) and sends nothing; Node would have said 100 Continue to every one.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!(Number(req.headers['content-length'] ?? 0) > maxBody)) res.writeContinue()
    onRequest(req, res)
  })
  // A request line or header Node's parser refuses (too long, bad bytes): answer 400 if the socket still can.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code !== 'ECONNRESET' && socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
    else socket.destroy()
  })
  server.on('connection', (socket) => socket.on('error', (e) => logFault('socket', e)))

  function route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      req.resume()
      return send(res, 421, { ok: false, error: { code: 'unauthorized', message: 'wrong Host header' } })
    }
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const pathname = q < 0 ? target : target.slice(0, q)
    let url: URL
    try {
      // Only origin-form targets (`/…`): an absolute URL (`http://x/`) or `*` names no file here.
      if (!pathname.startsWith('/') || pathname.startsWith('//')) throw new Error('not a path')
      url = new URL(`http://127.0.0.1${q < 0 ? '' : target.slice(q)}`)
    } catch {
      // e.g. `//[`: a request line no URL parser accepts must not throw out of the handler.
      req.resume()
      return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'the request path is not a valid URL' } })
    }
    if (pathname.startsWith('/api/download/')) return handleDownload(req, res, pathname)
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname)
    req.resume()
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'bad_request', message: 'method not allowed' } })
    const cookie: Record<string, string> = tokenMatches(url.searchParams.get('token') ?? undefined, token)
      ? { 'set-cookie': `${downloadCookie()}=${downloadSecret}; HttpOnly; SameSite=Strict; Path=/api/download/` }
      : {}
    void serveStatic(req, res, pathname, cookie).catch((e: unknown) => answerFault(req, res, e))
  }

  /** Per port: cookies are shared by every port of a host, and another run must not overwrite ours. */
  const downloadCookie = () => `spanwright-download-${port}`

  function answerFault(req: http.IncomingMessage, res: http.ServerResponse, e: unknown): void {
    logFault(`${req.method ?? '?'} ${String(req.url).slice(0, 200)}`, e)
    req.resume()
    if (res.headersSent) {
      res.destroy()
      return
    }
    send(res, 500, { ok: false, error: { code: 'internal', message: 'internal error while answering this request; the server goes on' } })
  }

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
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
      method = decodeURIComponent(pathname.slice('/api/'.length))
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
    let refused = false
    // This request's bytes count against the server's room until its reply is gone (or the client is).
    const release = () => {
      bodyBytesHeld -= size
      size = 0
    }
    res.on('close', release)
    // Bytes of this body so far, held or dropped: a refused body sent chunked has no end of its own.
    let seen = 0
    req.on('data', (c: Buffer) => {
      if (aborted) return
      seen += c.length
      if (seen > maxBody) {
        aborted = true
        send(res, 413, { ok: false, error: { code: 'bad_request', message: `request body over ${maxBody} bytes` } }, { connection: 'close' })
        req.destroy()
        return
      }
      if (refused) return
      if (bodyBytesHeld + c.length > maxHeld) {
        // Refused: what came is dropped and the rest read and dropped, then answered 503 (a reply while the
        // client still sends ends in a broken pipe on its side).
        refused = true
        chunks.length = 0
        release()
        return
      }
      size += c.length
      bodyBytesHeld += c.length
      chunks.push(c)
    })
    req.on('error', (e) => logFault('request body', e))
    req.on('end', () => {
      if (aborted) return
      if (refused) {
        const message = `the server is reading other large requests (${maxHeld} bytes at once); retry when they are answered`
        return send(res, 503, { ok: false, error: { code: 'unavailable', message } }, { 'retry-after': '1' })
      }
      let body: unknown
      try {
        const bytes = Buffer.concat(chunks)
        // Bad UTF-8 would become U+FFFD silently, and very deep JSON overflows the stack after parsing.
        if (!isUtf8(bytes)) throw new Error('the body is not valid UTF-8')
        // A byte order mark first (PowerShell 5, .NET's Encoding.UTF8) is ignored, as RFC 8259 allows.
        const text = bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0)
        // Too deep, or too many objects to parse and clone without holding this thread for seconds: refused unparsed.
        const shape = requestBodyProblem(text)
        if (shape) return send(res, shape.status, { ok: false, error: { code: 'bad_request', message: shape.message } })
        body = text.length ? JSON.parse(text) : {}
      } catch (e) {
        return send(res, 400, { ok: false, error: { code: 'bad_request', message: `body is not JSON: ${(e as Error).message}` } })
      }
      void callApi(method, body, requestId)
        .then((reply) => sendReply(res, reply))
        .catch((e: unknown) => answerFault(req, res, e))
    })
  }

  /**
   * GET /api/download/<job>/<n>: the n-th file a finished export job wrote.
   * Authorised by the Bearer token (scripts) or by the download cookie the
   * tokened page load set (links); never by a token in the URL.
   */
  function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    req.resume()
    const auth = req.headers.authorization
    const bearer = auth?.startsWith('Bearer ') ? tokenMatches(auth.slice(7), token) : false
    if (!bearer && !tokenMatches(cookieValue(req.headers.cookie, downloadCookie()), downloadSecret)) {
      return send(res, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } })
    }
    if (req.method !== 'GET') return send(res, 405, { ok: false, error: { code: 'bad_request', message: 'use GET' } })
    const m = /^\/api\/download\/([A-Za-z0-9_-]{8,64})(?:\/(\d{1,4}))?$/.exec(pathname)
    if (!m) return send(res, 404, { ok: false, error: { code: 'not_found', message: 'no such download (the export is not finished, or was dropped)' } })
    void findDownload(m[1], Number(m[2] ?? 0))
      .then((file) => sendDownload(res, file))
      .catch((e: unknown) => answerFault(req, res, e))
  }

  function sendDownload(res: http.ServerResponse, file: { name: string; path: string } | null): void {
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
    const stream = fs.createReadStream(file.path)
    stream.on('error', (e) => {
      logFault('download', e)
      res.destroy()
    })
    stream.pipe(res)
  }

  /**
   * A file below the static root, or 400/404. The path is decoded once; NUL,
   * backslashes, undecodable escapes and `..` segments are refused before the
   * file system sees them, and the real path (symlinks resolved) must still be
   * inside the root. Caching and compression: staticFiles.ts.
   */
  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, headers: Record<string, string>): Promise<void> {
    const rel = staticPath(pathname)
    if (rel === null) return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'bad path' } })
    const notFound = () => send(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } })
    const file = path.resolve(staticRoot, `.${rel}`)
    if (!file.startsWith(staticRoot + path.sep)) return notFound()
    let reply
    try {
      realRoot ??= await fs.promises.realpath(staticRoot)
      const real = await fs.promises.realpath(file)
      if (!real.startsWith(realRoot + path.sep)) return notFound()
      reply = await staticFiles.reply(real, rel, { acceptEncoding: req.headers['accept-encoding'], ifNoneMatch: req.headers['if-none-match'] })
    } catch {
      return notFound()
    }
    if (!reply) return notFound()
    res.writeHead(reply.status, {
      ...reply.headers,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      ...headers,
    })
    res.end(reply.body ?? undefined)
  }
  let realRoot: string | undefined
  const staticFiles = new StaticFiles()

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        // Closing the server ends this run's uploads and download-only exports too.
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections()
            server.close(() => {
              removeTransferTemp()
              r()
            })
          }),
      })
    })
  })
}
