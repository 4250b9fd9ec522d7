// API pings (app.info over the loopback HTTP adapter) while a 1M-span import
// runs, with the store in the API worker (src/main/worker) against the same
// import served on the HTTP thread itself (the design before the worker), and
// a baseline of pings with no import, all in the same run.
import http from 'node:http'
import path from 'node:path'
import { createApiHandlers } from '../../src/main/api/liveHandlers'
import { startHttpServer } from '../../src/main/http/httpServer'
import type { RunningServer } from '../../src/main/http/httpServer'
import { appVersion } from '../../src/main/cli/appVersion'
import { openStore } from '../../src/main/store/store'
import { ApiWorkerHost } from '../../src/main/worker/apiWorkerHost'
import { writeBigImportFile } from '../helpers/bigImportFile'
import { tempDir, tempStore } from '../helpers/tempWorkspace'
import { median, percentile, QUICK, report, round } from './benchUtil'

const DOCS = QUICK ? 10_000 : 100_000
const SPANS_PER_DOC = 10
const BASELINE_MS = QUICK ? 1000 : 3000
const GAP_MS = 10

const dir = tempDir('spanwright-bench-')
const importFile = path.join(dir, 'big.jsonl')
writeBigImportFile(importFile, DOCS, SPANS_PER_DOC)

type Reply = { ok: boolean; value?: any; error?: { message: string } }

function post(server: RunningServer, method: string, args: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      // A fresh connection each time: a kept-alive socket the server is closing would reset mid-ping.
      { agent: false, host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(args))
  })
}

/**
 * Pings one at a time, GAP_MS apart, until `until()` says stop. Each round
 * trip counts from when the ping was due, so a thread too busy to even send
 * it (the same-thread baseline) is charged for the wait.
 */
async function pings(server: RunningServer, until: () => boolean): Promise<number[]> {
  const out: number[] = []
  let due = performance.now()
  while (!until()) {
    const r = await post(server, 'app.info', {})
    const end = performance.now()
    out.push(end - due)
    if (!r.ok) throw new Error(`ping failed: ${r.error?.message}`)
    due = end + GAP_MS
    await new Promise((res) => setTimeout(res, GAP_MS))
  }
  return out
}

/** Starts the import, pings until the job settles, and returns the pings and the import's duration. */
async function pingsDuringImport(server: RunningServer): Promise<{ ms: number[]; importMs: number; state: string }> {
  const t0 = performance.now()
  const started = await post(server, 'transfer.import', { paths: [importFile] })
  if (!started.ok) throw new Error(`import did not start: ${started.error?.message}`)
  let state = 'running'
  // transfer.job is polled beside the pings, as the import dialog does.
  const poll = (async () => {
    while (state === 'running') {
      const j = await post(server, 'transfer.job', { id: started.value.id })
      state = j.ok ? j.value.state : 'failed'
      if (state === 'running') await new Promise((res) => setTimeout(res, 100))
    }
  })()
  const ms = await pings(server, () => state !== 'running')
  await poll
  return { ms, importMs: performance.now() - t0, state }
}

const summary = (ms: number[]) => ({ pings: ms.length, p50Ms: round(median(ms)), p99Ms: round(percentile(ms, 99)), maxMs: round(Math.max(...ms)) })

// With the worker.
console.error(`worker bench: ${DOCS} documents, ${DOCS * SPANS_PER_DOC} spans; pings with the API worker`)
const ws = tempStore()
ws.store.close()
const host = new ApiWorkerHost({ file: ws.file, version: appVersion(), transport: 'http', openOptions: { rollingBackups: false } })
await host.start()
const viaWorker = await startHttpServer({ call: host.call, download: host.download, staticDir: dir })
const idleDeadline = performance.now() + BASELINE_MS
const idle = await pings(viaWorker, () => performance.now() > idleDeadline)
const worker = await pingsDuringImport(viaWorker)
await viaWorker.close()
await host.close()

// The same import served on the HTTP thread (no worker).
console.error('worker bench: the same import on the HTTP thread')
const inline = tempStore()
inline.store.close()
const ctx = { store: openStore(inline.file, { rollingBackups: false }), version: appVersion(), transport: 'http' as const }
const sameThread = await startHttpServer({ handlers: createApiHandlers(ctx), staticDir: dir })
const inThread = await pingsDuringImport(sameThread)
await sameThread.close()
ctx.store.close()

report({
  pingDuringImport: {
    spans: DOCS * SPANS_PER_DOC,
    documents: DOCS,
    gapMs: GAP_MS,
    withWorker: { ...summary(worker.ms), importMs: Math.round(worker.importMs), state: worker.state },
    baselineNoImport: summary(idle),
    baselineSameThread: { ...summary(inThread.ms), importMs: Math.round(inThread.importMs), state: inThread.state },
    target: 'withWorker.p99Ms <= 50',
  },
})
