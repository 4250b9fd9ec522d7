// The built renderer as `spanwright serve` sends it (the real CLI, a real SQLite file): content-named
// assets cached for a year as immutable, index.html revalidated by its ETag, and compression as asked.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../../../e2e/appServer'
import type { RunningApp } from '../../../e2e/appServer'
import { tempDir } from '../../../helpers/tempWorkspace'

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

function get(app: RunningApp, p: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${app.origin}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('static files from `spanwright serve`', () => {
  const out = tempDir()
  const renderer = path.join(out, 'renderer')
  // Text that compresses, as a build's would; above the size worth compressing.
  const script = Array.from({ length: 400 }, (_, i) => `export const line${i} = 'Kerry met Michel in Brussels, ${i}.'`).join('\n')
  const html = (v: number) => `<!doctype html><title>Spanwright ${v}</title><script type="module" src="./assets/index-DvmmgIJT.js"></script>${' '.repeat(2000)}`
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(renderer, 'index.html'), html(1))
  fs.writeFileSync(path.join(renderer, 'assets', 'index-DvmmgIJT.js'), script)
  fs.writeFileSync(path.join(renderer, 'assets', 'tiny-AbCdEf12.css'), 'p{margin:0}')
  let app: RunningApp
  const savedOut = process.env.SPANWRIGHT_OUT

  beforeAll(async () => {
    process.env.SPANWRIGHT_OUT = out
    app = await startApp()
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
    if (savedOut === undefined) delete process.env.SPANWRIGHT_OUT
    else process.env.SPANWRIGHT_OUT = savedOut
  })

  it('caches content-named assets for a year as immutable, and revalidates index.html by its ETag', async () => {
    const asset = await get(app, '/assets/index-DvmmgIJT.js')
    expect(asset.status).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(asset.body.toString()).toBe(script)

    const page = await get(app, '/')
    expect(page.status).toBe(200)
    expect(page.headers['cache-control']).toBe('no-cache')
    const etag = page.headers.etag!
    expect(etag).toMatch(/^"[\w-]{16,}"$/)
    // The security headers stay on every static reply.
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')

    const again = await get(app, '/', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers.etag).toBe(etag)
    expect((await get(app, '/', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304)
    expect((await get(app, '/', { 'if-none-match': '"other"' })).status).toBe(200)
  })

  it('sends a rebuilt index.html with a new ETag, not the one it read first', async () => {
    const before = await get(app, '/index.html')
    fs.writeFileSync(path.join(renderer, 'index.html'), html(2))
    // A later modification time, whatever the file system's clock resolution.
    const t = new Date(Date.now() + 5000)
    fs.utimesSync(path.join(renderer, 'index.html'), t, t)
    const after = await get(app, '/index.html', { 'if-none-match': before.headers.etag! })
    expect(after.status).toBe(200)
    expect(after.body.toString()).toBe(html(2))
    expect(after.headers.etag).not.toBe(before.headers.etag)
  })

  it('compresses with brotli or gzip as the browser accepts, the same bytes once decoded', async () => {
    const br = await get(app, '/assets/index-DvmmgIJT.js', { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('accept-encoding')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(script.length / 4)
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script)

    const gz = await get(app, '/assets/index-DvmmgIJT.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script)

    const plain = await get(app, '/assets/index-DvmmgIJT.js', { 'accept-encoding': 'br;q=0, gzip;q=0' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)

    // A file too small to be worth it goes as it is.
    const tiny = await get(app, '/assets/tiny-AbCdEf12.css', { 'accept-encoding': 'br, gzip' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('p{margin:0}')
  })

  it('answers HEAD with the headers only, and still 404s outside the build', async () => {
    const head = await get(app, '/assets/index-DvmmgIJT.js', { 'accept-encoding': 'gzip' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['cache-control']).toContain('immutable')
    expect((await get(app, '/assets/missing-DvmmgIJT.js')).status).toBe(404)
    expect((await get(app, '/assets')).status).toBe(404)
  })
})
