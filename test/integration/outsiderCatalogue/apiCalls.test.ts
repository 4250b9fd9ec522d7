// The outsider catalogue, API: text and shapes that must never be stored or
// crash a handler: unpaired surrogates in any string argument, arguments
// nested deeper than 256 levels (IPC carries them as objects, HTTP as text),
// bad UTF-8 bodies. Each is refused with its reason and the workspace stays
// exactly as it was; the well-formed twin of a case is accepted.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlerTable'
import { startHttpServer } from '../../../src/main/http/httpServer'
import type { RunningServer } from '../../../src/main/http/httpServer'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { snapshotStore } from '../../helpers/storeSnapshot'
import { tempDir, tempStore } from '../../helpers/tempWorkspace'

const { store, dir } = tempStore()
const handlers = createHandlers({ store, version: 't', transport: 'ipc' })
let docId = 0
let spanId = 0

const deepArray = (n: number): unknown => {
  let v: unknown = 1
  for (let i = 0; i < n; i++) v = [v]
  return v
}
const deepObject = (n: number): unknown => {
  let v: unknown = 1
  for (let i = 0; i < n; i++) v = { a: v }
  return v
}

interface ApiCase {
  name: string
  method: string
  args: () => unknown
  message: RegExp
}

const span = (over: Record<string, unknown> = {}) => ({ documentId: docId, annotator: 'alice', label: 'PERSON', start: 0, end: 5, ...over })
const LONE = /unpaired surrogate U\+D800 at code unit \d+/

const cases: ApiCase[] = [
  { name: 'spans.create: lone surrogate in the note', method: 'spans.create', args: () => span({ note: 'ab\ud800' }), message: /note: unpaired surrogate U\+D800 at code unit 2/ },
  { name: 'spans.create: lone low surrogate in the note', method: 'spans.create', args: () => span({ note: '\udc00x' }), message: /note: unpaired surrogate U\+DC00 at code unit 0/ },
  { name: 'spans.create: lone surrogate in the label', method: 'spans.create', args: () => span({ label: 'PERSON\ud800' }), message: /label: unpaired surrogate/ },
  { name: 'spans.create: lone surrogate in the annotator', method: 'spans.create', args: () => span({ annotator: 'al\ud800' }), message: /annotator: unpaired surrogate/ },
  { name: 'spans.create: lone surrogate in the norm', method: 'spans.create', args: () => span({ norm: 'Wikidata:\ud800' }), message: /norm: unpaired surrogate/ },
  { name: 'spans.create: lone surrogate in an attribute value', method: 'spans.create', args: () => span({ attributes: { certainty: '\ud800' } }), message: /attributes\.certainty: unpaired surrogate/ },
  { name: 'spans.create: lone surrogate in an attribute name', method: 'spans.create', args: () => span({ attributes: { ['neg\ud800']: true } }), message: /the key has an unpaired surrogate/ },
  { name: 'spans.update: lone surrogate in the note', method: 'spans.update', args: () => ({ id: spanId, note: 'x\ud800' }), message: LONE },
  { name: 'spans.update: reversed pair in the note', method: 'spans.update', args: () => ({ id: spanId, note: '\ude00\ud83d' }), message: /unpaired surrogate U\+DE00 at code unit 0/ },
  { name: 'spans.update: lone surrogate in an attribute', method: 'spans.update', args: () => ({ id: spanId, attributes: { certainty: 'lo\ud800w' } }), message: LONE },
  { name: 'spans.createMany: lone surrogate in the label', method: 'spans.createMany', args: () => ({ documentId: docId, annotator: 'alice', label: 'P\ud800', ranges: [{ start: 0, end: 5 }] }), message: LONE },
  { name: 'relations.create: lone surrogate in the label', method: 'relations.create', args: () => ({ documentId: docId, annotator: 'alice', label: 'PART_OF\ud800', headId: spanId, tailId: spanId }), message: LONE },
  { name: 'documents.list: lone surrogate in the search', method: 'documents.list', args: () => ({ annotator: 'alice', query: 'Ker\ud800' }), message: /query: unpaired surrogate/ },
  { name: 'schema.createLabel: lone surrogate in the name', method: 'schema.createLabel', args: () => ({ kind: 'entity', name: 'X\ud800', color: '#aabbcc' }), message: /name: unpaired surrogate/ },
  { name: 'schema.createLabel: lone surrogate in the description', method: 'schema.createLabel', args: () => ({ kind: 'entity', name: 'X', color: '#aabbcc', description: 'd\ud800' }), message: /description: unpaired surrogate/ },
  { name: 'session.setAnnotator: lone surrogate in the name', method: 'session.setAnnotator', args: () => ({ name: 'bob\ud800' }), message: /name: unpaired surrogate/ },
  { name: 'transfer.upload: lone surrogate in the file name', method: 'transfer.upload', args: () => ({ name: 'a\ud800.jsonl', base64: '' }), message: /name: unpaired surrogate/ },
  { name: 'transfer.preview: lone surrogate in a path', method: 'transfer.preview', args: () => ({ paths: ['/tmp/a\ud800.jsonl'] }), message: /paths\.0: unpaired surrogate/ },
  { name: 'transfer.import: lone surrogate in the annotator', method: 'transfer.import', args: () => ({ paths: ['/tmp/a.jsonl'], annotator: 'x\ud800' }), message: /annotator: unpaired surrogate/ },
  { name: 'spans.update: attributes 300 deep', method: 'spans.update', args: () => ({ id: spanId, attributes: { k: deepObject(300) } }), message: /attributes: nested deeper than 256 levels/ },
  { name: 'spans.update: attributes 100,000 deep', method: 'spans.update', args: () => ({ id: spanId, attributes: { k: deepArray(100_000) } }), message: /attributes: nested deeper than 256 levels/ },
  { name: 'spans.createMany: ranges 300 deep', method: 'spans.createMany', args: () => ({ documentId: docId, annotator: 'alice', label: 'PERSON', ranges: deepArray(300) }), message: /ranges: nested deeper than 256 levels/ },
  { name: 'documents.list: the whole arguments 10,000 deep', method: 'documents.list', args: () => deepObject(10_000), message: /a: nested deeper than 256 levels/ },
  { name: 'transfer.import: paths 1,000 deep', method: 'transfer.import', args: () => ({ paths: deepArray(1000) }), message: /paths: nested deeper than 256 levels/ },
  { name: 'review.agreement: ids 257 deep', method: 'review.agreement', args: () => ({ documentIds: deepArray(257) }), message: /documentIds: nested deeper than 256 levels/ },
  {
    name: 'spans.update: attributes that refer to themselves (a cycle, as structured clone carries)',
    method: 'spans.update',
    args: () => {
      const a: Record<string, unknown> = {}
      a.self = a
      return { id: spanId, attributes: a }
    },
    message: /attributes/,
  },
]

beforeAll(async () => {
  const f = path.join(dir, 'seed.jsonl')
  fs.writeFileSync(f, `${JSON.stringify({ id: 'd1', text: 'Kerry met Michel.', annotator: 'alice', spans: [{ start: 0, end: 5, label: 'PERSON' }] })}\n`)
  await importFiles(store, [f], { annotator: null, backup: false })
  docId = (store.db.prepare('SELECT id FROM documents').get() as { id: number }).id
  spanId = (store.db.prepare('SELECT id FROM spans').get() as { id: number }).id
})

describe('outsider catalogue: API arguments', () => {
  it('has at least 25 named cases', () => expect(cases.length).toBeGreaterThanOrEqual(25))

  for (const c of cases) {
    it(c.name, async () => {
      const before = snapshotStore(store)
      const reply = await dispatch(handlers, c.method, c.args())
      expect(reply.ok).toBe(false)
      if (reply.ok) return
      expect(reply.error.code).toBe('bad_request')
      expect(reply.error.message).toMatch(c.message)
      expect(snapshotStore(store)).toEqual(before)
    })
  }

  it('the well-formed twins are accepted: a surrogate pair in a note, attributes within the depth limit', async () => {
    const created = await dispatch(handlers, 'spans.create', span({ note: 'smile 😀', start: 10, end: 16 }))
    expect(created).toMatchObject({ ok: true, value: { note: 'smile 😀' } })
    const listed = await dispatch(handlers, 'documents.list', { annotator: 'alice', query: 'Kerry' })
    expect(listed.ok).toBe(true)
  })
})

describe('outsider catalogue: HTTP bodies', () => {
  let server: RunningServer
  beforeAll(async () => {
    const staticDir = tempDir()
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
    server = await startHttpServer({ handlers, staticDir, port: 0 })
  })
  afterAll(() => server.close())

  const post = (method: string, body: Buffer | string) =>
    new Promise<{ status: number; reply: { ok: boolean; error?: { code: string; message: string } } }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reply: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })

  const HTTP_CASES: [string, string, Buffer | string, number, RegExp][] = [
    ['a \\ud800 escape in a note', 'spans.update', '{"id":1,"note":"a\\ud800b"}', 200, /note: unpaired surrogate U\+D800 at code unit 1/],
    ['a \\udfff escape in a query', 'documents.list', '{"annotator":"alice","query":"\\udfff"}', 200, /query: unpaired surrogate U\+DFFF/],
    ['bytes ED A0 80 (an encoded surrogate) in the body', 'spans.update', Buffer.concat([Buffer.from('{"id":1,"note":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), 400, /not valid UTF-8/],
    ['bytes C0 AF (overlong) in the body', 'spans.update', Buffer.concat([Buffer.from('{"id":1,"note":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), 400, /not valid UTF-8/],
    ['a Latin-1 é in the body', 'spans.update', Buffer.concat([Buffer.from('{"id":1,"note":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]), 400, /not valid UTF-8/],
    ['a body 300 arrays deep', 'documents.list', `{"annotator":"alice","x":${'['.repeat(300)}${']'.repeat(300)}}`, 400, /nested deeper than 256 levels/],
    ['a body 1,000,000 arrays deep', 'documents.list', `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, 400, /nested deeper than 256 levels/],
  ]
  for (const [name, method, body, status, message] of HTTP_CASES) {
    it(name, async () => {
      const before = snapshotStore(store)
      const r = await post(method, body)
      expect(r.status).toBe(status)
      expect(r.reply).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      expect(r.reply.error!.message).toMatch(message)
      expect(snapshotStore(store)).toEqual(before)
      expect((await post('schema.list', '{}')).status).toBe(200)
    })
  }
})
