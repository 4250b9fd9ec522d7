import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}
/** Text worth compressing; images and fonts are compressed already. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json'])
/** Below this, compressing saves less than a header costs. */
export const MIN_COMPRESS_BYTES = 1024
/** How text is compressed, on a request and by the build (electron.vite.config.ts writes `<file>.br` and `.gz` alike). */
export const BROTLI_OPTIONS = (size: number): zlib.BrotliOptions => ({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } })
export const GZIP_OPTIONS: zlib.ZlibOptions = { level: 9 }

/**
 * The build names its assets by their content (`assets/<name>-<hash>.<ext>`): such a file never changes
 * under its name, so the browser may keep it for a year without asking again, and reuse what it compiled.
 */
export function isHashedAsset(rel: string): boolean {
  return /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(rel)
}

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean)
    accepted.set(name, q ? Number(q[1]) : 1)
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null
}

/** What the build writes beside each text file (electron.vite.config.ts): the same bytes as `compress` would give. */
const BUILT_SUFFIX = { br: '.br', gzip: '.gz' } as const
const unbrotli = promisify(zlib.brotliDecompress)
const gunzip = promisify(zlib.gunzip)

/**
 * The build's own compressed copy of a file, when it holds exactly the file's bytes; else compressed now. Every run of
 * `serve` listens on a new port, so the browser's first start there has an empty cache and asks for every script:
 * compressing them on that request (brotli at quality 9) put 0.1-0.25 s of CPU per script on the start's path, and 3.5 s
 * for index.js at load average 25. A copy left from another version of the file (a hand edit, a copied folder) is not
 * sent: it is checked against the file once, by decompressing it (a few ms).
 */
async function builtOrCompressed(real: string, identity: Buffer, encoding: 'br' | 'gzip', compress: () => Promise<Buffer>): Promise<Buffer> {
  try {
    const built = await fs.promises.readFile(real + BUILT_SUFFIX[encoding])
    const plain = await (encoding === 'br' ? unbrotli(built) : gunzip(built))
    if (plain.equals(identity)) return built
  } catch {
    // none (a build without them, the dev server) or unreadable: compressed below, as before
  }
  return compress()
}

interface Entry {
  /** The file's version: a rebuild (new size or time) reads it again. */
  version: string
  type: string
  etag: string
  identity: Buffer
  /** The build's compressed copy, else compressed on first request off the event loop (zlib's thread pool); then kept. */
  br?: Promise<Buffer>
  gzip?: Promise<Buffer>
}

export interface StaticReply {
  status: 200 | 304
  headers: Record<string, string>
  body: Buffer | null
}

/**
 * The built renderer's files as replies, read and compressed once per version of each file: hashed assets
 * cached for a year (immutable), other files (index.html) revalidated with an ETag; brotli or gzip when the
 * browser accepts it.
 */
export class StaticFiles {
  private readonly entries = new Map<string, Entry>()

  /** `real` is the resolved file inside the root; `rel` its request path; null when it is not a file. */
  async reply(real: string, rel: string, headers: { acceptEncoding?: string; ifNoneMatch?: string }): Promise<StaticReply | null> {
    const stat = await fs.promises.stat(real)
    if (!stat.isFile()) return null
    const entry = await this.entry(real, `${stat.size}:${stat.mtimeMs}`)
    const ext = path.extname(real)
    const out: Record<string, string> = {
      'content-type': entry.type,
      'cache-control': isHashedAsset(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: entry.etag,
    }
    if (COMPRESSIBLE.has(ext)) out.vary = 'accept-encoding'
    if (headers.ifNoneMatch && headers.ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag)) return { status: 304, headers: out, body: null }
    const encoding = COMPRESSIBLE.has(ext) && entry.identity.length >= MIN_COMPRESS_BYTES ? chooseEncoding(headers.acceptEncoding) : null
    let body = entry.identity
    if (encoding === 'br') body = await (entry.br ??= builtOrCompressed(real, entry.identity, 'br', () => brotli(entry.identity, BROTLI_OPTIONS(entry.identity.length))))
    else if (encoding === 'gzip') body = await (entry.gzip ??= builtOrCompressed(real, entry.identity, 'gzip', () => gzip(entry.identity, GZIP_OPTIONS)))
    if (encoding) out['content-encoding'] = encoding
    out['content-length'] = String(body.length)
    return { status: 200, headers: out, body }
  }

  private async entry(real: string, version: string): Promise<Entry> {
    const known = this.entries.get(real)
    if (known?.version === version) return known
    const identity = await fs.promises.readFile(real)
    const etag = `"${crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`
    const entry: Entry = { version, type: MIME[path.extname(real)] ?? 'application/octet-stream', etag, identity }
    this.entries.set(real, entry)
    return entry
  }
}
