import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/api/dispatch'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { openStore } from '../../../../src/main/store/store'
import { bigDocumentJsonl } from '../../../bench/bigDocument'
import { cli } from '../../../helpers/cliRun'
import { postApi, startServe } from '../../../helpers/serveProcess'
import type { RawReply } from '../../../helpers/serveProcess'
import { tempDir } from '../../../helpers/tempWorkspace'

/**
 * The worker writes a successful reply as JSON once and the HTTP thread sends
 * those bytes as they are (src/main/api/encodedReply.ts). Through a real
 * `spanwright serve`: every body must be byte for byte what the in-process
 * dispatch's reply stringifies to (the path before), with a right
 * Content-Length, for non-ASCII text, a 12k-span layer, and error replies.
 */

const UNICODE_TEXT = 'Zoë met 李明 in Tel Aviv (תל אביב) 🎉 at the café\u0301 — «naïve» 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.\nA second line: Ελλάδα, Україна, 日本語.'
const UNICODE_SPANS: [string, string][] = [['Zoë', 'PERSON'], ['李明', 'PERSON'], ['תל אביב', 'GPE'], ['🎉', 'EVENT']]
const BIG = { words: 40_000, spans: 12_000, relations: 3_000, seed: 7, id: 'big-reply' }

type Raw = RawReply

let dir = ''
let db = ''
let child: ChildProcess | null = null
let port = 0
let token = ''

const post = (method: string, body: string) => postApi(port, token, method, body)

/** Each call made through `serve`, to be compared with the in-process dispatch once the server has stopped. */
const seen: { method: string; args: unknown; raw: Raw }[] = []
async function call(method: string, args: unknown): Promise<Raw> {
  const raw = await post(method, JSON.stringify(args))
  seen.push({ method, args, raw })
  return raw
}
const json = (r: Raw) => JSON.parse(r.body.toString('utf8')) as { ok: boolean; value?: any; error?: { code: string; message: string } }

beforeAll(async () => {
  dir = tempDir()
  db = path.join(dir, 'w.spanwright')
  const jsonl = path.join(dir, 'docs.jsonl')
  const unicode = {
    id: 'unicode',
    text: UNICODE_TEXT,
    annotator: 'alice',
    offsets: 'utf16',
    spans: UNICODE_SPANS.map(([word, label]) => ({ start: UNICODE_TEXT.indexOf(word), end: UNICODE_TEXT.indexOf(word) + word.length, label })),
  }
  fs.writeFileSync(jsonl, `${JSON.stringify(unicode)}\n${bigDocumentJsonl(BIG, 'alice')}`)
  const imported = cli(['import', jsonl, '--db', db], { ...process.env, SPANWRIGHT_HOME: dir })
  if (imported.code !== 0) throw new Error(`import failed: ${imported.err || imported.out}`)
  ;({ child, port, token } = await startServe(dir, db))
}, 120_000)

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
})

describe('API replies through a real serve, written as JSON by the worker', () => {
  it('non-ASCII text and its layer arrive whole, with the byte length as Content-Length', async () => {
    const doc = await call('documents.get', { externalId: 'unicode' })
    expect(doc.status).toBe(200)
    expect(doc.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(Number(doc.headers['content-length'])).toBe(doc.body.length)
    expect(doc.body.length).toBeGreaterThan(Buffer.byteLength(UNICODE_TEXT)) // multi-byte characters counted in bytes, not UTF-16 units
    const d = json(doc)
    expect(d.ok).toBe(true)
    expect(d.value.text).toBe(UNICODE_TEXT)
    const layer = await call('annotations.get', { documentId: d.value.id, annotator: 'alice' })
    expect(Number(layer.headers['content-length'])).toBe(layer.body.length)
    const spans = json(layer).value.spans as { start: number; end: number; label: string }[]
    expect(spans.map((s) => UNICODE_TEXT.slice(s.start, s.end))).toEqual(UNICODE_SPANS.map(([word]) => word))
  })

  it('a 12k-span, 3k-relation layer (megabytes of JSON) arrives whole', async () => {
    const id = json(await call('documents.get', { externalId: 'big-reply' })).value.id as number
    const layer = await call('annotations.get', { documentId: id, annotator: 'alice' })
    expect(layer.status).toBe(200)
    expect(layer.body.length).toBeGreaterThan(2_000_000)
    expect(Number(layer.headers['content-length'])).toBe(layer.body.length)
    const v = json(layer).value as { spans: unknown[]; relations: unknown[] }
    expect(v.spans).toHaveLength(BIG.spans)
    expect(v.relations).toHaveLength(BIG.relations)
  })

  it('error replies: an unknown method is 404, bad arguments and a missing document are 200 with the error', async () => {
    const unknown = await call('documents.nope', {})
    expect(unknown.status).toBe(404)
    expect(json(unknown).error?.code).toBe('unknown_method')
    const bad = await call('annotations.get', { documentId: 'one', annotator: 'alice' })
    expect(bad.status).toBe(200)
    expect(json(bad)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    const missing = await call('documents.get', { id: 987654 })
    expect(missing.status).toBe(200)
    expect(json(missing)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    for (const r of [unknown, bad, missing]) expect(Number(r.headers['content-length'])).toBe(r.body.length)
  })

  it('every body is byte for byte the in-process reply, stringified (the path before the worker wrote JSON)', async () => {
    expect(seen.length).toBeGreaterThanOrEqual(7)
    const stopped = new Promise((r) => child!.once('exit', r))
    child!.kill('SIGTERM')
    await stopped
    const store = openStore(db)
    try {
      const handlers = createHandlers({ store, version: 't', transport: 'http' })
      for (const s of seen) {
        const reply = await dispatch(handlers, s.method, s.args)
        expect(s.raw.body.toString('utf8'), s.method).toBe(JSON.stringify(reply))
      }
    } finally {
      store.close()
    }
  }, 60_000)
})
