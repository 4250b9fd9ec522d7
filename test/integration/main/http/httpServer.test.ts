import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { loopbackServer } from './loopbackServer'

/** A raw request, so the Host header and body size can be set freely. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

describe('loopback HTTP adapter', () => {
  const loopback = loopbackServer(1024)

  const api = (method: string, body: unknown, token = loopback.server.token) =>
    request(loopback.server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { host: `127.0.0.1:${loopback.server.port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('prints a loopback URL with a random token', () => {
    expect(loopback.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('answers API calls with the token through dispatch', async () => {
    const r = await api('schema.list', {})
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body).value.map((l: { name: string }) => l.name)).toContain('GPE')
  })

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await api('schema.list', {}, '')).status).toBe(401)
    expect((await api('schema.list', {}, 'x'.repeat(loopback.server.token.length))).status).toBe(401)
    const noHeader = await request(loopback.server.port, { method: 'POST', path: '/api/schema.list', headers: { host: `127.0.0.1:${loopback.server.port}` } })
    expect(noHeader.status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await request(loopback.server.port, { path: '/', headers: { host: 'evil.example' } })
    expect(r.status).toBe(421)
  })

  it('answers 413 for an oversized body and 400 for non-JSON', async () => {
    expect((await api('schema.list', { pad: 'x'.repeat(5000) })).status).toBe(413)
    const r = await request(loopback.server.port, {
      method: 'POST',
      path: '/api/schema.list',
      headers: { host: `127.0.0.1:${loopback.server.port}`, authorization: `Bearer ${loopback.server.token}` },
      body: '{nope',
    })
    expect(r.status).toBe(400)
  })

  it('reports validation errors as structured replies', async () => {
    const r = await api('spans.create', { documentId: 'one' })
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })

  it('serves the app shell and nothing outside it', async () => {
    const r = await request(loopback.server.port, { path: '/', headers: { host: `127.0.0.1:${loopback.server.port}` } })
    expect(r.status).toBe(200)
    expect(r.body).toContain('<title>Spanwright</title>')
    const esc = await request(loopback.server.port, { path: '/../../etc/passwd', headers: { host: `127.0.0.1:${loopback.server.port}` } })
    expect(esc.status).toBe(404)
    const enc = await request(loopback.server.port, { path: '/%2e%2e/%2e%2e/etc/passwd', headers: { host: `127.0.0.1:${loopback.server.port}` } })
    expect(enc.status).toBe(404)
  })
})
