// API pings (app.info over the loopback HTTP adapter) while a 1M-span import
// runs, with the store in the API worker (src/main/worker) against the same
// import served on the HTTP thread itself (the design before the worker), and
// a baseline of pings with no import just before and just after it (the
// machine is shared: its load changes over a run), all in the same run. Also:
// the import's progress as polled meanwhile, and one edit made during its
// write transaction (it waits for the import's commit: one transaction).
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
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
const BASELINE_MS = QUICK ? 2000 : 10_000
const GAP_MS = 10

const dir = tempDir('spanwright-bench-')
const importFile = path.join(dir, 'big.jsonl')
writeBigImportFile(importFile, DOCS, SPANS_PER_DOC)

type Reply = { ok: boolean; value?: any; error?: { code: string; message: string } }
/** One ping's round trip, and the import's phase when it was sent (`control-…` for the control server's pings). */
type Ping = { ms: number; phase: string }

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
async function pings(server: RunningServer, until: () => boolean, phaseNow: () => string = () => 'idle'): Promise<Ping[]> {
  const out: Ping[] = []
  let due = performance.now()
  while (!until()) {
    const phase = phaseNow()
    // The control server (an idle workspace in this same process) is pinged right after, counted the same way.
    for (const [target, s] of [['import', server], ...(control ? [['control', control] as const] : [])] as const) {
      const r = await post(s, 'app.info', {})
      const end = performance.now()
      out.push({ ms: end - due, phase: target === 'control' ? `control-${phase}` : phase })
      if (!r.ok) throw new Error(`ping failed: ${r.error?.message}`)
      due = end + GAP_MS
      await new Promise((res) => setTimeout(res, GAP_MS))
    }
  }
  return out
}

interface DuringImport {
  pings: Ping[]
  importMs: number
  state: string
  /** transfer.job polls answered during the write phase, and the highest `done` they showed. */
  writePolls: number
  writeDoneSeen: number
  /** One edit (session.setAnnotator) sent once the write phase is seen: its round trip and outcome. */
  edit: { ms: number; ok: boolean; error: string | null } | null
}

/** Starts the import, pings until the job settles, and returns the pings and the import's duration. */
async function pingsDuringImport(server: RunningServer, probeEdit: boolean): Promise<DuringImport> {
  const t0 = performance.now()
  const started = await post(server, 'transfer.import', { paths: [importFile] })
  if (!started.ok) throw new Error(`import did not start: ${started.error?.message}`)
  let state = 'running'
  let phase = 'validate'
  let writePolls = 0
  let writeDoneSeen = 0
  let edit: DuringImport['edit'] = null
  let editing: Promise<void> | null = null
  // transfer.job is polled beside the pings, as the import dialog does.
  const poll = (async () => {
    while (state === 'running') {
      const j = await post(server, 'transfer.job', { id: started.value.id })
      state = j.ok ? j.value.state : 'failed'
      if (j.ok && state === 'running') {
        phase = j.value.phase
        if (phase === 'write') {
          writePolls++
          writeDoneSeen = Math.max(writeDoneSeen, j.value.done)
          if (probeEdit && !editing && j.value.done > 0) {
            const e0 = performance.now()
            editing = post(server, 'session.setAnnotator', { name: 'editor' }).then((r) => {
              edit = { ms: round(performance.now() - e0), ok: r.ok, error: r.ok ? null : `${r.error?.code}: ${r.error?.message}` }
            })
          }
        }
      }
      if (state === 'running') await new Promise((res) => setTimeout(res, 100))
    }
  })()
  const ms = await pings(server, () => state !== 'running', () => phase)
  await poll
  await editing
  return { pings: ms, importMs: performance.now() - t0, state, writePolls, writeDoneSeen, edit }
}

function summary(ps: Ping[]) {
  const ms = ps.map((p) => p.ms)
  if (!ms.length) return { pings: 0 }
  return { pings: ms.length, p50Ms: round(median(ms)), p95Ms: round(percentile(ms, 95)), p99Ms: round(percentile(ms, 99)), maxMs: round(Math.max(...ms)) }
}
const inPhase = (ps: Ping[], phase: string) => summary(ps.filter((p) => p.phase === phase))
const own = (ps: Ping[]) => ps.filter((p) => !p.phase.startsWith('control-'))
const controls = (ps: Ping[]) => ps.filter((p) => p.phase.startsWith('control-'))
const load = () => os.loadavg().map((x) => round(x, 1))

/**
 * A control: a second workspace with its own API workers and HTTP server in this process, never importing,
 * pinged in turn with the importing one. What slows both is the machine (or the process); what slows only the
 * importing one is the import's own workspace (locks, its worker).
 */
let control: RunningServer | null = null

// With the worker.
console.error(`worker bench: ${DOCS} documents, ${DOCS * SPANS_PER_DOC} spans; pings with the API worker`)
const controlWs = tempStore()
controlWs.store.close()
const controlHost = new ApiWorkerHost({ file: controlWs.file, version: appVersion(), transport: 'http', openOptions: { rollingBackups: false } })
await controlHost.start()
control = await startHttpServer({ call: controlHost.call, download: controlHost.download, staticDir: dir })
const ws = tempStore()
ws.store.close()
const host = new ApiWorkerHost({ file: ws.file, version: appVersion(), transport: 'http', openOptions: { rollingBackups: false } })
await host.start()
const viaWorker = await startHttpServer({ call: host.call, download: host.download, staticDir: dir })
const loadBefore = load()
const idleUntil = (ms: number) => {
  const deadline = performance.now() + ms
  return () => performance.now() > deadline
}
const idleBefore = await pings(viaWorker, idleUntil(BASELINE_MS))
const worker = await pingsDuringImport(viaWorker, true)
const idleAfter = await pings(viaWorker, idleUntil(BASELINE_MS))
const loadAfter = load()
await viaWorker.close()
await host.close()
await control.close()
await controlHost.close()
control = null

// The same import served on the HTTP thread (no worker).
console.error('worker bench: the same import on the HTTP thread')
const inline = tempStore()
inline.store.close()
const ctx = { store: openStore(inline.file, { rollingBackups: false }), version: appVersion(), transport: 'http' as const }
const sameThread = await startHttpServer({ handlers: createApiHandlers(ctx), staticDir: dir })
const inThread = await pingsDuringImport(sameThread, false)
await sameThread.close()
ctx.store.close()
// The generated import file and the three workspaces are hundreds of MB: not left in the user's temp folder.
for (const d of [dir, controlWs.dir, ws.dir, inline.dir]) fs.rmSync(d, { recursive: true, force: true })

report({
  pingDuringImport: {
    spans: DOCS * SPANS_PER_DOC,
    documents: DOCS,
    gapMs: GAP_MS,
    withWorker: {
      ...summary(own(worker.pings)),
      importMs: Math.round(worker.importMs),
      state: worker.state,
      validatePhase: inPhase(worker.pings, 'validate'),
      writePhase: inPhase(worker.pings, 'write'),
      progressPollsDuringWrite: worker.writePolls,
      writeDoneSeen: worker.writeDoneSeen,
      editDuringWrite: worker.edit,
    },
    baselineNoImport: { ...summary(own([...idleBefore, ...idleAfter])), before: summary(own(idleBefore)), after: summary(own(idleAfter)) },
    controlDuringImport: summary(controls(worker.pings)),
    controlNoImport: summary(controls([...idleBefore, ...idleAfter])),
    baselineSameThread: { ...summary(inThread.pings), importMs: Math.round(inThread.importMs), state: inThread.state },
    loadAverage: { before: loadBefore, after: loadAfter },
    target: 'withWorker.p99Ms <= 50',
  },
})
