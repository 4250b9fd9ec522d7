import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { loopbackServer } from './loopbackServer'

/**
 * API request bodies as other clients send them. Windows PowerShell 5's
 * Invoke-RestMethod, .NET's Encoding.UTF8 and Notepad-saved files put a byte
 * order mark first; RFC 8259 lets a parser ignore it, and the call is answered
 * as without it (it was '400 body is not JSON: Unexpected token').
 */
function post(port: number, token: string, method: string, body: Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('API request bodies', () => {
  const loopback = loopbackServer(4096)

  it('a UTF-8 byte order mark before the JSON is ignored', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf])
    const r = await post(loopback.server.port, loopback.server.token, 'session.setAnnotator', Buffer.concat([bom, Buffer.from('{"name":"bommy"}')]))
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { annotator: 'bommy' } })
  })

  it('a byte order mark alone is an empty body; two are still refused', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf])
    expect(JSON.parse((await post(loopback.server.port, loopback.server.token, 'schema.list', bom)).body).ok).toBe(true)
    const two = await post(loopback.server.port, loopback.server.token, 'schema.list', Buffer.concat([bom, bom, Buffer.from('{}')]))
    expect(two.status).toBe(400)
    expect(JSON.parse(two.body).error.code).toBe('bad_request')
  })
})
