import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { BIN } from './cliRun'

/**
 * A real `spanwright serve` process on a free loopback port, as a user starts
 * it, for tests that need the HTTP thread and the API worker as they ship.
 * The renderer folder holds a stub page: these tests call the API only.
 */

export interface ServeProcess {
  child: ChildProcess
  port: number
  token: string
}

/** Starts `serve --db <db>` with `dir` as its home; resolves once it prints its URL. */
export function startServe(dir: string, db = path.join(dir, 'w.spanwright')): Promise<ServeProcess> {
  const out = path.join(dir, 'out')
  fs.mkdirSync(path.join(out, 'renderer'), { recursive: true })
  fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html>')
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], {
    env: { ...process.env, SPANWRIGHT_OUT: out, SPANWRIGHT_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString()
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(text)
      if (m) resolve({ child, port: Number(m[1]), token: m[2] })
    })
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before printing its URL: ${text}`)))
  })
}

export interface RawReply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** One API call as the renderer makes it (bearer token, JSON body), with the reply's bytes untouched. */
export function postApi(port: number, token: string, method: string, body: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

export type ApiReply = { ok: true; value: any } | { ok: false; error: { code: string; message: string } }

/** `postApi` with the arguments and the reply as JSON. */
export async function callApi(port: number, token: string, method: string, args: unknown): Promise<ApiReply> {
  const raw = await postApi(port, token, method, JSON.stringify(args))
  return JSON.parse(raw.body.toString('utf8')) as ApiReply
}
