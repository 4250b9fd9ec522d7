import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'

export interface Received {
  method: string
  url: string
  body: unknown
}

/**
 * A tiny model server on 127.0.0.1 port 0, answering each request with
 * `answer(request)`: [status, body string] or 'hang' (never answers). Closed
 * after each test. `received` records what the client sent.
 */
export async function modelServer(answer: (r: Received) => [number, string] | 'hang'): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')))
    req.on('end', () => {
      let body: unknown = raw
      try {
        body = raw ? JSON.parse(raw) : null
      } catch {
        /* kept as text */
      }
      const r = { method: req.method ?? '', url: req.url ?? '', body }
      received.push(r)
      const a = answer(r)
      if (a === 'hang') return
      res.writeHead(a[0], { 'content-type': 'application/json' })
      res.end(a[1])
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closedAfterTest(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

/** A URL where nothing listens: a port that was just free. */
export async function downUrl(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

/**
 * Closed when the test that made it finishes: registered per server (not a module-level afterEach, which a file
 * sharing its worker process with an earlier one would never register, vitest.config.ts SHARED).
 */
function closedAfterTest(server: http.Server): void {
  onTestFinished(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
}
