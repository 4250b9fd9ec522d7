import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { staticPath, startHttpServer } from '../../../../src/main/http/httpServer'
import type { RunningServer } from '../../../../src/main/http/httpServer'
import { seeded } from '../../../helpers/seededRandom'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

/**
 * The loopback server against hostile request targets, sent as raw bytes over
 * a socket (an HTTP client would normalise or refuse them first). Whatever
 * the path, the process answers and goes on, and nothing outside the static
 * root is ever served.
 */

const SECRET = 'SECRET-OUTSIDE-THE-ROOT-7f3a'
const INDEX = '<!doctype html><title>Spanwright</title>'
const ASSET = 'console.log("asset")'

interface RawReply {
  status: number
  body: string
}

/** One request on its own connection; the target's bytes go out exactly as given. */
function raw(port: number, target: Buffer | string, extraHeaders = ''): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text)
      const cut = text.indexOf('\r\n\r\n')
      resolve({ status: m ? Number(m[1]) : 0, body: cut < 0 ? '' : text.slice(cut + 4) })
    })
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer for ${String(target).slice(0, 80)}`)))
    // write, not end: a half-closed socket may be dropped before a slow (async) answer is sent.
    socket.write(
      Buffer.concat([
        Buffer.from('GET ', 'latin1'),
        typeof target === 'string' ? Buffer.from(target, 'latin1') : target,
        Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`, 'latin1'),
      ]),
    )
  })
}

/** Pieces a hostile path is made of: traversal in every encoding, bad escapes, NUL, overlongs, separators. */
const PIECES: (string | Buffer)[] = [
  '..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%c0%ae%c0%ae', '%c0%af', '%e0%80%af', '%c1%9c',
  '..%2f', '..%2F', '..%5c', '..\\', '\\', '%5c', '%2f', '//', '%00', '%00.js', '%ZZ', '%', '%e0', '%ed%a0%80',
  '%f4%90%80%80', '%ff', '%u002e', 'index.html', 'assets', 'app.js', 'etc', 'passwd', 'outside', 'link', 'secret.txt',
  ';', '?', '?token=x', '#frag', '%3f', '%23', '~', '*', 'é', '%c3%a9', '\u05d0', ' ', '%20', '%0d%0a', '%09',
  Buffer.from([0xc3, 0xa9]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe]), Buffer.from([0x80]),
  Buffer.from([0x00]), Buffer.from([0x7f]), Buffer.from('\r'), Buffer.from('\n'),
]

function hostilePath(rand: () => number): Buffer {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const parts: Buffer[] = []
  const n = 1 + Math.floor(rand() * 7)
  const lead = rand()
  // Mostly origin-form, sometimes a network path, an absolute URL, or nothing at all in front.
  parts.push(Buffer.from(lead < 0.7 ? '/' : lead < 0.8 ? '//host/' : lead < 0.9 ? 'http://127.0.0.1/' : ''))
  for (let i = 0; i < n; i++) {
    const p = pick(PIECES)
    parts.push(typeof p === 'string' ? Buffer.from(p, 'utf8') : p)
    if (rand() < 0.6) parts.push(Buffer.from(pick(['/', '/', '%2f', '\\', '%5c'])))
  }
  const r = rand()
  if (r < 0.05) parts.push(Buffer.from('a'.repeat(1000 + Math.floor(rand() * 20_000)))) // very long
  else if (r < 0.1) parts.push(Buffer.from('../'.repeat(50 + Math.floor(rand() * 500))))
  else if (r < 0.15) parts.push(Buffer.from(`?${'q='.repeat(200)}`))
  return Buffer.concat(parts)
}

describe('the loopback server survives hostile paths', () => {
  let server: RunningServer
  const base = tempDir()
  const root = path.join(base, 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), INDEX)
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), ASSET)
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET)
  fs.mkdirSync(path.join(base, 'outside'))
  fs.writeFileSync(path.join(base, 'outside', 'secret.txt'), SECRET)
  // Symlinks inside the root that lead out of it: refused, never followed out.
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link'))
  fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'outside'))
  const { store } = tempStore()

  beforeAll(async () => {
    server = await startHttpServer({ handlers: createHandlers({ store, version: 't', transport: 'http' }), staticDir: root, port: 0 })
  })
  afterAll(() => server.close())

  async function post(pathname: string, body: string): Promise<RawReply> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1')
      const chunks: Buffer[] = []
      socket.on('data', (c: Buffer) => chunks.push(c))
      socket.on('error', reject)
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) })
      })
      socket.write(
        `POST ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      )
    })
  }

  it('GET /index.html%00.js without a token is a 400, and the server answers after it', async () => {
    expect((await raw(server.port, '/index.html%00.js')).status).toBe(400)
    expect((await raw(server.port, '/%ZZ')).status).toBe(400)
    expect((await raw(server.port, '/index.html%c0%af')).status).toBe(400)
    const r = await post('/api/schema.list', '{}')
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body).ok).toBe(true)
  })

  it('serves files inside the root, and refuses symlinks that lead out of it', async () => {
    expect(await raw(server.port, '/')).toMatchObject({ status: 200, body: INDEX })
    expect(await raw(server.port, '/assets/app.js')).toMatchObject({ status: 200, body: ASSET })
    expect(await raw(server.port, '/assets/../index.html')).toMatchObject({ status: 200, body: INDEX })
    for (const p of ['/link', '/outside/secret.txt', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const r = await raw(server.port, p)
      expect(r.status, p).toBe(404)
      expect(r.body).not.toContain(SECRET)
    }
    for (const p of ['/..%5csecret.txt', '/assets\\..\\..\\secret.txt', '/index.html%00', '/%ed%a0%80', `/${'a'.repeat(2000)}`]) {
      expect((await raw(server.port, p)).status, p).toBe(400)
    }
  })

  it('the pure path check refuses every NUL, control character, backslash and bad escape', () => {
    for (const p of ['/%00', '/a%00b', '/%0a', '/%5c', '/a\\b', '/%ZZ', '/%', '/%c0%af', '/%ed%a0%80', '/%f4%90%80%80', '//x']) {
      expect(staticPath(p), p).toBeNull()
    }
    expect(staticPath('/')).toBe('/index.html')
    expect(staticPath('/assets/%C3%A9.js')).toBe('/assets/é.js')
  })

  it('answers 1,200 seeded hostile paths (raw bytes, 12 batches), never with a file from outside, and the API answers after each batch', async () => {
    const rand = seeded(20261206)
    const statuses = new Map<number, number>()
    const BATCHES = 12
    const PER_BATCH = 100
    for (let b = 0; b < BATCHES; b++) {
      const paths = Array.from({ length: PER_BATCH }, () => hostilePath(rand))
      // Ten connections at a time: enough to interleave, not enough to starve the shared machine.
      for (let i = 0; i < paths.length; i += 10) {
        const replies = await Promise.all(paths.slice(i, i + 10).map((p) => raw(server.port, p)))
        replies.forEach((r, k) => {
          const p = paths[i + k].toString('latin1').slice(0, 120)
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
          expect(r.body, p).not.toContain(SECRET)
          // Every answer is an HTTP status the server chose (a refused request line is Node's own 400).
          expect([200, 400, 404, 405, 414, 421, 431], p).toContain(r.status)
          if (r.status === 200) expect([INDEX, ASSET], p).toContain(r.body)
        })
      }
      const api = await post('/api/schema.list', '{}')
      expect(api.status, `after batch ${b + 1}`).toBe(200)
      expect(JSON.parse(api.body)).toMatchObject({ ok: true })
    }
    // The mix really exercised every kind of answer, not only one.
    expect(statuses.get(400)).toBeGreaterThan(100)
    expect(statuses.get(404)).toBeGreaterThan(30)
    expect(statuses.get(200)).toBeGreaterThan(0)
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(BATCHES * PER_BATCH)
  })

  it('survives clients that hang up mid-request and malformed request lines', async () => {
    for (const bytes of ['GET / HTTP/1.1\r\nHost', 'GARBAGE\r\n\r\n', 'GET /\x00 HTTP/1.1\r\n\r\n', `GET /${'x'.repeat(100_000)} HTTP/1.1\r\n\r\n`]) {
      await new Promise<void>((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => {
          s.write(bytes)
          setTimeout(() => s.destroy(), 20)
        })
        s.on('error', () => resolve())
        s.on('close', () => resolve())
      })
    }
    expect((await post('/api/schema.list', '{}')).status).toBe(200)
  })
})
