import type { ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeBigImportFile } from '../../../helpers/bigImportFile'
import { callApi as call, startServe as startServeProcess } from '../../../helpers/serveProcess'
import { tempDir } from '../../../helpers/tempWorkspace'

/**
 * A real `spanwright serve` process: its API worker runs a big import while
 * the HTTP thread goes on answering calls, and a cancel leaves the workspace
 * as it was.
 */

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGTERM')
})

async function startServe(dir: string): Promise<{ port: number; token: string }> {
  const serve = await startServeProcess(dir)
  children.push(serve.child)
  return serve
}

describe('spanwright serve with the API worker', () => {
  it('answers calls while a big import runs, and the import lands whole', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'big.jsonl')
    writeBigImportFile(file, 20_000)
    const { port, token } = await startServe(dir)
    const count = async () => {
      const r = await call(port, token, 'documents.counts', { annotator: 'importer' })
      if (!r.ok) throw new Error(r.error.message)
      return r.value.total as number
    }
    const before = await count()
    const started = await call(port, token, 'transfer.import', { paths: [file] })
    if (!started.ok) throw new Error(started.error.message)
    let answeredWhileRunning = 0
    for (;;) {
      const info = await call(port, token, 'app.info', {})
      expect(info.ok).toBe(true)
      const job = await call(port, token, 'transfer.job', { id: started.value.id })
      if (!job.ok) throw new Error(job.error.message)
      if (job.value.state !== 'running') {
        expect(job.value.state).toBe('done')
        break
      }
      answeredWhileRunning++
    }
    // The import yields between slices of records, and every call goes through the HTTP thread.
    expect(answeredWhileRunning).toBeGreaterThan(1)
    expect(await count()).toBe(before + 20_000)
  })

  it('a cancel stops the import, with nothing written', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'big.jsonl')
    writeBigImportFile(file, 20_000)
    const { port, token } = await startServe(dir)
    const before = await call(port, token, 'documents.counts', { annotator: 'importer' })
    const started = await call(port, token, 'transfer.import', { paths: [file] })
    if (!started.ok) throw new Error(started.error.message)
    const cancelled = await call(port, token, 'transfer.cancel', { id: started.value.id })
    expect(cancelled.ok).toBe(true)
    let state = 'running'
    while (state === 'running') {
      const job = await call(port, token, 'transfer.job', { id: started.value.id })
      if (!job.ok) throw new Error(job.error.message)
      state = job.value.state
    }
    expect(state).toBe('cancelled')
    expect(await call(port, token, 'documents.counts', { annotator: 'importer' })).toEqual(before)
  })
})
