// The build writes `<file>.br` and `<file>.gz` beside the renderer's text files (electron.vite.config.ts): `serve`
// sends those instead of compressing on the request, which put 0.1-0.25 s of CPU per script on a first start's path
// (every run of `serve` has a new port, so the browser's cache is empty there). A copy that does not hold the file's
// bytes is not sent.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { StaticFiles } from '../../../../src/main/http/staticFiles'
import { tempDir } from '../../../helpers/tempWorkspace'

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i}`))};\n`
// Quality 1 and level 1: bytes the server's own compression (brotli 9, gzip 9) would not give, so a test can tell them apart.
const fastBrotli = (b: Buffer) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } })
const fastGzip = (b: Buffer) => zlib.gzipSync(b, { level: 1 })

function asset(name = 'index-AbCdEfGh.js', text = SCRIPT): { file: string; rel: string; data: Buffer } {
  const dir = path.join(tempDir('spanwright-static-'), 'assets')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return { file, rel: `/assets/${name}`, data: Buffer.from(text) }
}

describe('static files: the build\'s compressed copies', () => {
  it('sends the build\'s .br to a browser that accepts brotli, and its .gz to one that accepts only gzip', async () => {
    const { file, rel, data } = asset()
    fs.writeFileSync(`${file}.br`, fastBrotli(data))
    fs.writeFileSync(`${file}.gz`, fastGzip(data))
    const files = new StaticFiles()
    const br = await files.reply(file, rel, { acceptEncoding: 'gzip, deflate, br, zstd' })
    expect(br?.headers['content-encoding']).toBe('br')
    expect(br?.body?.equals(fs.readFileSync(`${file}.br`))).toBe(true)
    expect(br?.headers['content-length']).toBe(String(fs.statSync(`${file}.br`).size))
    const gz = await files.reply(file, rel, { acceptEncoding: 'gzip' })
    expect(gz?.headers['content-encoding']).toBe('gzip')
    expect(gz?.body?.equals(fs.readFileSync(`${file}.gz`))).toBe(true)
    // The plain file for a browser that takes neither.
    const plain = await files.reply(file, rel, { acceptEncoding: 'identity' })
    expect(plain?.headers['content-encoding']).toBeUndefined()
    expect(plain?.body?.equals(data)).toBe(true)
  })

  it('does not send a copy of another version of the file: it compresses the file itself', async () => {
    const { file, data } = asset('index.html', `<!doctype html><p>${'new '.repeat(400)}</p>`)
    const old = Buffer.from(`<!doctype html><p>${'old '.repeat(400)}</p>`)
    fs.writeFileSync(`${file}.br`, fastBrotli(old))
    fs.writeFileSync(`${file}.gz`, Buffer.from('not gzip at all'))
    const files = new StaticFiles()
    const br = await files.reply(file, '/index.html', { acceptEncoding: 'br' })
    expect(br?.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(br!.body!).equals(data)).toBe(true)
    const gz = await files.reply(file, '/index.html', { acceptEncoding: 'gzip' })
    expect(zlib.gunzipSync(gz!.body!).equals(data)).toBe(true)
  })

  it('compresses as before where the build left no copy', async () => {
    const { file, rel, data } = asset()
    const br = await new StaticFiles().reply(file, rel, { acceptEncoding: 'br' })
    expect(br?.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(br!.body!).equals(data)).toBe(true)
  })
})
