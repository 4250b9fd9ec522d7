import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { startHttpServer } from '../../../../src/main/http/httpServer'
import type { RunningServer } from '../../../../src/main/http/httpServer'
import { MAX_JSON_ITEMS } from '../../../../src/main/http/requestBodyShape'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

/**
 * A body under the byte limit made of tiny objects (`{"spans":[{"a":1},…]}`): 60 MB of them held serve's thread
 * 10-40 s while it was parsed and cloned to the API worker, and nothing else was answered. Such a body is now
 * refused before it is parsed (413, naming the limit) and never reaches the API; the largest real calls still do.
 */
function post(port: number, token: string, method: string, body: string) {
  return new Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('an API body of many tiny objects', () => {
  const calls: string[] = []
  let server: RunningServer
  beforeAll(async () => {
    const staticDir = tempDir()
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
    const handlers = createHandlers({ store: tempStore().store, version: 't', transport: 'http' })
    // The real dispatch, as the API worker runs it; the list says which calls the server handed on.
    server = await startHttpServer({ staticDir, port: 0, call: (m, a, r) => (calls.push(String(m)), dispatch(handlers, m, a, r)) })
  })
  afterAll(() => server?.close())

  it('is refused unparsed with a 413 naming the limit, and never reaches the API; app.info is answered after it', async () => {
    const n = Math.ceil(MAX_JSON_ITEMS / 2) + 1
    const body = `{"documentId":1,"annotator":"alice","label":"PERSON","ranges":[${Array(n).fill('{"a":1}').join(',')}]}`
    const big = post(server.port, server.token, 'spans.createMany', body)
    const ping = post(server.port, server.token, 'app.info', '{}')
    const [b, p] = await Promise.all([big, ping])
    expect(b.status).toBe(413)
    expect(b.body.error?.message).toMatch(new RegExp(`more than ${MAX_JSON_ITEMS} JSON objects, arrays and strings \\(keys included; the limit per request; at character \\d+\\)`))
    expect(p).toMatchObject({ status: 200, body: { ok: true } })
    expect(calls).toEqual(['app.info'])
  })

  it('the largest lists the contract allows still reach the API: 10,000 rejections and 10,000 unrejections in one review.decide', async () => {
    calls.length = 0
    const items = (k: number) => Array.from({ length: 10_000 }, (_, i) => ({ kind: 'span', id: k + i }))
    const r = await post(server.port, server.token, 'review.decide', JSON.stringify({ documentId: 1, reviewer: 'rita', reject: items(1), unreject: items(20_001) }))
    expect(calls).toEqual(['review.decide'])
    expect(r.body.error?.message).toMatch(/no document with id 1/)
  })

  it('a body nested too deep is still a 400 before parsing, a string full of braces is not counted', async () => {
    const deep = await post(server.port, server.token, 'app.info', '['.repeat(300) + ']'.repeat(300))
    expect(deep.status).toBe(400)
    expect(deep.body.error?.message).toMatch(/nested deeper than 256 levels/)
    const braces = await post(server.port, server.token, 'session.setAnnotator', JSON.stringify({ name: 'x', note: '{:['.repeat(200_000) }))
    expect(braces.status).toBe(200)
    expect(braces.body.error?.message).toMatch(/note/)
  })
})
