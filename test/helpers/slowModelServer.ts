import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'

/** How the n-th /predict (from 1) is answered: a reply at once, or headers then a space every 20 ms, never ending. */
export type Behaviour = { answer: unknown } | 'trickle'

export interface SlowServer {
  url: string
  /** /predict requests received so far. */
  predicts(): number
  /** Requests whose connection is still open (a trickled one stays open until the client lets go). */
  open(): number
  /** Resolves once no request is open (the client aborted the trickled ones). */
  allClosed(): Promise<void>
}

/**
 * A hostile, slow Label Studio ML backend on 127.0.0.1: it sends its headers
 * and then one byte of whitespace every 20 ms for ever, so only the client
 * ending the request (a cancel, a timeout) frees it. Closed after each test.
 */
export async function slowModelServer(behave: (n: number) => Behaviour): Promise<SlowServer> {
  let predicts = 0
  const open = new Set<http.ServerResponse>()
  const waiters: (() => void)[] = []
  const closed = (res: http.ServerResponse) => {
    open.delete(res)
    if (open.size === 0) for (const w of waiters.splice(0)) w()
  }
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (req.url !== '/predict') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP"}')
      const how = behave(++predicts)
      if (how !== 'trickle') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(how.answer))
      open.add(res)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write(' ')
      const timer = setInterval(() => res.write(' '), 20)
      res.on('close', () => {
        clearInterval(timer)
        closed(res)
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closedAfterTest(server)
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    predicts: () => predicts,
    open: () => open.size,
    allClosed: () => (open.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  }
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
