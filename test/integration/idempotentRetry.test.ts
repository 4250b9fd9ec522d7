import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/api/handlerTable'
import { startHttpServer } from '../../src/main/http/httpServer'
import type { RunningServer } from '../../src/main/http/httpServer'
import { tempDir, tempStore } from '../helpers/tempWorkspace'

/** POST one API call to the real loopback server, with an optional request id header. */
function api(server: RunningServer, method: string, body: unknown, requestId?: string) {
  const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }
  if (requestId !== undefined) headers['x-spanwright-request'] = requestId
  return new Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

/**
 * Issue 6: a save whose transaction committed but whose answer was lost is
 * retried with the same request id, and must not be applied a second time.
 */
describe('a retried save is applied once (HTTP, real store)', () => {
  let server: RunningServer
  const { store } = tempStore()
  const text = 'Kerry met Michel in Brussels after the attack.'
  const documentId = store.documents.insert({ externalId: 'd1', title: 'D', text, meta: {} })
  const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length })
  const layer = () => store.spans.layer(documentId, store.annotators.byName('alice')!.id)

  beforeAll(async () => {
    server = await startHttpServer({ handlers: createHandlers({ store, version: 't', transport: 'http' }), staticDir: tempDir(), port: 0 })
  })
  afterAll(() => server.close())

  it('spans.create twice with one id creates one span, and both answers are equal', async () => {
    const id = crypto.randomUUID()
    const args = { documentId, annotator: 'alice', label: 'PERSON', ...at('Kerry') }
    const first = await api(server, 'spans.create', args, id)
    const retry = await api(server, 'spans.create', args, id)
    expect(first.status).toBe(200)
    expect(first.body.ok).toBe(true)
    expect(retry).toEqual(first)
    expect(layer()).toHaveLength(1)

    // A different id is a different edit: it runs.
    const other = await api(server, 'spans.create', { ...args, ...at('Michel') }, crypto.randomUUID())
    expect(other.body.ok).toBe(true)
    expect(layer()).toHaveLength(2)
  })

  it('history.undo twice with one id undoes once; a new id undoes again', async () => {
    const created = await api(server, 'spans.create', { documentId, annotator: 'alice', label: 'GPE', ...at('Brussels') }, crypto.randomUUID())
    expect(created.body.ok).toBe(true)
    expect(layer()).toHaveLength(3)

    const id = crypto.randomUUID()
    const undo = { documentId, annotator: 'alice' }
    const first = await api(server, 'history.undo', undo, id)
    const retry = await api(server, 'history.undo', undo, id)
    expect(first.body.ok).toBe(true)
    expect(retry).toEqual(first)
    expect(layer().map((s) => text.slice(s.start, s.end)).sort()).toEqual(['Kerry', 'Michel'])

    expect((await api(server, 'history.undo', undo, crypto.randomUUID())).body.ok).toBe(true)
    expect(layer().map((s) => text.slice(s.start, s.end))).toEqual(['Kerry'])
  })

  it('a refused call is not recorded: the same id runs again once it can succeed', async () => {
    const id = crypto.randomUUID()
    const bad = await api(server, 'spans.create', { documentId, annotator: 'alice', label: 'NOPE', ...at('attack') }, id)
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    const good = await api(server, 'spans.create', { documentId, annotator: 'alice', label: 'EVENT', ...at('attack') }, id)
    expect(good.body.ok).toBe(true)
    expect(layer()).toHaveLength(2)
  })

  it('calls without an id run every time, as before', async () => {
    const before = layer().length
    const args = { documentId, annotator: 'alice', label: 'GPE', ...at('Brussels') }
    expect((await api(server, 'spans.create', args)).body.ok).toBe(true)
    expect((await api(server, 'history.undo', { documentId, annotator: 'alice' })).body.ok).toBe(true)
    expect((await api(server, 'history.redo', { documentId, annotator: 'alice' })).body.ok).toBe(true)
    expect(layer()).toHaveLength(before + 1)
  })

  it('refuses a malformed x-spanwright-request header with 400, changing nothing', async () => {
    const before = layer().length
    for (const bad of ['short', 'x'.repeat(65), 'has space in it', 'semi;colon-1234']) {
      const r = await api(server, 'spans.create', { documentId, annotator: 'alice', label: 'PERSON', ...at('Michel') }, bad)
      expect(r.status, bad).toBe(400)
      expect(r.body.error?.message).toContain('x-spanwright-request')
    }
    expect(layer()).toHaveLength(before)
  })
})
