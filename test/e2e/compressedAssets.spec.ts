// A first start in the browser mode (issue 12 §2): every run of `serve` listens on a new port, so the browser's cache
// is empty there and the start asks for every script. The build writes each text file compressed beside it
// (`<file>.br`, `<file>.gz`), and the server sends those bytes as they are instead of compressing on the request
// (brotli at quality 9 took 0.1-0.25 s of CPU per script, on the start's path).
import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { appPerDescribe } from './fixtures'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RENDERER = path.resolve(ROOT, process.env.SPANWRIGHT_OUT ?? 'out', 'renderer')

/** The raw bytes the server sends for `pathname` to a browser that accepts `encoding`. */
function rawGet(origin: string, pathname: string, encoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${origin}${pathname}`, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

test.describe('the build\'s compressed files', () => {
  const app = appPerDescribe({ annotator: 'alice' })

  test('a document\'s first start gets the page and every script as the build compressed them', async ({ page }) => {
    const fetched: string[] = []
    page.on('request', (r) => {
      const { pathname } = new URL(r.url())
      if (pathname.startsWith('/assets/') && /\.(js|css)$/.test(pathname)) fetched.push(pathname)
    })
    await page.goto(`${app.url}#/documents/001_5a98d8623b08ebb0`)
    await expect(page.locator('[data-document-ready="true"]')).toBeVisible()
    expect(fetched.some((p) => /\/DocumentView-[\w-]+\.js$/.test(p)), 'the editor\'s code').toBe(true)
    const sent = ['/', ...new Set(fetched)]
    for (const pathname of sent) {
      const file = path.join(RENDERER, pathname === '/' ? 'index.html' : pathname)
      const plain = fs.readFileSync(file)
      if (plain.length < 1024) continue
      for (const [accept, suffix, decode] of [
        ['gzip, deflate, br, zstd', '.br', zlib.brotliDecompressSync],
        ['gzip, deflate', '.gz', zlib.gunzipSync],
      ] as const) {
        const built = fs.readFileSync(file + suffix)
        expect(decode(built).equals(plain), `${pathname}${suffix} holds the file`).toBe(true)
        const got = await rawGet(app.origin, pathname, accept)
        expect(got.encoding, `${pathname} for ${accept}`).toBe(suffix === '.br' ? 'br' : 'gzip')
        expect(got.body.equals(built), `${pathname} is the build's ${suffix}`).toBe(true)
      }
    }
  })
})
