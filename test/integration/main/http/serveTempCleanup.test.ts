import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../src/main/api/handlerTable'
import { startHttpServer } from '../../../../src/main/http/httpServer'
import { saveUpload, transferTempRoot } from '../../../../src/main/services/jobs/uploads'
import { callApi, startServe as startServeProcess } from '../../../helpers/serveProcess'
import { tempDir, tempStore } from '../../../helpers/tempWorkspace'

/**
 * A real `spanwright serve` process: uploads and download-only exports live
 * in a temp folder of its own, and that folder is gone once it exits on
 * SIGINT or SIGTERM.
 */

const startServe = () => startServeProcess(tempDir())

async function call<T>(port: number, token: string, method: string, args: unknown): Promise<T> {
  const reply = await callApi(port, token, method, args)
  if (reply.ok) return reply.value as T
  throw new Error(reply.error?.message)
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

describe('serve removes its temporary upload and export folders when it exits', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal}`, async () => {
      const { child, port, token } = await startServe()
      try {
        const line = JSON.stringify({ id: 'up-1', text: 'Kerry met Michel.', annotator: 'a', spans: [{ start: 0, end: 5, label: 'PERSON' }] })
        const upload = await call<{ path: string }>(port, token, 'transfer.upload', { name: 'one.jsonl', base64: Buffer.from(line).toString('base64') })
        const job = await call<{ id: string }>(port, token, 'transfer.export', { format: 'jsonl' })
        let status: { state: string; downloads: unknown[] } = { state: 'running', downloads: [] }
        for (let i = 0; i < 200 && status.state === 'running'; i++) {
          await new Promise((r) => setTimeout(r, 50))
          status = await call(port, token, 'transfer.job', { id: job.id })
        }
        expect(status.state).toBe('done')
        const root = path.dirname(path.dirname(upload.path))
        expect(path.basename(root)).toBe(`spanwright-transfer-${child.pid}`)
        expect(fs.readdirSync(root).sort().map((n) => n.replace(/-.*/, ''))).toEqual(['export', 'upload'])
        const code = exited(child)
        child.kill(signal)
        expect(await code).toBe(0)
        expect(fs.existsSync(root)).toBe(false)
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL')
      }
    }, 60_000)
  }
})

describe('closing the server normally removes them too', () => {
  it('server.close()', async () => {
    const { store } = tempStore()
    const staticDir = tempDir()
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
    const server = await startHttpServer({ handlers: createHandlers({ store, version: 't', transport: 'http' }), staticDir, port: 0 })
    const up = saveUpload('notes.jsonl', Buffer.from('{}\n').toString('base64'))
    expect(fs.existsSync(up.path)).toBe(true)
    expect(up.path.startsWith(transferTempRoot())).toBe(true)
    await server.close()
    expect(fs.existsSync(transferTempRoot())).toBe(false)
    store.close()
  })
})
