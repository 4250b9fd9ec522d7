// Named bad calls: each one through dispatch (as Electron's IPC sends it) and,
// where the transport adds its own checks, over the loopback HTTP adapter.
// Every case asserts the error code, a message that names the field and the
// reason, and a store exactly as it was.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer } from '../../../../src/main/http/httpServer'
import type { RunningServer } from '../../../../src/main/http/httpServer'
import { snapshotStore } from '../../../helpers/storeSnapshot'
import { tempDir } from '../../../helpers/tempWorkspace'
import { deepArray, deepObject, HUGE_DEPTH } from './fuzzPayloads'
import { CheckedDispatch, fuzzWorkspace } from './fuzzWorkspace'
import type { FuzzWorkspace } from './fuzzWorkspace'

const TEN_MB = 'x'.repeat(10 * 1024 * 1024)

interface Named {
  name: string
  method: unknown
  args: unknown
  code: string
  message: RegExp
}

/** Built once the fixture exists, so ids name real rows. */
function cases(ws: FuzzWorkspace): Named[] {
  const doc = ws.docId
  const span = (over: Record<string, unknown>) => ({ documentId: doc, annotator: 'alice', label: 'PERSON', start: 0, end: 5, ...over })
  return [
    { name: 'unknown method', method: 'spans.explode', args: {}, code: 'unknown_method', message: /unknown method "spans\.explode"/ },
    { name: 'method from Object.prototype', method: 'constructor', args: {}, code: 'unknown_method', message: /unknown method "constructor"/ },
    { name: 'method that is not a string', method: 42, args: {}, code: 'unknown_method', message: /expected a string, got a number/ },
    { name: 'method whose String() throws', method: Object.create(null), args: {}, code: 'unknown_method', message: /got an object/ },
    { name: 'arguments that are an array', method: 'spans.delete', args: [{ id: 1 }], code: 'bad_request', message: /^spans\.delete: \(arguments\): .*expected object/i },
    { name: 'arguments that are a string', method: 'spans.delete', args: '{"id":1}', code: 'bad_request', message: /\(arguments\)/ },
    { name: 'id of the wrong type', method: 'spans.create', args: span({ documentId: 'one' }), code: 'bad_request', message: /documentId: .*expected number/i },
    { name: 'NaN offset', method: 'spans.create', args: span({ start: NaN }), code: 'bad_request', message: /start: .*(NaN|number)/i },
    { name: 'Infinity offset', method: 'spans.create', args: span({ end: Infinity }), code: 'bad_request', message: /end: / },
    { name: '-Infinity id', method: 'spans.delete', args: { id: -Infinity }, code: 'bad_request', message: /id: / },
    { name: 'huge number id', method: 'spans.delete', args: { id: 1e308 }, code: 'bad_request', message: /id: .*(too big|<=)/i },
    { name: 'negative id', method: 'spans.delete', args: { id: -1 }, code: 'bad_request', message: /id: .*(too small|>0)/i },
    { name: 'zero id', method: 'relations.delete', args: { id: 0 }, code: 'bad_request', message: /id: / },
    { name: 'float id', method: 'spans.delete', args: { id: 1.5 }, code: 'bad_request', message: /id: .*\bint/i },
    { name: 'negative offset', method: 'spans.create', args: span({ start: -3 }), code: 'bad_request', message: /start: / },
    { name: 'float offset', method: 'spans.create', args: span({ end: 4.5 }), code: 'bad_request', message: /end: .*\bint/i },
    { name: 'span ending past the text', method: 'spans.create', args: span({ start: 0, end: 999 }), code: 'bad_request', message: /999|past|beyond|length|out of/i },
    { name: 'span starting after it ends', method: 'spans.create', args: span({ start: 5, end: 2 }), code: 'bad_request', message: /end: start must be before end/ },
    { name: 'span splitting a surrogate pair', method: 'spans.create', args: span({ start: 17, end: 18 }), code: 'bad_request', message: /surrogate|code point|character/i },
    { name: 'a label that does not exist', method: 'spans.create', args: span({ label: 'NOPE' }), code: 'bad_request', message: /NOPE/ },
    { name: 'a relation label on a span', method: 'spans.create', args: span({ label: 'PART_OF' }), code: 'bad_request', message: /PART_OF/ },
    { name: 'a document that does not exist', method: 'spans.create', args: span({ documentId: 999 }), code: 'not_found', message: /999/ },
    { name: 'deleting a span that does not exist', method: 'spans.delete', args: { id: 12345 }, code: 'not_found', message: /12345/ },
    { name: 'extra key (strict objects)', method: 'spans.delete', args: { id: ws.spanIds[0], force: true }, code: 'bad_request', message: /Unrecognized key.*force/ },
    { name: 'extra key on a no-argument method', method: 'schema.list', args: { all: true }, code: 'bad_request', message: /Unrecognized key.*all/ },
    { name: '__proto__ key at the top', method: 'spans.delete', args: JSON.parse(`{"id":${ws.spanIds[0]},"__proto__":{"polluted":true}}`), code: 'bad_request', message: /__proto__/ },
    { name: '__proto__ key inside attributes', method: 'spans.update', args: JSON.parse(`{"id":${ws.spanIds[0]},"attributes":{"__proto__":{"polluted":true}}}`), code: 'bad_request', message: /attributes\.__proto__/ },
    { name: 'constructor.prototype key', method: 'spans.update', args: { id: ws.spanIds[0], attributes: { constructor: { prototype: { polluted: true } } } }, code: 'bad_request', message: /attributes\.constructor/ },
    { name: '10 MB annotator name', method: 'session.setAnnotator', args: { name: TEN_MB }, code: 'bad_request', message: /name: .*at most 80/ },
    { name: '10 MB note', method: 'spans.create', args: span({ note: TEN_MB }), code: 'bad_request', message: /note: / },
    { name: '10 MB label description', method: 'schema.createLabel', args: { kind: 'entity', name: 'BIG', color: '#112233', description: TEN_MB }, code: 'bad_request', message: /description: .*at most 2000/ },
    { name: '10 MB search query', method: 'documents.list', args: { annotator: 'alice', query: TEN_MB }, code: 'bad_request', message: /query: / },
    { name: '10,000-deep object in attributes', method: 'spans.update', args: { id: ws.spanIds[0], attributes: { k: deepObject(HUGE_DEPTH) } }, code: 'bad_request', message: /spans\.update: attributes: nested deeper than 256 levels/ },
    { name: '10,000-deep object as the arguments', method: 'documents.get', args: deepObject(HUGE_DEPTH), code: 'bad_request', message: /documents\.get: \w+: nested deeper than 256 levels/ },
    { name: '10,000-deep array where ids belong', method: 'review.agreement', args: { documentIds: deepArray(HUGE_DEPTH) }, code: 'bad_request', message: /documentIds: nested deeper than 256 levels/ },
    { name: 'array where an object belongs', method: 'spans.update', args: { id: ws.spanIds[0], attributes: [['k', 'v']] }, code: 'bad_request', message: /attributes: / },
    { name: 'a cyclic object (IPC can carry one)', method: 'spans.update', args: cyclic({ id: ws.spanIds[0] }), code: 'bad_request', message: /Unrecognized key.*self/ },
  ]
}

function cyclic(o: Record<string, unknown>): Record<string, unknown> {
  o.self = o
  return o
}

describe('named bad calls through dispatch', () => {
  let ws: FuzzWorkspace
  let checked: CheckedDispatch
  beforeAll(async () => {
    ws = await fuzzWorkspace()
    checked = new CheckedDispatch(ws)
  })

  it('each is refused with a clear message and no store change', async () => {
    const before = snapshotStore(ws.store)
    for (const c of cases(ws)) {
      const reply = await checked.call(c.method, c.args)
      expect(reply.ok, c.name).toBe(false)
      if (reply.ok) continue
      expect(reply.error.code, `${c.name}: ${reply.error.message}`).toBe(c.code)
      if (process.env.SHOW_MESSAGES) console.log(c.name, '=>', reply.error.message.slice(0, 200))
      expect(reply.error.message, c.name).toMatch(c.message)
      expect(reply.error.message.length, `${c.name}: the message stays short`).toBeLessThan(2000)
      expect(snapshotStore(ws.store), c.name).toEqual(before)
    }
    expect(checked.tally.ok).toBe(0)
  })

  it('left Object.prototype clean', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})

/** A raw request, so the Host header, path and body can be anything. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }))
    })
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

describe('named bad calls over HTTP', () => {
  let ws: FuzzWorkspace
  let server: RunningServer
  let before: Record<string, unknown[]>
  const staticDir = tempDir()
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Spanwright</title>')
  beforeAll(async () => {
    ws = await fuzzWorkspace()
    server = await startHttpServer({ handlers: ws.handlers, staticDir, port: 0, maxBodyBytes: 1024 * 1024 })
    before = snapshotStore(ws.store)
  })
  afterAll(async () => {
    // Every refusal above left the store as it was.
    expect(snapshotStore(ws.store)).toEqual(before)
    await server.close()
  })

  const host = () => `127.0.0.1:${server.port}`
  const post = (apiPath: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    request(server.port, {
      method: 'POST',
      path: apiPath,
      headers: { host: host(), authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
      body,
    })
  const json = (b: string) => JSON.parse(b) as { ok: boolean; error: { code: string; message: string } }
  const deleteFirstSpan = () => JSON.stringify({ id: ws.spanIds[0] })

  it('401 without the token, with a wrong one, or with it in the wrong place', async () => {
    for (const authorization of ['', 'Bearer ', `Bearer ${server.token}x`, `Basic ${server.token}`, server.token]) {
      const r = await post('/api/spans.delete', deleteFirstSpan(), { authorization })
      expect(r.status, authorization).toBe(401)
      expect(json(r.body)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } })
    }
    const inQuery = await request(server.port, { method: 'POST', path: `/api/spans.delete?token=${server.token}`, headers: { host: host() }, body: deleteFirstSpan() })
    expect(inQuery.status).toBe(401)
  })

  it('421 for a Host header that is not this server (DNS rebinding)', async () => {
    for (const h of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const r = await request(server.port, { method: 'POST', path: '/api/spans.delete', headers: { host: h, authorization: `Bearer ${server.token}` }, body: deleteFirstSpan() })
      expect(r.status, h).toBe(421)
      expect(json(r.body).error.message).toMatch(/Host/)
    }
  })

  it('413 for a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
    const declared = await post('/api/session.setAnnotator', big)
    expect(declared.status).toBe(413)
    expect(json(declared.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(json(declared.body).error.message).toMatch(/over 1048576 bytes/)
    // Chunked: no content-length, so the limit must hold while reading.
    const chunked = await post('/api/session.setAnnotator', big, { 'transfer-encoding': 'chunked' })
    expect(chunked.status).toBe(413)
  })

  it('404 with a structured reply for an unknown method (and a malformed one)', async () => {
    for (const p of ['/api/spans.explode', '/api/__proto__', '/api/constructor', '/api/', '/api/%E0%A4%A']) {
      const r = await post(p, '{}')
      expect(r.status, p).toBe(404)
      expect(json(r.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    }
  })

  it('a body that is not JSON gets a structured 400', async () => {
    for (const body of ['{nope', '{"id":1,}', 'NaN', '{"id": Infinity}', Buffer.from([0xff, 0xfe, 0x00])]) {
      const r = await post('/api/spans.delete', body)
      expect(r.status).toBe(400)
      expect(json(r.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      expect(json(r.body).error.message).toMatch(/not JSON/)
    }
  })

  it('JSON of the wrong shape is a structured refusal, __proto__ included', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/spans.delete', '[1,2]', /\(arguments\)/],
      ['/api/spans.delete', '"text"', /\(arguments\)/],
      ['/api/spans.delete', 'null', /\(arguments\)/],
      ['/api/spans.delete', '{"id":"1"}', /id: /],
      ['/api/spans.delete', '{"id":1e400}', /id: /],
      ['/api/spans.delete', `{"id":${ws.spanIds[0]},"__proto__":{"polluted":true}}`, /__proto__/],
    ]
    for (const [p, body, message] of cases) {
      const r = await post(p, body)
      expect(r.status, body.slice(0, 40)).toBe(200)
      const reply = json(r.body)
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      expect(reply.error.message).toMatch(message)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('JSON nested deeper than 256 levels is refused before parsing, as a structured 400', async () => {
    const r = await post('/api/documents.get', '{"a":'.repeat(HUGE_DEPTH) + '1' + '}'.repeat(HUGE_DEPTH))
    expect(r.status).toBe(400)
    expect(json(r.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    expect(json(r.body).error.message).toMatch(/nested deeper than 256 levels/)
  })

  it('a request line no URL parser accepts does not bring the server down', async () => {
    const r = await request(server.port, { path: '//[', headers: { host: host() } })
    expect(r.status).toBe(400)
    const after = await post('/api/schema.list', '{}')
    expect(after.status).toBe(200)
  })

  it('serves pages with a strict Content-Security-Policy header', async () => {
    const r = await request(server.port, { path: '/', headers: { host: host() } })
    const csp = String(r.headers['content-security-policy'])
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe|unsafe-eval/)
    expect(csp).toMatch(/object-src 'none'/)
    expect(csp).toMatch(/frame-ancestors 'none'/)
  })
})
