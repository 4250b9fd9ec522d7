import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { requestJson } from '../../../../../src/main/services/recommend/httpJson'
import { modelServer } from '../../../../helpers/modelServer'

describe('model server replies are read with a size limit', () => {
  it('refuses a reply whose declared length is over the limit, and reads one under it', async () => {
    const server = await modelServer((r) => [200, r.url === '/small' ? '{"ok":true}' : JSON.stringify({ big: 'x'.repeat(200_000) })])
    await expect(requestJson(`${server.url}/big`, { method: 'GET' }, { timeoutMs: 5000, maxBytes: 100_000 })).rejects.toThrow(
      `${server.url}/big answered more than 100,000 bytes; that is not a suggestion list`,
    )
    expect(await requestJson(`${server.url}/small`, { method: 'GET' }, { timeoutMs: 5000, maxBytes: 100_000 })).toEqual({ ok: true })
  })

  it('refuses a streamed reply (no length said) once it passes the limit, without waiting for its end', async () => {
    let stop = () => {}
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      // An endless body: 10 KB every few milliseconds.
      const timer = setInterval(() => res.write('['.repeat(10_000)), 2)
      stop = () => clearInterval(timer)
      res.on('close', stop)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      await expect(requestJson(url, { method: 'GET' }, { timeoutMs: 20_000, maxBytes: 100_000 })).rejects.toThrow(/answered more than 100,000 bytes/)
    } finally {
      stop()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('a model server on a port fetch will not connect to', () => {
  // The README's example server is http://127.0.0.1:9: port 9 is on the WHATWG fetch list of blocked ports, so
  // Node refuses it before connecting, and the message said only "(bad port)".
  it('is named with its port and what to do, in a plain sentence', async () => {
    await expect(requestJson('http://127.0.0.1:9/predict', { method: 'GET' }, { timeoutMs: 5000 })).rejects.toThrow(
      'http://127.0.0.1:9/predict is not reachable (port 9 is one that fetch refuses to connect to, as browsers do: give the server another port)',
    )
  })
})
